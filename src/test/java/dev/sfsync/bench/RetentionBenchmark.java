package dev.sfsync.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.sfsync.bench.BenchmarkEnvironment.seconds;

/**
 * {@code activity-retention} over three days of runs seeded by SQL and shaped like real
 * ones (200 connections × 11 jobs, ids increasing with time, each run with 3 parameters,
 * 2 steps with their contexts and counters, a job context and 2 outcome rows), the first
 * day of them past the cutoff. It times the job and projects one day of 1,000 tenants
 * from the rate it deleted runs at: 23,760 runs now that a fire without changes is a poll
 * (1 % of the fires finding changes), and 2,376,000 if every fire were a run.
 */
final class RetentionBenchmark implements Benchmark {

	private static final long FIRST_ID = 100_000_000L;

	private static final int CONNECTIONS = 200;

	/**
	 * The fires of a day of 1,000 tenants on the catalog's default schedules (each
	 * tenant: 7 object types every 5 minutes, 1 every 10, 2 every 15, 1 hourly), every
	 * one a run.
	 */
	private static final long DAY_OF_1000_TENANTS = 2_376_000L;

	/** The runs of that day now that a fire without changes is a poll: 1 % of them. */
	private static final long DAY_OF_1000_TENANTS_WITH_POLLS = DAY_OF_1000_TENANTS / 100;

	private static final List<String> JOBS = List.of("contact-inbound", "account-inbound", "lead-inbound",
			"opportunity-inbound", "campaign-inbound", "task-inbound", "event-inbound", "user-inbound",
			"contact-outbound", "account-outbound", "task-outbound");

	@Override
	public String name() {
		return "retention";
	}

	@Override
	public List<BenchmarkResult> run(BenchmarkEnvironment environment) throws Exception {
		int runs = BenchmarkEnvironment.size("retention-runs", 180_000);
		try (ConfigurableApplicationContext context = environment.start()) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			LocalDate runDate = LocalDate.now(ZoneOffset.UTC);
			// The cutoff is the start of runDate minus 30 days; the history starts a day
			// before it.
			String start = runDate.minusDays(31).atStartOfDay().toString().replace('T', ' ');
			long seeding = System.nanoTime();
			seed(jdbc, runs, start);
			System.out.printf("retention: seeded %,d runs in %.1f s%n", runs, seconds(seeding));
			long executions = jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class);
			long outcomes = jdbc.queryForObject("SELECT COUNT(*) FROM sync_record_outcome_log", Long.class);

			long started = System.nanoTime();
			JobExecution execution = context.getBean(JobOperator.class)
				.start(context.getBean("activityRetentionJob", Job.class),
						new JobParametersBuilder().addString("runDate", runDate.toString()).toJobParameters());
			double elapsed = seconds(started);
			if (execution.getStatus() != BatchStatus.COMPLETED) {
				throw new IllegalStateException("activity-retention ended " + execution.getStatus());
			}
			StepExecution outcomeStep = step(execution, "purge-record-outcomes");
			StepExecution runStep = step(execution, "purge-job-executions");
			double runSeconds = duration(runStep);
			double runsPerSecond = runStep.getWriteCount() / runSeconds;
			double projected = DAY_OF_1000_TENANTS / runsPerSecond + outcomes(outcomeStep, runStep, runsPerSecond);
			List<BenchmarkResult> results = new ArrayList<>();
			results.add(BenchmarkResult.figure(name(), "history",
					String.format("%,d runs, %,d outcome rows", executions, outcomes)));
			results.add(BenchmarkResult.figure(name(), "whole job",
					String.format("%.1f s, %,d runs deleted", elapsed, runStep.getWriteCount())));
			results.add(BenchmarkResult.figure(name(), "purge-record-outcomes", String.format("%,d rows, %,.0f rows/s",
					outcomeStep.getWriteCount(), outcomeStep.getWriteCount() / duration(outcomeStep))));
			results.add(BenchmarkResult.figure(name(), "purge-job-executions",
					String.format("%,d runs, %,.0f runs/s", runStep.getWriteCount(), runsPerSecond)));
			results.add(BenchmarkResult.figure(name(),
					"one day of 1,000 tenants if every fire were a run" + " (2,376,000 runs), projected",
					String.format("%.1f min", projected / 60)));
			double withPolls = projected * DAY_OF_1000_TENANTS_WITH_POLLS / DAY_OF_1000_TENANTS;
			results.add(BenchmarkResult.target(name(),
					"one day of 1,000 tenants with polls, 1 % of fires finding changes (23,760 runs), projected",
					String.format("%.1f min", withPolls / 60), "≤ 5 min", withPolls <= 300));
			return results;
		}
	}

	/**
	 * The seconds the outcome step would take for a day of 1,000 tenants, at the outcome
	 * rows per run seeded here.
	 */
	private static double outcomes(StepExecution outcomeStep, StepExecution runStep, double runsPerSecond) {
		if (runStep.getWriteCount() == 0) {
			return 0;
		}
		double rowsPerRun = (double) outcomeStep.getWriteCount() / runStep.getWriteCount();
		return DAY_OF_1000_TENANTS * rowsPerRun / (outcomeStep.getWriteCount() / duration(outcomeStep));
	}

	private static double duration(StepExecution step) {
		return Duration.between(step.getStartTime(), step.getEndTime()).toNanos() / 1e9;
	}

	private static StepExecution step(JobExecution execution, String name) {
		return execution.getStepExecutions()
			.stream()
			.filter((step) -> step.getStepName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * Three days of runs, set-based: a table of run numbers from a cross join of digits,
	 * then one INSERT … SELECT per table. Written for MariaDB and MySQL alike.
	 */
	private static void seed(JdbcTemplate jdbc, int runs, String start) {
		jdbc.execute("DROP TABLE IF EXISTS bench_retention_runs");
		jdbc.execute("CREATE TABLE bench_retention_runs (n BIGINT PRIMARY KEY, id BIGINT NOT NULL,"
				+ " job VARCHAR(40) NOT NULL, conn VARCHAR(20) NOT NULL, t DATETIME(6) NOT NULL, status VARCHAR(10))");
		String digits = "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4"
				+ " UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
		StringBuilder jobs = new StringBuilder();
		for (int i = 0; i < JOBS.size(); i++) {
			jobs.append((i > 0) ? " WHEN " : "CASE n MOD 11 WHEN ")
				.append(i)
				.append(" THEN '")
				.append(JOBS.get(i))
				.append("'");
		}
		jobs.append(" END");
		jdbc.update("INSERT INTO bench_retention_runs SELECT n, ? + n, " + jobs + ", CONCAT('bench-', (n DIV 11) MOD "
				+ CONNECTIONS + "), TIMESTAMP(?) + INTERVAL (n * 259200 DIV ?) SECOND, IF(n MOD 50 = 7, 'FAILED',"
				+ " 'COMPLETED') FROM (SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 100000 * g.d"
				+ " + 1000000 * h.d AS n FROM " + digits + " a, " + digits + " b, " + digits + " c, " + digits + " e, "
				+ digits + " f, " + digits + " g, " + digits + " h) numbers WHERE n < ?", FIRST_ID, start, runs, runs);
		jdbc.update("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY)"
				+ " SELECT id, 0, job, MD5(CONCAT('retention-bench-', id)) FROM bench_retention_runs");
		jdbc.update("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME,"
				+ " START_TIME, END_TIME, STATUS, EXIT_CODE, EXIT_MESSAGE, LAST_UPDATED) SELECT id, 2, id, t, t,"
				+ " t + INTERVAL 20 SECOND, status, status, '', t + INTERVAL 20 SECOND FROM bench_retention_runs");
		jdbc.update("INSERT INTO BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_TYPE,"
				+ " PARAMETER_VALUE, IDENTIFYING) SELECT id, 'connection', 'java.lang.String', conn, 'Y'"
				+ " FROM bench_retention_runs UNION ALL SELECT id, 'from', 'java.lang.String',"
				+ " DATE_FORMAT(t - INTERVAL 1 MINUTE, '%Y-%m-%dT%H:%i:%s.000Z'), 'Y' FROM bench_retention_runs"
				+ " UNION ALL SELECT id, 'to', 'java.lang.String', DATE_FORMAT(t, '%Y-%m-%dT%H:%i:%s.000Z'), 'Y'"
				+ " FROM bench_retention_runs");
		jdbc.update("INSERT INTO BATCH_JOB_EXECUTION_CONTEXT (JOB_EXECUTION_ID, SHORT_CONTEXT)"
				+ " SELECT id, '{\"@class\":\"java.util.HashMap\",\"batch.version\":\"6.0.6\"}' FROM bench_retention_runs");
		jdbc.update("INSERT INTO BATCH_STEP_EXECUTION (STEP_EXECUTION_ID, VERSION, STEP_NAME, JOB_EXECUTION_ID,"
				+ " CREATE_TIME, START_TIME, END_TIME, STATUS, COMMIT_COUNT, READ_COUNT, FILTER_COUNT, WRITE_COUNT,"
				+ " READ_SKIP_COUNT, WRITE_SKIP_COUNT, PROCESS_SKIP_COUNT, ROLLBACK_COUNT, EXIT_CODE, EXIT_MESSAGE,"
				+ " LAST_UPDATED) SELECT 2 * id, 3, 'pull-updates', id, t, t, t + INTERVAL 10 SECOND, status, 1, 4,"
				+ " 0, 3, 1, 0, 0, 0, status, '', t + INTERVAL 10 SECOND FROM bench_retention_runs UNION ALL"
				+ " SELECT 2 * id + 1, 3, 'pull-deletes', id, t, t + INTERVAL 10 SECOND, t + INTERVAL 20 SECOND,"
				+ " status, 1, 0, 0, 0, 0, 0, 0, 0, status, '', t + INTERVAL 20 SECOND FROM bench_retention_runs");
		jdbc.update("INSERT INTO BATCH_STEP_EXECUTION_CONTEXT (STEP_EXECUTION_ID, SHORT_CONTEXT)"
				+ " SELECT 2 * id, '{\"@class\":\"java.util.HashMap\",\"batch.version\":\"6.0.6\"}'"
				+ " FROM bench_retention_runs UNION ALL SELECT 2 * id + 1,"
				+ " '{\"@class\":\"java.util.HashMap\",\"batch.version\":\"6.0.6\"}' FROM bench_retention_runs");
		jdbc.update("INSERT INTO sync_step_counts (step_execution_id, created_count, updated_count, deleted_count)"
				+ " SELECT 2 * id, 2, 1, 0 FROM bench_retention_runs");
		jdbc.update("INSERT INTO sync_record_outcome_log (connection_id, job_execution_id, step_execution_id,"
				+ " object_type, outcome, reason, salesforce_id, created_at, record_count, records)"
				+ " SELECT conn, id, 2 * id, 'Contact', 'CREATED', NULL, NULL, t + INTERVAL 5 SECOND, 2,"
				+ " '[[\"003000000000001AAA\",1,null,null],[\"003000000000002AAA\",2,null,null]]'"
				+ " FROM bench_retention_runs ORDER BY n");
		jdbc.update("INSERT INTO sync_record_outcome_log (connection_id, job_execution_id, step_execution_id,"
				+ " object_type, outcome, reason, salesforce_id, created_at) SELECT conn, id, 2 * id, 'Contact',"
				+ " 'SKIPPED', 'MISSING_EMAIL_ADDRESS', '003000000000003AAA', t + INTERVAL 6 SECOND"
				+ " FROM bench_retention_runs ORDER BY n");
		jdbc.execute("DROP TABLE bench_retention_runs");
		jdbc.execute("ANALYZE TABLE BATCH_JOB_INSTANCE, BATCH_JOB_EXECUTION, BATCH_JOB_EXECUTION_PARAMS,"
				+ " BATCH_STEP_EXECUTION, sync_record_outcome_log");
	}

}
