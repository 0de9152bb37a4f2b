package dev.sfsync.activity;

import java.time.LocalDateTime;
import java.util.Map;

import dev.sfsync.system.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run summaries in {@code sync_run} follow the job repository: created with a run's
 * execution, moved with its start, end and status, gone with it, and only for runs of a
 * connection.
 */
class SyncRunIntegrationTests extends IntegrationTestSupport {

	@Autowired
	JobRepository repository;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void summaryFollowsTheExecutionFromCreationToEndAndDeletion() {
		JobParameters parameters = new JobParametersBuilder().addString("connection", "acme-summary")
			.addString("from", "2026-12-01T09:00:00Z")
			.toJobParameters();
		JobInstance instance = this.repository.createJobInstance("contact-inbound", parameters);
		JobExecution execution = this.repository.createJobExecution(instance, parameters, new ExecutionContext());

		Map<String, Object> created = summary(execution.getId());
		assertThat(created).containsEntry("connection_id", "acme-summary")
			.containsEntry("job_name", "contact-inbound")
			.containsEntry("status", "STARTING")
			.containsEntry("ended_at", null);
		assertThat(created.get("started_at")).isEqualTo(
				this.jdbc.queryForObject("SELECT CREATE_TIME FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
						LocalDateTime.class, execution.getId()));

		LocalDateTime start = LocalDateTime.of(2026, 12, 1, 9, 6, 0);
		execution.setStartTime(start);
		execution.setStatus(BatchStatus.STARTED);
		this.repository.update(execution);
		assertThat(summary(execution.getId())).containsEntry("started_at", start).containsEntry("status", "STARTED");

		execution.setEndTime(start.plusMinutes(2));
		execution.setStatus(BatchStatus.FAILED);
		execution.setExitStatus(ExitStatus.FAILED);
		this.repository.update(execution);
		assertThat(summary(execution.getId())).containsEntry("started_at", start)
			.containsEntry("ended_at", start.plusMinutes(2))
			.containsEntry("status", "FAILED");

		this.jdbc.update("DELETE FROM BATCH_JOB_EXECUTION_CONTEXT WHERE JOB_EXECUTION_ID = ?", execution.getId());
		this.jdbc.update("DELETE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = ?", execution.getId());
		this.jdbc.update("DELETE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", execution.getId());
		assertThat(count(execution.getId())).isZero();
	}

	@Test
	void runWithoutAConnectionHasNoSummary() {
		JobParameters parameters = new JobParametersBuilder().addString("runDate", "2026-12-02").toJobParameters();
		JobInstance instance = this.repository.createJobInstance("activity-retention", parameters);
		JobExecution execution = this.repository.createJobExecution(instance, parameters, new ExecutionContext());
		assertThat(count(execution.getId())).isZero();
	}

	private Map<String, Object> summary(long executionId) {
		return this.jdbc.queryForMap("SELECT connection_id, job_name, started_at, ended_at, status FROM sync_run"
				+ " WHERE job_execution_id = ?", executionId);
	}

	private long count(long executionId) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM sync_run WHERE job_execution_id = ?", Long.class,
				executionId);
		return (count != null) ? count : 0;
	}

}
