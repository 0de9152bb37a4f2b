package dev.sfsync.system;

import java.time.Clock;
import java.time.LocalDateTime;

import dev.sfsync.outcome.RunFailureCause;
import dev.sfsync.syncstate.SyncStates;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Plants runs, steps and record outcomes in the job repository as real runs leave them,
 * for the filter and sort edge cases that real runs make slowly.
 */
public record PlantedRuns(JobRepository repository, JdbcTemplate jdbc) {

	/**
	 * A run of a sync job for a connection and a window, started and ended at the times.
	 */
	public long run(String jobName, String connection, String window, BatchStatus status, ExitStatus exitStatus,
			LocalDateTime start, @Nullable LocalDateTime end) {
		JobParameters parameters = new JobParametersBuilder().addString("connection", connection)
			.addString("from", window + ":00:00Z")
			.addString("to", window + ":05:00Z")
			.toJobParameters();
		JobExecution execution = plant(jobName, parameters, status, exitStatus, start, end);
		// A real run's job names it in its sync state, then takes its end from the
		// repository.
		SyncStates states = new SyncStates(this.jdbc, TransactionOperations.withoutTransaction(), Clock.systemUTC());
		states.started(execution);
		states.settle(execution.getId());
		return execution.getId();
	}

	/**
	 * A job execution with these parameters, started and ended at the times, in the job
	 * repository only (no sync state).
	 */
	public long execution(String jobName, JobParameters parameters, BatchStatus status, ExitStatus exitStatus,
			LocalDateTime start, @Nullable LocalDateTime end) {
		return plant(jobName, parameters, status, exitStatus, start, end).getId();
	}

	private JobExecution plant(String jobName, JobParameters parameters, BatchStatus status, ExitStatus exitStatus,
			LocalDateTime start, @Nullable LocalDateTime end) {
		JobInstance instance = this.repository.createJobInstance(jobName, parameters);
		JobExecution execution = this.repository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStartTime(start);
		execution.setEndTime(end);
		execution.setStatus(status);
		execution.setExitStatus(exitStatus);
		this.repository.update(execution);
		return execution;
	}

	public long completed(String jobName, String connection, String window, LocalDateTime start, LocalDateTime end) {
		return run(jobName, connection, window, BatchStatus.COMPLETED, ExitStatus.COMPLETED, start, end);
	}

	public static ExitStatus failure(RunFailureCause cause) {
		return new ExitStatus(cause.name(), cause.message() + ". " + cause.explanation() + " " + cause.whatToDo());
	}

	/** A failure with the detail the run recorded after its cause. */
	public static ExitStatus failure(RunFailureCause cause, String detail) {
		return new ExitStatus(cause.name(),
				cause.message() + ". " + cause.explanation() + " " + cause.whatToDo() + " Detail: " + detail);
	}

	/**
	 * A step with its counts: read, created, updated, deleted, filtered (skipped) and
	 * process skips (failed).
	 */
	public long step(long jobExecutionId, String name, BatchStatus status, long read, long created, long updated,
			long deleted, long skipped, long failed) {
		JobExecution execution = this.repository.getJobExecution(jobExecutionId);
		StepExecution step = this.repository.createStepExecution(name, execution);
		step.setStartTime(execution.getStartTime());
		step.setEndTime(execution.getEndTime());
		step.setStatus(status);
		step.setExitStatus(new ExitStatus(status.name()));
		step.setReadCount(read);
		step.setWriteCount(created + updated + deleted);
		step.setFilterCount(skipped);
		step.setProcessSkipCount(failed);
		this.repository.update(step);
		this.jdbc.update("INSERT INTO sync_step_counts (step_execution_id, created_count, updated_count, deleted_count)"
				+ " VALUES (?, ?, ?, ?)", step.getId(), created, updated, deleted);
		return step.getId();
	}

	public void outcome(long jobExecutionId, long stepExecutionId, String connection, String objectType, String outcome,
			@Nullable String reason, @Nullable String detail, String salesforceId, @Nullable Long appId,
			LocalDateTime createdAt) {
		this.jdbc.update(
				"""
						INSERT INTO sync_record_outcome_log (connection_id, job_execution_id, step_execution_id, object_type,
							outcome, reason, detail, salesforce_id, app_id, external_created_at, external_updated_at, created_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				connection, jobExecutionId, stepExecutionId, objectType, outcome, reason, detail, salesforceId, appId,
				createdAt.minusDays(30), createdAt.minusMinutes(5), createdAt);
	}

}
