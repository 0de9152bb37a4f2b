package dev.sfsync.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.sfsync.catalog.Direction;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.connection.AuthFlow;
import dev.sfsync.connection.ConnectionRequest;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.connection.Credentials;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.operations.ScheduledPolls;
import org.quartz.CronExpression;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.listeners.TriggerListenerSupport;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.sfsync.bench.BenchmarkEnvironment.seconds;

/**
 * Scheduled polls of many tenants on one replica: {@code bench.tenants} connections
 * (1,000), each to an org of its own, times the catalog's 11 object types, on their
 * default schedules (every 5 to 60 minutes, spread over the period), with about 1 % of
 * polls finding a change that an admin made in the org. After a warm-up period (each
 * connection signs in and describes its objects once) it measures one period of the
 * longest common schedule (5 minutes): fires due and fired, lateness against the
 * scheduled time, misfires, runs launched, job-repository rows, API calls, and the JVM's,
 * MariaDB's and the emulator's CPU. Before the scheduler starts it measures idle polls
 * alone: SQL statements (MariaDB's {@code Questions}) and API calls per poll.
 */
final class TenantPollsBenchmark implements Benchmark {

	private static final String[] CHANGED_TYPES = { "Account", "Contact" };

	@Override
	public String name() {
		return "tenants";
	}

	@Override
	public List<BenchmarkResult> run(BenchmarkEnvironment environment) throws Exception {
		int tenants = BenchmarkEnvironment.size("tenants", 1000);
		int periodMinutes = BenchmarkEnvironment.size("tenant-period-minutes", 5);
		List<BenchmarkResult> results = new ArrayList<>();
		EmulatorAdmin admin = environment.admin();
		long creating = System.nanoTime();
		List<EmulatorAdmin.Org> orgs = new ArrayList<>();
		for (int i = 0; i < tenants; i++) {
			orgs.add(admin.org("Tenant " + i, Map.of()));
		}
		System.out.printf("tenants: created %,d orgs in %.1f s%n", tenants, seconds(creating));
		try (ConfigurableApplicationContext context = environment.start("sfsync.inbound.settle-delay=1s")) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			ConnectionService connections = context.getBean(ConnectionService.class);
			JobCatalog catalog = context.getBean(JobCatalog.class);
			creating = System.nanoTime();
			for (int i = 0; i < tenants; i++) {
				EmulatorAdmin.Org org = orgs.get(i);
				connections.create(new ConnectionRequest(tenant(i), tenant(i), environment.emulatorUrl(),
						AuthFlow.USERNAME_PASSWORD, org.consumerKey(), org.username(),
						new Credentials(org.consumerSecret(), org.password(), null, null), null, null, null));
			}
			int triggers = jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE JOB_GROUP = 'sfsync-inbound'",
					Integer.class);
			System.out.printf("tenants: created %,d connections (%,d triggers) in %.1f s%n", tenants, triggers,
					seconds(creating));
			// Every object type has been synced once: its state continues from a minute
			// ago.
			jdbc.update("""
					INSERT INTO sync_state (connection_id, object_type, direction, high_water_mark, backfill_done,
						updated_at)
					SELECT c.id, SUBSTRING_INDEX(t.JOB_NAME, '/', -1), 'inbound', ?, TRUE, UTC_TIMESTAMP(6)
					FROM connections c JOIN QRTZ_JOB_DETAILS t
						ON t.JOB_GROUP = 'sfsync-inbound' AND t.JOB_NAME LIKE CONCAT(c.id, '/%')""",
					Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());

			results.addAll(idlePolls(environment, context, orgs.get(0), catalog));

			Scheduler scheduler = context.getBean(Scheduler.class);
			Fires fires = new Fires();
			scheduler.getListenerManager().addTriggerListener(fires);
			scheduler.start();
			Duration period = Duration.ofMinutes(periodMinutes);
			System.out.printf("tenants: warming up for %s (each connection signs in and describes once)%n", period);
			Thread.sleep(period.toMillis());

			Changes changes = new Changes(admin, orgs, triggers, period);
			Snapshot before = Snapshot.take(jdbc, environment);
			fires.reset();
			Instant start = Instant.now();
			long measuring = System.nanoTime();
			Thread changer = new Thread(changes, "bench-changes");
			changer.setDaemon(true);
			changer.start();
			Thread.sleep(period.toMillis());
			changes.stop();
			Snapshot after = Snapshot.take(jdbc, environment);
			double wall = seconds(measuring);
			Instant end = Instant.now();
			// Fires due just before the end may fire a little after it.
			Thread.sleep(10_000);
			long due = due(jdbc, start, end);
			results.addAll(report(fires.lateness(start, end), fires.misfires.get(), due, before, after, wall, triggers,
					changes, context));
			results.add(fireToLaunch(context));
		}
		return results;
	}

	/**
	 * From a fire to its run's creation (its poll and the launch, the scheduler's
	 * lateness not included), as the trigger measures it
	 * ({@code sfsync.schedule.launch}): the bucket of its histogram that holds the
	 * percentile.
	 */
	private BenchmarkResult fireToLaunch(ConfigurableApplicationContext context) {
		long count = 0;
		java.util.TreeMap<Double, Long> buckets = new java.util.TreeMap<>();
		for (Timer timer : context.getBean(MeterRegistry.class).find("sfsync.schedule.launch").timers()) {
			HistogramSnapshot snapshot = timer.takeSnapshot();
			count += snapshot.count();
			for (CountAtBucket bucket : snapshot.histogramCounts()) {
				buckets.merge(bucket.bucket(TimeUnit.MILLISECONDS), (long) bucket.count(), Long::sum);
			}
		}
		double p50 = bucketOf(buckets, count, 0.50);
		double p95 = bucketOf(buckets, count, 0.95);
		System.out.printf("tenants: fire to launch for %d runs: p50 ≤ %.0f ms, p95 ≤ %.0f ms%n", count, p50, p95);
		return BenchmarkResult.target(name(), "runs: fire to the run's creation (poll and launch)",
				String.format("p50 ≤ %.0f ms, p95 ≤ %.0f ms (%d runs)", p50, p95, count), "p50 < 100 ms",
				count > 0 && p50 < 100);
	}

	/** The upper bound of the first bucket whose cumulative count reaches the share. */
	private static double bucketOf(java.util.TreeMap<Double, Long> cumulative, long count, double share) {
		for (Map.Entry<Double, Long> bucket : cumulative.entrySet()) {
			if (bucket.getValue() >= share * count) {
				return bucket.getKey();
			}
		}
		return Double.NaN;
	}

	/**
	 * Idle polls alone, before the scheduler starts: one connection's object types, each
	 * polled once to sign in and describe, then five times more.
	 */
	private List<BenchmarkResult> idlePolls(BenchmarkEnvironment environment, ConfigurableApplicationContext context,
			EmulatorAdmin.Org org, JobCatalog catalog) throws Exception {
		ScheduledPolls polls = context.getBean(ScheduledPolls.class);
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		List<String> jobs = catalog.definitions()
			.stream()
			.filter((definition) -> definition.directions().contains(Direction.INBOUND))
			.map((definition) -> definition.jobName(Direction.INBOUND))
			.toList();
		for (String job : jobs) {
			polls.poll(job, tenant(0)).close();
		}
		Thread.sleep(1100);
		long executions = jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class);
		calls(environment, org, true);
		long questions = questions(jdbc);
		int measured = 0;
		List<Long> nanos = new ArrayList<>();
		for (int round = 0; round < 5; round++) {
			for (String job : jobs) {
				long start = System.nanoTime();
				polls.poll(job, tenant(0)).close();
				nanos.add(System.nanoTime() - start);
				measured++;
			}
		}
		// The two statements of this measure itself are not the polls'.
		double statements = (questions(jdbc) - questions - 1) / (double) measured;
		double apiCalls = calls(environment, org, false) / (double) measured;
		long created = jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class) - executions;
		Collections.sort(nanos);
		List<BenchmarkResult> results = new ArrayList<>(runWithAChange(environment, context, org));
		System.out.printf("tenants: %d idle polls: %.1f SQL statements, %.2f API calls, %d job executions each;"
				+ " p50 %.1f ms%n", measured, statements, apiCalls, created, nanos.get(nanos.size() / 2) / 1e6);
		results.addAll(List.of(
				BenchmarkResult.target(name(), "idle poll: job executions created", String.valueOf(created), "0",
						created == 0),
				BenchmarkResult.target(name(), "idle poll: API calls", String.format("%.2f", apiCalls), "≤ 1",
						apiCalls <= 1),
				BenchmarkResult.target(name(), "idle poll: SQL statements (this process, all threads)",
						String.format("%.1f", statements), "≤ 10", statements <= 10),
				BenchmarkResult.figure(name(), "idle poll: time p50 (emulator on the same machine)",
						String.format("%.1f ms", nanos.get(nanos.size() / 2) / 1e6))));
		return results;
	}

	/**
	 * A fire that finds one new contact: its poll and its run, launched in this thread,
	 * counted in SQL statements and commits (MariaDB's {@code Questions} and
	 * {@code Com_commit}).
	 */
	private List<BenchmarkResult> runWithAChange(BenchmarkEnvironment environment,
			ConfigurableApplicationContext context, EmulatorAdmin.Org org) throws Exception {
		ScheduledPolls polls = context.getBean(ScheduledPolls.class);
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		JobOperator operator = context.getBean(JobOperator.class);
		JobRegistry registry = context.getBean(JobRegistry.class);
		environment.admin().create(org, "Contact", Map.of("LastName", "Measured", "Email", "measured@example.com"));
		// Past the settle delay (1 s), windows end on a whole second.
		Thread.sleep(2100);
		long questions = questions(jdbc);
		long commits = status(jdbc, "Com_commit");
		BatchStatus status;
		try (ScheduledPolls.Poll poll = polls.poll("contact-inbound", tenant(0))) {
			if (poll.launch() == null) {
				throw new IllegalStateException("The poll found no change: " + poll.summary());
			}
			status = operator.start(registry.getJob(poll.launch().jobName()), poll.launch().parameters()).getStatus();
		}
		long statements = questions(jdbc) - questions - 2;
		long committed = status(jdbc, "Com_commit") - commits;
		System.out.printf("tenants: a fire with one change (poll and run, %s): %d SQL statements, %d commits%n", status,
				statements, committed);
		return List.of(
				BenchmarkResult.target(name(), "a run with one change, its poll included: SQL statements",
						String.valueOf(statements), "≤ 100", statements <= 100),
				BenchmarkResult.target(name(), "a run with one change, its poll included: commits",
						String.valueOf(committed), "≤ 15", committed <= 15));
	}

	private static long status(JdbcTemplate jdbc, String variable) {
		return jdbc.query("SHOW GLOBAL STATUS LIKE ?", (rs) -> {
			rs.next();
			return rs.getLong(2);
		}, variable);
	}

	/** The fires the triggers' crons make due from {@code start} to {@code end}. */
	private static long due(JdbcTemplate jdbc, Instant start, Instant end) {
		AtomicLong due = new AtomicLong();
		jdbc.query("SELECT CRON_EXPRESSION FROM QRTZ_CRON_TRIGGERS", (rs) -> {
			try {
				CronExpression cron = new CronExpression(rs.getString(1));
				cron.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
				Date next = cron.getTimeAfter(Date.from(start.minusMillis(1)));
				while (next != null && next.toInstant().isBefore(end)) {
					due.incrementAndGet();
					next = cron.getTimeAfter(next);
				}
			}
			catch (java.text.ParseException ex) {
				throw new IllegalStateException(ex);
			}
		});
		return due.get();
	}

	private List<BenchmarkResult> report(List<Long> lateness, long misfires, long due, Snapshot before, Snapshot after,
			double wall, int triggers, Changes changes, ConfigurableApplicationContext context) {
		double minutes = wall / 60;
		long fired = lateness.size();
		double p50 = percentile(lateness, 0.50) / 1000.0;
		double p95 = percentile(lateness, 0.95) / 1000.0;
		double max = lateness.isEmpty() ? 0 : lateness.get(lateness.size() - 1) / 1000.0;
		double missedMetric = context.getBean(MeterRegistry.class)
			.find("sfsync.schedule.missed")
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
		long runs = after.executions - before.executions;
		double rowsPerHour = (after.repositoryRows - before.repositoryRows) / minutes * 60;
		double jvmCores = (after.jvmCpuNanos - before.jvmCpuNanos) / 1e9 / wall;
		double dbCores = (after.databaseTicks - before.databaseTicks) / 100.0 / wall;
		double emulatorCores = (after.emulatorTicks - before.emulatorTicks) / 100.0 / wall;
		double callsPerPoll = (after.apiCalls - before.apiCalls) / (double) Math.max(1, fired);
		double statementsPerFire = (after.questions - before.questions) / (double) Math.max(1, fired);
		System.out.printf(
				"tenants: %d triggers; %,d fires due and %,d fired in %.1f min; %d changes made, %d runs;"
						+ " lateness p50 %.2f s, p95 %.2f s, max %.2f s; %d misfires%n",
				triggers, due, fired, minutes, changes.made.get(), runs, p50, p95, max, misfires);
		List<BenchmarkResult> results = new ArrayList<>();
		results.add(BenchmarkResult.figure(name(), "polls: connections × object types (triggers)",
				String.format("%,d", triggers)));
		results.add(BenchmarkResult.target(name(), "polls: fires due / fired per minute",
				String.format("%.0f / %.0f", due / minutes, fired / minutes), "every due poll runs", fired >= due));
		results.add(BenchmarkResult.target(name(), "polls: lateness p50 / p95 / max",
				String.format("%.2f / %.2f / %.2f s", p50, p95, max), "p95 ≤ 5 s", p95 <= 5));
		results.add(BenchmarkResult.target(name(), "polls: missed fires (misfires; sfsync_schedule_missed_total)",
				misfires + "; " + (long) missedMetric, "0", misfires == 0 && missedMetric == 0));
		results.add(BenchmarkResult.figure(name(), "polls: changes made / runs launched", changes.made.get() + " / "
				+ runs + String.format(" (%.1f %% of fires)", 100.0 * runs / Math.max(1, fired))));
		results.add(BenchmarkResult.figure(name(), "polls: API calls per fire, runs included",
				String.format("%.2f", callsPerPoll)));
		results.add(BenchmarkResult.figure(name(), "polls: SQL statements per fire (Quartz, runs and all threads)",
				String.format("%.1f", statementsPerFire)));
		results.add(BenchmarkResult.figure(name(), "polls: job-repository rows per hour",
				String.format("%,.0f", rowsPerHour)));
		results.add(BenchmarkResult.figure(name(), "polls: CPU cores used: sfsync JVM / MariaDB / emulator",
				String.format("%.2f / %.2f / %.2f", jvmCores, dbCores, emulatorCores)));
		System.gc();
		results.add(BenchmarkResult.figure(name(),
				"polls: heap in use after a collection (max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB)",
				(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20) + " MB"));
		return results;
	}

	private static long percentile(List<Long> sorted, double share) {
		if (sorted.isEmpty()) {
			return 0;
		}
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(share * sorted.size()) - 1));
	}

	private static String tenant(int i) {
		return "tenant-" + i;
	}

	private static long questions(JdbcTemplate jdbc) {
		return jdbc.query("SHOW GLOBAL STATUS LIKE 'Questions'", (rs) -> {
			rs.next();
			return rs.getLong(2);
		});
	}

	/** The org's API calls since the last reset; resets them when asked. */
	private static int calls(BenchmarkEnvironment environment, EmulatorAdmin.Org org, boolean reset) {
		int used = environment.admin()
			.send("GET", "/emulator/orgs/" + org.id() + "/api-calls", null)
			.path("used")
			.asInt();
		if (reset) {
			environment.admin().send("DELETE", "/emulator/orgs/" + org.id() + "/api-calls", null);
		}
		return used;
	}

	/** Counts fires, their lateness against Quartz's scheduled time, and misfires. */
	private static final class Fires extends TriggerListenerSupport {

		/** Each fire: when it was scheduled, and how late it fired (milliseconds). */
		private final ConcurrentLinkedQueue<long[]> fires = new ConcurrentLinkedQueue<>();

		private final AtomicLong misfires = new AtomicLong();

		@Override
		public String getName() {
			return "bench-fires";
		}

		void reset() {
			this.fires.clear();
			this.misfires.set(0);
		}

		/** The lateness of the fires scheduled from {@code start} to {@code end}. */
		List<Long> lateness(Instant start, Instant end) {
			return this.fires.stream()
				.filter((fire) -> fire[0] >= start.toEpochMilli() && fire[0] < end.toEpochMilli())
				.map((fire) -> fire[1])
				.sorted()
				.toList();
		}

		@Override
		public void triggerFired(Trigger trigger, JobExecutionContext context) {
			long scheduled = context.getScheduledFireTime().getTime();
			this.fires.add(new long[] { scheduled, context.getFireTime().getTime() - scheduled });
		}

		@Override
		public void triggerMisfired(Trigger trigger) {
			this.misfires.incrementAndGet();
		}

	}

	/**
	 * An admin's edits in the tenants' orgs: spread over the period, as many as 1 % of
	 * its fires, each an account or a contact created in a random org.
	 */
	private static final class Changes implements Runnable {

		private final EmulatorAdmin admin;

		private final List<EmulatorAdmin.Org> orgs;

		private final long perPeriod;

		private final Duration period;

		private final AtomicInteger made = new AtomicInteger();

		private final Random random = new Random(7);

		private volatile boolean running = true;

		Changes(EmulatorAdmin admin, List<EmulatorAdmin.Org> orgs, int triggers, Duration period) {
			this.admin = admin;
			this.orgs = orgs;
			this.perPeriod = Math.max(1, triggers / 100);
			this.period = period;
		}

		@Override
		public void run() {
			long pause = this.period.toMillis() / this.perPeriod;
			while (this.running && this.made.get() < this.perPeriod) {
				EmulatorAdmin.Org org = this.orgs.get(this.random.nextInt(this.orgs.size()));
				String type = CHANGED_TYPES[this.random.nextInt(CHANGED_TYPES.length)];
				try {
					this.admin.create(org, type, type.equals("Account") ? Map.of("Name", "Changed " + this.made) : Map
						.of("LastName", "Changed " + this.made, "Email", "changed" + this.made + "@example.com"));
					this.made.incrementAndGet();
					Thread.sleep(pause);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				catch (RuntimeException ex) {
					System.out.println("tenants: a change failed: " + ex.getMessage());
				}
			}
		}

		void stop() {
			this.running = false;
		}

	}

	/** Counters read at the start and the end of the measured period. */
	private record Snapshot(long executions, long repositoryRows, long questions, long jvmCpuNanos, long databaseTicks,
			long emulatorTicks, long apiCalls) {

		static Snapshot take(JdbcTemplate jdbc, BenchmarkEnvironment environment) throws Exception {
			long rows = 0;
			for (String table : List.of("BATCH_JOB_INSTANCE", "BATCH_JOB_EXECUTION", "BATCH_JOB_EXECUTION_PARAMS",
					"BATCH_JOB_EXECUTION_CONTEXT", "BATCH_STEP_EXECUTION", "BATCH_STEP_EXECUTION_CONTEXT")) {
				rows += jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
			}
			var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
			return new Snapshot(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class), rows,
					TenantPollsBenchmark.questions(jdbc), os.getProcessCpuTime(), ticks("mariadbd"),
					ticks("sfsync.jar"),
					environment.admin()
						.send("GET", "/emulator/orgs", null)
						.findValues("apiUsage")
						.stream()
						.mapToLong((node) -> node.path("used").asLong())
						.sum());
		}

		/** CPU ticks (1/100 s) of the processes whose command line has the text. */
		private static long ticks(String command) {
			return ProcessHandle.allProcesses()
				.filter((process) -> process.info().commandLine().orElse("").contains(command)
						&& process.pid() != ProcessHandle.current().pid())
				.mapToLong((process) -> {
					try {
						String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
						String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
						return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					}
					catch (Exception ex) {
						return 0;
					}
				})
				.sum();
		}

	}

}
