package dev.sfsync.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.store.AsInbound;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The chaos trials ({@code ./mvnw -Pchaos verify}): sfsync processes killed with SIGKILL
 * at random points of backfills, incremental runs and outbound bursts, the database
 * killed and started again under inbound and outbound runs, and launches of one object
 * type from several processes at once. After each trial the work is finished by launching
 * again, as a scheduler would, and checked against the emulator: records lost, records
 * duplicated. At the end: changes left pending in the outbox, runs left STARTING, STARTED
 * or UNKNOWN, and runs of one object type that overlapped. Exits non-zero when any is not
 * zero. Sizes and counts come from {@code -Dchaos.<name>=…}.
 */
public final class ChaosSuite {

	private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

	private final ChaosEnvironment environment;

	private final EmulatorAdmin.Org org;

	private final Random random = new Random(Long.getLong("chaos.seed", System.nanoTime()));

	private final List<Trial> trials = new ArrayList<>();

	private ChaosSuite(ChaosEnvironment environment, EmulatorAdmin.Org org) {
		this.environment = environment;
		this.org = org;
	}

	/** One trial's result. */
	record Trial(String name, long lost, long duplicated, String detail) {

		boolean passed() {
			return this.lost == 0 && this.duplicated == 0 && !this.detail.startsWith("FAILED");
		}

	}

	public static void main(String[] args) throws Exception {
		int contacts = Integer.getInteger("chaos.contacts", 20_000);
		int backfillKills = Integer.getInteger("chaos.backfill-kills", 8);
		int incrementalKills = Integer.getInteger("chaos.incremental-kills", 6);
		int outboundKills = Integer.getInteger("chaos.outbound-kills", 6);
		int databaseRestarts = Integer.getInteger("chaos.database-restarts", 3);
		int reconcileKills = Integer.getInteger("chaos.reconcile-kills", 2);
		try (ChaosEnvironment environment = ChaosEnvironment.open()) {
			EmulatorAdmin.Org org = environment.admin().org("Chaos Org", Map.of());
			environment.admin()
				.post("/emulator/orgs/" + org.id() + "/seed",
						Map.of("objects", Map.of("Contact", contacts), "badShare", 0, "seed", 17));
			List<String> connections = new ArrayList<>(List.of("incremental", "outbound", "concurrent"));
			for (int i = 1; i <= backfillKills; i++) {
				connections.add("backfill-" + i);
			}
			for (int i = 1; i <= databaseRestarts; i++) {
				connections.add("database-" + i);
			}
			environment.connect(org, connections.toArray(String[]::new));
			ChaosSuite suite = new ChaosSuite(environment, org);
			boolean ok = suite.run(backfillKills, incrementalKills, reconcileKills, outboundKills, databaseRestarts);
			System.exit(ok ? 0 : 1);
		}
	}

	private boolean run(int backfillKills, int incrementalKills, int reconcileKills, int outboundKills,
			int databaseRestarts) throws Exception {
		for (int i = 1; i <= backfillKills; i++) {
			backfillKilled("backfill-" + i);
		}
		// All but one under a backfill, the last under an outbound burst; none when none.
		int inboundRestarts = (databaseRestarts == 0) ? 0 : Math.max(1, databaseRestarts - 1);
		for (int i = 1; i <= inboundRestarts; i++) {
			databaseRestartedUnderBackfill("database-" + i);
		}
		complete("incremental");
		for (int i = 1; i <= incrementalKills; i++) {
			incrementalKilled("incremental", i);
		}
		for (int i = 1; i <= reconcileKills; i++) {
			reconcileKilled("incremental", i);
		}
		concurrentLaunches("concurrent");
		outbound(outboundKills, databaseRestarts - inboundRestarts);
		return report();
	}

	/** A backfill killed at a random point, then launched again until it completes. */
	private void backfillKilled(String connection) throws Exception {
		Process process = this.environment.sfsync("run", "contact-inbound", "--connection=" + connection);
		int after = killAfter(process, 3_000, 14_000);
		String detail = "killed after " + after + " ms; " + complete(connection);
		inboundChecked("backfill killed " + connection, connection, detail);
	}

	/** New changes in Salesforce, an incremental run killed, then launched again. */
	private void incrementalKilled(String connection, int round) throws Exception {
		seedContacts(1_000, 100 + round);
		Process process = this.environment.sfsync("run", "contact-inbound", "--connection=" + connection);
		int after = killAfter(process, 2_000, 10_000);
		String detail = "killed after " + after + " ms; " + complete(connection);
		inboundChecked("incremental killed #" + round, connection, detail);
	}

	/**
	 * Drift no window can see (app rows lost and changes missed, written as an inbound
	 * run writes; records purged from Salesforce's Recycle Bin), then a reconcile run
	 * killed at a random point and launched again until it completes: the app must then
	 * hold every live record once, current, and none of the purged ones live.
	 */
	private void reconcileKilled(String connection, int round) throws Exception {
		JdbcTemplate jdbc = this.environment.jdbc();
		List<String> ids = jdbc.queryForList("SELECT salesforce_contact_id FROM contacts WHERE connection_id = ? AND"
				+ " deleted = FALSE ORDER BY RAND(?) LIMIT 700", String.class, connection, round);
		List<String> lost = ids.subList(0, 300);
		List<String> stale = ids.subList(300, 600);
		List<String> purged = ids.subList(600, ids.size());
		AsInbound.update(jdbc, "DELETE FROM contacts WHERE connection_id = '" + connection
				+ "' AND salesforce_contact_id IN (" + AsInbound.quoted(lost) + ")");
		AsInbound.update(jdbc,
				"UPDATE contacts SET title = 'Stale', external_updated_at = external_updated_at - INTERVAL 1"
						+ " DAY WHERE connection_id = '" + connection + "' AND salesforce_contact_id IN ("
						+ AsInbound.quoted(stale) + ")");
		for (String id : purged) {
			this.environment.admin()
				.send("DELETE", "/emulator/orgs/" + this.org.id() + "/records/Contact/" + id + "?purge=true", null);
		}
		long before = jdbc.queryForObject("SELECT COALESCE(MAX(job_execution_id), 0) FROM sync_run", Long.class);
		Process process = this.environment.sfsync("run", "contact-reconcile", "--connection=" + connection);
		// Under the run, not under the process's start: once its execution has started.
		ChaosEnvironment.await(Duration.ofSeconds(60),
				() -> jdbc.queryForObject(
						"SELECT COUNT(*) FROM sync_run WHERE connection_id = ? AND job_name ="
								+ " 'contact-reconcile' AND job_execution_id > ? AND status <> 'STARTING'",
						Long.class, connection, before) > 0);
		int after = killAfter(process, 0, 3_000);
		String detail = "killed " + after + " ms after its run started; " + complete(connection, "contact-reconcile");
		long live = this.environment.salesforceCount(this.org, "SELECT COUNT() FROM Contact");
		long appLive = jdbc.queryForObject(
				"SELECT COUNT(DISTINCT salesforce_contact_id) FROM contacts WHERE connection_id = ? AND deleted = FALSE",
				Long.class, connection);
		long rows = jdbc.queryForObject("SELECT COUNT(*) FROM contacts WHERE connection_id = ?", Long.class,
				connection);
		long distinct = jdbc.queryForObject(
				"SELECT COUNT(DISTINCT salesforce_contact_id) FROM contacts WHERE connection_id = ?", Long.class,
				connection);
		long staleLeft = jdbc.queryForObject(
				"SELECT COUNT(*) FROM contacts WHERE connection_id = ? AND deleted =" + " FALSE AND title = 'Stale'",
				Long.class, connection);
		long purgedLive = jdbc.queryForObject(
				"SELECT COUNT(*) FROM contacts WHERE connection_id = ? AND deleted ="
						+ " FALSE AND salesforce_contact_id IN (" + AsInbound.quoted(purged) + ")",
				Long.class, connection);
		Trial trial = new Trial("reconcile killed #" + round, Math.max(0, live - appLive) + staleLeft,
				rows - distinct + purgedLive,
				detail + "; " + lost.size() + " lost, " + stale.size() + " stale, " + purged.size() + " purged; "
						+ staleLeft + " still stale, " + purgedLive + " purged still live");
		this.trials.add(trial);
		System.out.println("chaos: " + (trial.passed() ? "passed " : "FAILED ") + trial);
	}

	/** The database killed under a backfill and started again. */
	private void databaseRestartedUnderBackfill(String connection) throws Exception {
		Process process = this.environment.sfsync("run", "contact-inbound", "--connection=" + connection);
		// Under the run, not under the process's start: once its execution has started.
		ChaosEnvironment.await(Duration.ofSeconds(60),
				() -> this.environment.jdbc()
					.queryForObject("""
							SELECT COUNT(*) FROM sync_run WHERE connection_id = ? AND status = 'STARTED'""", Long.class,
							connection) > 0);
		Thread.sleep(this.random.nextInt(3_000));
		this.environment.killDatabase();
		Thread.sleep(2_000);
		this.environment.startDatabase();
		int code = ChaosEnvironment.exit(process, RUN_TIMEOUT);
		if (code == -1) {
			ChaosEnvironment.kill(process);
		}
		String detail = "the run under the restart exited " + ((code == -1) ? "never (killed)" : code) + "; "
				+ complete(connection);
		inboundChecked("database restarted under " + connection, connection, detail);
	}

	/** Three processes launch the same object type at once. */
	private void concurrentLaunches(String connection) throws Exception {
		complete(connection);
		for (int round = 1; round <= 2; round++) {
			seedContacts(500, 200 + round);
			List<Process> processes = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				processes.add(this.environment.sfsync("run", "contact-inbound", "--connection=" + connection));
			}
			List<Integer> codes = new ArrayList<>();
			for (Process process : processes) {
				codes.add(ChaosEnvironment.exit(process, RUN_TIMEOUT));
			}
			boolean expected = codes.stream().allMatch((code) -> code == 0 || code == 8) && codes.contains(0);
			String detail = (expected ? "" : "FAILED: ") + "exit codes " + codes + "; " + complete(connection);
			inboundChecked("concurrent launches #" + round, connection, detail);
		}
	}

	/**
	 * Bursts of app changes sent by a service process that is killed mid-burst and
	 * started again, and one burst under a database restart that the service lives
	 * through.
	 */
	private void outbound(int kills, int databaseRestarts) throws Exception {
		Process service = serve();
		long sent = 0;
		for (int round = 1; round <= kills + databaseRestarts; round++) {
			boolean databaseRound = round > kills;
			insertCompanies("outbound", 1_000, round);
			sent += 1_000;
			Thread.sleep(1_000 + this.random.nextInt(4_000));
			String what;
			if (databaseRound) {
				this.environment.killDatabase();
				Thread.sleep(2_000);
				this.environment.startDatabase();
				what = "database restarted under the burst, the service kept";
			}
			else {
				ChaosEnvironment.kill(service);
				// Accounts the killed run created, whose Ids it never stored, are read
				// before it is sent again: inbound links them to their app rows.
				String inbound = complete("outbound", "account-inbound");
				service = serve();
				what = "service killed mid-burst, account inbound " + inbound + ", service started again";
			}
			boolean drained = ChaosEnvironment.await(RUN_TIMEOUT, () -> pending("outbound") == 0);
			List<String> ids = this.environment.salesforceValues(this.org,
					"SELECT Sfsync_Id__c FROM Account WHERE Sfsync_Id__c LIKE 'companies-%'");
			long distinct = new HashSet<>(ids).size();
			JdbcTemplate jdbc = this.environment.jdbc();
			long appRows = jdbc.queryForObject(
					"SELECT COUNT(*) FROM companies WHERE connection_id = 'outbound' AND name LIKE 'Chaos %'",
					Long.class);
			long failed = jdbc.queryForObject(
					"SELECT COUNT(*) FROM sync_outbox WHERE connection_id = 'outbound' AND status = 'FAILED'",
					Long.class);
			what += "; " + linked() + " app rows linked by inbound so far";
			String problems = (drained ? "" : pending("outbound") + " changes still pending; ")
					+ ((failed == 0) ? "" : failed + " changes failed; ");
			this.trials.add(new Trial("outbound #" + round, sent - distinct, ids.size() - distinct + appRows - sent,
					(problems.isEmpty() ? "" : "FAILED: " + problems) + what));
		}
		ChaosEnvironment.kill(service);
	}

	/** A service process with the outbox dispatcher, once it has started. */
	private Process serve() throws Exception {
		Process service = this.environment.sfsync("serve", "--server.port=0", "--sfsync.outbound.dispatch=true",
				"--spring.quartz.auto-startup=false");
		if (!this.environment.awaitStarted(service)) {
			throw new IllegalStateException("The service did not start; see its log in " + this.environment.folder());
		}
		return service;
	}

	/**
	 * Launches the connection's contacts until a run completes, as a scheduler would: a
	 * launch refused while a dead run's claim lapses is tried again.
	 */
	private String complete(String connection) throws Exception {
		return complete(connection, "contact-inbound");
	}

	/** Launches a job of the connection until a run completes. */
	private String complete(String connection, String job) throws Exception {
		List<Integer> codes = new ArrayList<>();
		for (int attempt = 0; attempt < 15; attempt++) {
			Process process = this.environment.sfsync("run", job, "--connection=" + connection);
			int code = ChaosEnvironment.exit(process, RUN_TIMEOUT);
			if (code == -1) {
				ChaosEnvironment.kill(process);
			}
			codes.add(code);
			if (code == 0) {
				return "completed after launches exiting " + codes;
			}
			Thread.sleep(2_000);
		}
		return "FAILED: never completed, launches exited " + codes;
	}

	private void inboundChecked(String name, String connection, String detail) throws Exception {
		long expected = this.environment.salesforceCount(this.org, "SELECT COUNT() FROM Contact");
		JdbcTemplate jdbc = this.environment.jdbc();
		long rows = jdbc.queryForObject("SELECT COUNT(*) FROM contacts WHERE connection_id = ?", Long.class,
				connection);
		long distinct = jdbc.queryForObject(
				"SELECT COUNT(DISTINCT salesforce_contact_id) FROM contacts WHERE connection_id = ?", Long.class,
				connection);
		Trial trial = new Trial(name, Math.max(0, expected - distinct), rows - distinct, detail);
		this.trials.add(trial);
		System.out.println("chaos: " + (trial.passed() ? "passed " : "FAILED ") + trial);
	}

	private int killAfter(Process process, int fromMillis, int toMillis) throws InterruptedException {
		int after = fromMillis + this.random.nextInt(toMillis - fromMillis);
		if (ChaosEnvironment.exit(process, Duration.ofMillis(after)) == -1) {
			ChaosEnvironment.kill(process);
		}
		return after;
	}

	/**
	 * New contacts in Salesforce, created one by one as users would (a seed dates its
	 * records over the last month, before any incremental window).
	 */
	private void seedContacts(int count, int round) throws InterruptedException {
		for (int i = 0; i < count; i++) {
			this.environment.admin()
				.create(this.org, "Contact", Map.of("FirstName", "Chaos", "LastName", "Round " + round + "-" + i,
						"Email", "chaos-" + round + "-" + i + "@example.com"));
		}
		// Their SystemModstamp is now: the next window ends after it.
		Thread.sleep(1_100);
	}

	private void insertCompanies(String connection, int count, int round) {
		StringBuilder sql = new StringBuilder("INSERT INTO companies (connection_id, name) VALUES ");
		for (int i = 0; i < count; i++) {
			sql.append((i > 0) ? ", " : "")
				.append("('")
				.append(connection)
				.append("', 'Chaos ")
				.append(round)
				.append('-')
				.append(i)
				.append("')");
		}
		this.environment.jdbc().update(sql.toString());
	}

	/**
	 * App rows the account inbound runs linked to the Accounts a killed outbound run had
	 * created before it could store their Ids, as their logs say.
	 */
	private long linked() throws IOException {
		Pattern linked = Pattern.compile("Linked (\\d+) of outbound's companies rows");
		long total = 0;
		try (Stream<Path> logs = Files.list(this.environment.folder())) {
			for (Path log : logs.filter((path) -> path.toString().endsWith("-run.log")).toList()) {
				Matcher matcher = linked.matcher(Files.readString(log));
				while (matcher.find()) {
					total += Long.parseLong(matcher.group(1));
				}
			}
		}
		return total;
	}

	private long pending(String connection) {
		return this.environment.jdbc()
			.queryForObject("SELECT COUNT(*) FROM sync_outbox WHERE connection_id = ? AND status = 'PENDING'",
					Long.class, connection);
	}

	private boolean report() throws Exception {
		JdbcTemplate jdbc = this.environment.jdbc();
		// Runs the last kills left are recovered by the next launch, or by a sweep.
		ChaosEnvironment.await(Duration.ofSeconds(90), () -> leftRunning(jdbc) == 0);
		long left = leftRunning(jdbc);
		long pending = jdbc.queryForObject("SELECT COUNT(*) FROM sync_outbox WHERE status = 'PENDING'", Long.class);
		long overlapping = overlapping(jdbc);
		long passed = this.trials.stream().filter(Trial::passed).count();
		long lost = this.trials.stream().mapToLong(Trial::lost).sum();
		long duplicated = this.trials.stream().mapToLong(Trial::duplicated).sum();
		System.out.println();
		for (Trial trial : this.trials) {
			System.out.printf("chaos: %-6s %-40s lost %d, duplicated %d; %s%n", trial.passed() ? "passed" : "FAILED",
					trial.name(), trial.lost(), trial.duplicated(), trial.detail());
		}
		System.out.printf(
				"chaos: %d trials, %d passed, %d lost, %d duplicated, %d changes left pending,"
						+ " %d runs left STARTING, STARTED or UNKNOWN, %d overlapping runs of one object type%n",
				this.trials.size(), passed, lost, duplicated, pending, left, overlapping);
		System.out.println("chaos: the processes' logs are in " + this.environment.folder());
		return passed == this.trials.size() && pending == 0 && left == 0 && overlapping == 0;
	}

	private static long leftRunning(JdbcTemplate jdbc) {
		return jdbc.queryForObject(
				"SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTING', 'STARTED', 'STOPPING', 'UNKNOWN')",
				Long.class);
	}

	/**
	 * Pairs of runs of the same connection, object type and direction whose times
	 * overlapped: what the launch claim forbids.
	 */
	private static long overlapping(JdbcTemplate jdbc) {
		record Run(String key, LocalDateTime start, LocalDateTime end) {
		}
		List<Run> runs = jdbc.query("""
				SELECT c.PARAMETER_VALUE, i.JOB_NAME, COALESCE(e.START_TIME, e.CREATE_TIME), e.END_TIME
				FROM BATCH_JOB_EXECUTION e
				JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				JOIN BATCH_JOB_EXECUTION_PARAMS c ON c.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
					AND c.PARAMETER_NAME = 'connection'""", (rs, n) -> {
			String job = rs.getString(2);
			String direction = job.endsWith("-outbound") ? "outbound" : "inbound";
			String object = job.substring(0, job.lastIndexOf('-'));
			LocalDateTime end = rs.getObject(4, LocalDateTime.class);
			return new Run(rs.getString(1) + "/" + object + "/" + direction, rs.getObject(3, LocalDateTime.class),
					(end != null) ? end : LocalDateTime.MAX);
		});
		long overlaps = 0;
		for (int i = 0; i < runs.size(); i++) {
			for (int j = i + 1; j < runs.size(); j++) {
				Run a = runs.get(i);
				Run b = runs.get(j);
				if (a.key().equals(b.key()) && a.start().isBefore(b.end()) && b.start().isBefore(a.end())) {
					overlaps++;
					System.out.println("chaos: overlapping runs of " + a.key() + ": " + a + " and " + b);
				}
			}
		}
		return overlaps;
	}

}
