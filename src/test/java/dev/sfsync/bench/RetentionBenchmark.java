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
			SeededRuns.seed(jdbc, FIRST_ID, runs, CONNECTIONS, "bench-", start, Duration.ofDays(3));
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
					"one day of 1,000 tenants if every fire were a run (2,376,000 runs), projected",
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

}
