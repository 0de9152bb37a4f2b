package dev.sfsync.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.inbound.InboundLaunches;
import dev.sfsync.syncstate.SyncStates;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.sfsync.bench.BenchmarkEnvironment.seconds;

/**
 * Thirty days of history for 1,000 tenants, seeded by SQL and shaped like real runs
 * ({@link SeededRuns}): now that a fire without changes is a poll, 1 % of the catalog's
 * 2,376 fires a tenant a day, so 23,760 runs a day and 712,800 in all
 * ({@code bench.history-runs}). It times what a tenant's use and the scheduler touch: the
 * launch decision of one tenant's object type, that tenant's runs list and health over
 * HTTP, and {@code activity-retention} deleting the oldest day.
 */
final class TenantHistoryBenchmark implements Benchmark {

	private static final long FIRST_ID = 200_000_000L;

	private static final int TENANTS = 1000;

	@Override
	public String name() {
		return "history";
	}

	@Override
	public List<BenchmarkResult> run(BenchmarkEnvironment environment) throws Exception {
		int runs = BenchmarkEnvironment.size("history-runs", 712_800);
		try (ConfigurableApplicationContext context = environment.startWeb("sfsync.security.users[0].username=admin",
				"sfsync.security.users[0].password=" + BenchmarkHttp.PASSWORD_HASH,
				"sfsync.security.users[0].roles=PLATFORM", "sfsync.security.users[1].username=tenant",
				"sfsync.security.users[1].password=" + BenchmarkHttp.PASSWORD_HASH,
				"sfsync.security.users[1].roles=ADMIN", "sfsync.security.users[1].connections=history-7")) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			LocalDate today = LocalDate.now(ZoneOffset.UTC);
			// From 31 days ago to a day ago: today's retention run expires its first day.
			LocalDateTime start = today.minusDays(31).atStartOfDay();
			long seeding = System.nanoTime();
			SeededRuns.seed(jdbc, FIRST_ID, runs, TENANTS, "history-", start.toString().replace('T', ' '),
					Duration.ofDays(30));
			double seeded = seconds(seeding);
			long rebuilding = System.nanoTime();
			context.getBean(SyncStates.class).rebuild();
			double rebuilt = seconds(rebuilding);
			System.out.printf("history: seeded %,d runs in %.1f s; rebuilt sync_state from them in %.1f s%n", runs,
					seeded, rebuilt);
			List<BenchmarkResult> results = new ArrayList<>();
			results.add(BenchmarkResult.figure(name(), "history", String.format("%,d runs of %,d tenants over 30 days",
					jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class), TENANTS)));
			results.add(BenchmarkResult.figure(name(), "sync_state rebuilt from all of it (repair, not a launch path)",
					String.format("%.1f s", rebuilt)));

			InboundLaunches launches = context.getBean(InboundLaunches.class);
			JobDefinition contact = context.getBean(JobCatalog.class).find("contact").orElseThrow();
			long[] decisions = new long[200];
			for (int i = -20; i < decisions.length; i++) {
				long begin = System.nanoTime();
				launches.next(contact, "history-" + (7 + Math.max(i, 0) % 100));
				if (i >= 0) {
					decisions[i] = System.nanoTime() - begin;
				}
			}
			results.add(percentiles("launch decision (sync state by primary key)", decisions, 5));

			BenchmarkHttp base = new BenchmarkHttp(
					"http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
			results.add(time(base, "tenant", "one tenant's runs list (last 5 days, first page)", "/api/activity/runs",
					200));
			results.add(time(base, "tenant", "one tenant's recent sync health", "/api/activity/health", 200));
			results.add(time(base, "tenant", "one tenant's runs list, 30 days, page 10",
					"/api/activity/runs?from=" + start.toLocalDate() + "&page=9", 200));

			// The oldest day expires: the cutoff is the run date less the retention (30
			// days).
			LocalDate runDate = today;
			long deleting = System.nanoTime();
			JobExecution retention = context.getBean(JobOperator.class)
				.start(context.getBean("activityRetentionJob", Job.class),
						new JobParametersBuilder().addString("runDate", runDate.toString()).toJobParameters());
			double deleted = seconds(deleting);
			if (retention.getStatus() != BatchStatus.COMPLETED) {
				throw new IllegalStateException("activity-retention ended " + retention.getStatus());
			}
			long runsDeleted = retention.getStepExecutions()
				.stream()
				.filter((step) -> step.getStepName().equals("purge-job-executions"))
				.mapToLong((step) -> step.getWriteCount())
				.sum();
			System.out.printf("history: activity-retention deleted %,d runs (one day) in %.1f s%n", runsDeleted,
					deleted);
			results.add(BenchmarkResult.target(name(), "activity-retention, the oldest day",
					String.format("%.1f s, %,d runs deleted", deleted, runsDeleted), "≤ 5 min", deleted <= 300));
			return results;
		}
	}

	private BenchmarkResult percentiles(String measure, long[] nanos, double targetMs) {
		Arrays.sort(nanos);
		double p50 = nanos[nanos.length / 2] / 1e6;
		double p95 = nanos[(int) Math.ceil(nanos.length * 0.95) - 1] / 1e6;
		return BenchmarkResult.target(name(), measure, String.format("p50 %.2f ms, p95 %.2f ms", p50, p95),
				"p95 ≤ " + (int) targetMs + " ms", p95 <= targetMs);
	}

	/** 20 calls after 3 warm-ups: p50 and p95 against a target in ms. */
	private BenchmarkResult time(BenchmarkHttp base, String user, String measure, String path, int targetMs)
			throws Exception {
		long[] times = base.times(user, path);
		return percentiles(measure, times, targetMs);
	}

}
