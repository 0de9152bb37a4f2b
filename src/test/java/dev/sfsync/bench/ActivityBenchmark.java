package dev.sfsync.bench;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.sfsync.bench.BenchmarkEnvironment.seconds;

/**
 * The activity API over 10,000 runs (30 days of them, 30,000 steps) and 1,000,000 planted
 * record outcomes, one run holding 50,000 of them, called over HTTP with a login like the
 * page does: each call's median and slowest time over 20 calls after 3 warm-ups. The
 * targets are the activity issue's: the runs list under 200 ms, the first page of a run's
 * records under 300 ms.
 */
final class ActivityBenchmark implements Benchmark {

	private static final int RUNS = 10_000;

	private static final int BIG_RUN_OUTCOMES = 50_000;

	private static final long FIRST_ID = 10_000_000L;

	private static final List<String> OBJECTS = List.of("account", "user", "contact", "lead", "opportunity",
			"opportunity-contact-role", "campaign", "campaign-member", "task", "event", "invoice__c");

	@Override
	public String name() {
		return "activity";
	}

	@Override
	public List<BenchmarkResult> run(BenchmarkEnvironment environment) throws Exception {
		int outcomes = BenchmarkEnvironment.size("outcomes", 1_000_000);
		try (ConfigurableApplicationContext context = environment.startWeb("sfsync.security.users[0].username=admin",
				"sfsync.security.users[0].password=" + BenchmarkHttp.PASSWORD_HASH,
				"sfsync.security.users[0].roles=PLATFORM", "sfsync.security.users[1].username=acme",
				"sfsync.security.users[1].password=" + BenchmarkHttp.PASSWORD_HASH,
				"sfsync.security.users[1].roles=ADMIN", "sfsync.security.users[1].connections=acme")) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
			long planting = System.nanoTime();
			plant(jdbc, now, outcomes);
			System.out.printf("activity: planted %,d runs and %,d outcomes in %.1f s%n", RUNS, outcomes,
					seconds(planting));
			jdbc.execute("ANALYZE TABLE sync_record_outcome_log, BATCH_JOB_EXECUTION, BATCH_STEP_EXECUTION,"
					+ " BATCH_JOB_EXECUTION_PARAMS, BATCH_JOB_INSTANCE");
			BenchmarkHttp base = new BenchmarkHttp(
					"http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
			long bigRun = FIRST_ID + 1;
			String n = String.format("%,d",
					jdbc.queryForObject("SELECT COUNT(*) FROM sync_record_outcome", Long.class));
			List<BenchmarkResult> results = new ArrayList<>();
			results.add(BenchmarkResult.figure(name(), "database", String.format("%,d runs, %s outcome rows",
					jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class), n)));
			results.add(time(base, "admin", "runs list, default (last 5 days, first page of 25)", "/api/activity/runs",
					200));
			results.add(time(base, "acme", "runs list, one tenant's connections", "/api/activity/runs", 200));
			results.add(time(base, "admin", "runs list, inbound contacts, Completed, one operation",
					"/api/activity/runs?direction=inbound&objectType=contact&status=Completed&operation=pull-updates",
					200));
			results.add(time(base, "admin", "runs list, sorted by ended, page 40",
					"/api/activity/runs?sort=ended&page=40", 200));
			results.add(time(base, "admin", "runs list, 30 days, last page",
					"/api/activity/runs?from=" + now.minusDays(31) + "Z&page=399", 200));
			results.add(time(base, "admin", "a run with its steps", "/api/activity/runs/" + bigRun, 0));
			results.add(time(base, "admin", "a run's records, first page (run of 50,000 outcomes)",
					"/api/activity/runs/" + bigRun + "/records", 300));
			results.add(time(base, "admin", "a run's skipped records, first page",
					"/api/activity/runs/" + bigRun + "/records?outcome=skipped", 300));
			results.add(time(base, "admin", "a run's records, page 1,000 of 50",
					"/api/activity/runs/" + bigRun + "/records?size=50&page=999", 0));
			Long backfill = jdbc.queryForObject("SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e"
					+ " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
					+ " WHERE i.JOB_NAME = 'contact-backfill'", Long.class);
			if (backfill != null) {
				// The backfill's records are logged in blocks of 5,000 successes.
				results.add(time(base, "admin", "the backfill's records (blocks of 5,000), first page",
						"/api/activity/runs/" + backfill + "/records", 300));
				results.add(time(base, "admin", "the backfill's records, page 10,000 of 50",
						"/api/activity/runs/" + backfill + "/records?size=50&page=9999", 0));
			}
			results.add(time(base, "admin", "recent sync health", "/api/activity/health", 0));
			results.add(export(base, "errors CSV, last 5 days", "/api/activity/errors.csv"));
			return results;
		}
	}

	/**
	 * The median of 20 calls after 3 warm-ups, held against a target in ms when there is
	 * one (0: none).
	 */
	private BenchmarkResult time(BenchmarkHttp base, String user, String measure, String path, int targetMs)
			throws Exception {
		long[] times = base.times(user, path);
		double median = times[times.length / 2] / 1e6;
		String value = String.format("%.0f ms median, %.0f ms slowest", median, times[times.length - 1] / 1e6);
		return (targetMs > 0)
				? BenchmarkResult.target(name(), measure, value, "< " + targetMs + " ms", median < targetMs)
				: BenchmarkResult.figure(name(), measure, value);
	}

	/** The second of two exports (the first warms up), read to the end. */
	private BenchmarkResult export(BenchmarkHttp base, String measure, String path) throws Exception {
		long elapsed = 0;
		String csv = "";
		for (int i = 0; i < 2; i++) {
			long start = System.nanoTime();
			csv = base.get("admin", path).body();
			elapsed = System.nanoTime() - start;
		}
		long rows = csv.lines().count() - 1;
		return BenchmarkResult.figure(name(), measure,
				String.format("%.0f ms, %,d rows, %,.0f rows/s", elapsed / 1e6, rows, rows / (elapsed / 1e9)));
	}

	private static void plant(JdbcTemplate jdbc, LocalDateTime now, int total) {
		List<Object[]> instances = new ArrayList<>();
		List<Object[]> executions = new ArrayList<>();
		List<Object[]> parameters = new ArrayList<>();
		List<Object[]> steps = new ArrayList<>();
		List<Object[]> counts = new ArrayList<>();
		long spacing = 30L * 24 * 3600 / RUNS;
		for (int i = 0; i < RUNS; i++) {
			long id = FIRST_ID + i;
			String object = OBJECTS.get(i % OBJECTS.size());
			String direction = (i % 5 == 4) ? "outbound" : (i == 1) ? "backfill" : "inbound";
			String connection = (i % 10 == 3) ? "globex" : "acme";
			LocalDateTime start = now.minusSeconds(i * spacing + 60);
			String status = (i == 0) ? "STARTED" : (i % 50 == 7) ? "FAILED" : "COMPLETED";
			LocalDateTime end = (i == 0) ? null : start.plusSeconds(20 + i % 40);
			instances.add(new Object[] { id, 0, object + "-" + direction, String.format("%032x", i) });
			executions.add(new Object[] { id, 1, id, ts(start), ts(start), ts(end), status,
					status.equals("FAILED") ? "API_LIMIT_EXCEEDED" : status, "", ts(end) });
			String from = start.minusMinutes(15).toInstant(ZoneOffset.UTC).toString();
			String to = start.minusMinutes(10).toInstant(ZoneOffset.UTC).toString();
			parameters.add(new Object[] { id, "connection", "java.lang.String", connection, "Y" });
			parameters.add(new Object[] { id, "from", "java.lang.String", from, "Y" });
			parameters.add(new Object[] { id, "to", "java.lang.String", to, "Y" });
			int s = 0;
			for (String step : List.of("sync-schema", "pull-updates", "update-foreign-keys")) {
				long stepId = id * 3 + s++;
				steps.add(new Object[] { stepId, 1, step, id, ts(start), ts(start), ts(end),
						status.equals("STARTED") ? "STARTED" : status, 1, 100, 12, 88, 0, 0, 8, 0, status, "",
						ts(end) });
				counts.add(new Object[] { stepId, 60, 28, 5 });
			}
		}
		jdbc.batchUpdate(
				"INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY)" + " VALUES (?, ?, ?, ?)",
				instances);
		jdbc.batchUpdate("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID,"
				+ " CREATE_TIME, START_TIME, END_TIME, STATUS, EXIT_CODE, EXIT_MESSAGE, LAST_UPDATED)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", executions);
		jdbc.batchUpdate("INSERT INTO BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, PARAMETER_NAME,"
				+ " PARAMETER_TYPE, PARAMETER_VALUE, IDENTIFYING) VALUES (?, ?, ?, ?, ?)", parameters);
		jdbc.batchUpdate("INSERT INTO BATCH_STEP_EXECUTION (STEP_EXECUTION_ID, VERSION, STEP_NAME,"
				+ " JOB_EXECUTION_ID, CREATE_TIME, START_TIME, END_TIME, STATUS, COMMIT_COUNT, READ_COUNT, FILTER_COUNT,"
				+ " WRITE_COUNT, READ_SKIP_COUNT, WRITE_SKIP_COUNT, PROCESS_SKIP_COUNT, ROLLBACK_COUNT, EXIT_CODE,"
				+ " EXIT_MESSAGE, LAST_UPDATED) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				steps);
		jdbc.batchUpdate("INSERT INTO sync_step_counts (step_execution_id, created_count, updated_count,"
				+ " deleted_count) VALUES (?, ?, ?, ?)", counts);
		Random random = new Random(42);
		List<Object[]> outcomes = new ArrayList<>();
		int perRun = (total - BIG_RUN_OUTCOMES) / (RUNS - 1);
		for (int i = 0; i < RUNS; i++) {
			long run = FIRST_ID + i;
			int n = (i == 1) ? BIG_RUN_OUTCOMES
					: (i == RUNS - 1) ? total - BIG_RUN_OUTCOMES - perRun * (RUNS - 2) : perRun;
			String connection = (i % 10 == 3) ? "globex" : "acme";
			String object = OBJECTS.get(i % OBJECTS.size());
			LocalDateTime at = now.minusSeconds(i * spacing + 50);
			for (int r = 0; r < n; r++) {
				int roll = random.nextInt(100);
				String outcome = (roll < 60) ? "CREATED" : (roll < 80) ? "UPDATED" : (roll < 92) ? "SKIPPED" : "FAILED";
				String reason = outcome.equals("SKIPPED") ? "MISSING_EMAIL_ADDRESS"
						: outcome.equals("FAILED") ? "MALFORMED_DATA" : null;
				outcomes.add(new Object[] { connection, run, run * 3 + 1, object, outcome, reason,
						(reason != null) ? "Email: not an address" : null, String.format("003A%014d", i * 100000L + r),
						outcome.equals("CREATED") || outcome.equals("UPDATED") ? (long) r : null, ts(at.minusDays(40)),
						ts(at.minusMinutes(20)), ts(at) });
				if (outcomes.size() == 10_000) {
					insertOutcomes(jdbc, outcomes);
				}
			}
		}
		insertOutcomes(jdbc, outcomes);
	}

	private static void insertOutcomes(JdbcTemplate jdbc, List<Object[]> outcomes) {
		jdbc.batchUpdate("INSERT INTO sync_record_outcome_log (connection_id, job_execution_id, step_execution_id,"
				+ " object_type, outcome, reason, detail, salesforce_id, app_id, external_created_at,"
				+ " external_updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", outcomes);
		outcomes.clear();
	}

	private static Timestamp ts(LocalDateTime time) {
		return (time != null) ? Timestamp.valueOf(time) : null;
	}

}
