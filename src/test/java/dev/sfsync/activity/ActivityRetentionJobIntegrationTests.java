package dev.sfsync.activity;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sfsync.system.IntegrationTestSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention job on the real database: runDate 2026-06-01 and 30 days of retention
 * make the cutoff 2026-05-02T00:00 UTC.
 */
@TestPropertySource(properties = "sfsync.activity.retention-chunk-size=2")
class ActivityRetentionJobIntegrationTests extends IntegrationTestSupport {

	private static final LocalDateTime CUTOFF = LocalDateTime.parse("2026-05-02T00:00:00");

	@Autowired
	JobOperator operator;

	@Autowired
	Job activityRetentionJob;

	@Autowired
	JobRepository repository;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void deletesExactlyTheExpiredOutcomesAndRunsButKeepsTheLatestAndTheRunning() throws Exception {
		long acmeOld = run("contact-inbound", "acme", BatchStatus.COMPLETED, CUTOFF.minusDays(10));
		long acmeLatestCompleted = run("contact-inbound", "acme", BatchStatus.COMPLETED, CUTOFF.minusDays(5));
		long acmeLatestFailed = run("contact-inbound", "acme", BatchStatus.FAILED, CUTOFF.minusDays(2));
		long globexOnly = run("contact-inbound", "globex", BatchStatus.COMPLETED, CUTOFF.minusDays(10));
		long accountOld = run("account-inbound", "acme", BatchStatus.COMPLETED, CUTOFF.minusMinutes(1));
		long accountRecent = run("account-inbound", "acme", BatchStatus.COMPLETED, CUTOFF.plusMinutes(1));
		long leadOld = run("lead-inbound", "acme", BatchStatus.COMPLETED, CUTOFF.minusDays(15));
		long leadLatestCompleted = run("lead-inbound", "acme", BatchStatus.COMPLETED, CUTOFF.minusDays(14));
		long leadRunning = run("lead-inbound", "acme", BatchStatus.STARTED, null);
		long reportOlder = run("nightly-report", null, BatchStatus.COMPLETED, CUTOFF.minusDays(4));
		long reportOld = run("nightly-report", null, BatchStatus.COMPLETED, CUTOFF.minusDays(3));
		long reportLatest = run("nightly-report", null, BatchStatus.FAILED, CUTOFF.minusDays(2));
		outcome(acmeOld, CUTOFF.minusDays(10));
		outcome(acmeOld, CUTOFF.minusDays(10));
		outcome(acmeLatestCompleted, CUTOFF.minusDays(5));
		outcome(globexOnly, CUTOFF.minusMinutes(1));
		outcome(accountRecent, CUTOFF.plusMinutes(1));
		outcome(accountRecent, CUTOFF.plusDays(20));
		this.jdbc.update("INSERT INTO sync_step_counts (step_execution_id, created_count) VALUES (?, 3)",
				stepOf(acmeOld));
		poll("acme", "2026-05-01T00:00:00Z", CUTOFF.minusDays(10));
		poll("acme", "2026-05-15T00:00:00Z", CUTOFF.minusMinutes(1));
		poll("acme", "2026-05-20T00:00:00Z", CUTOFF.plusMinutes(1));
		poll("globex", "2026-05-20T00:00:00Z", CUTOFF.plusDays(20));
		for (LocalDateTime hour : List.of(CUTOFF.minusHours(2), CUTOFF.minusHours(1), CUTOFF, CUTOFF.plusHours(1))) {
			this.jdbc.update("INSERT INTO sync_api_calls (connection_id, hour, object_type, kind, calls)"
					+ " VALUES ('acme', ?, 'contact', 'query', 3)", hour);
		}
		unwritten("003000000000000U01", "RESOLVED", CUTOFF.minusDays(3));
		unwritten("003000000000000U02", "EXPIRED", CUTOFF.minusMinutes(1));
		unwritten("003000000000000U03", "WAITING", CUTOFF.minusDays(3));
		unwritten("003000000000000U04", "SKIPPED", CUTOFF.plusMinutes(1));

		JobExecution retention = this.operator.start(this.activityRetentionJob, runDate("2026-06-01"));

		assertThat(retention.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(executionIds("contact-inbound", "account-inbound", "lead-inbound", "nightly-report"))
			.containsExactlyInAnyOrder(acmeLatestCompleted, acmeLatestFailed, globexOnly, accountRecent,
					leadLatestCompleted, leadRunning, reportOld, reportLatest);
		assertThat(this.jdbc.queryForList("SELECT created_at FROM sync_record_outcome ORDER BY created_at",
				LocalDateTime.class))
			.containsExactly(CUTOFF.plusMinutes(1), CUTOFF.plusDays(20));
		assertThat(count("sync_step_counts")).isZero();
		for (long deleted : List.of(acmeOld, accountOld, leadOld, reportOlder)) {
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
					Long.class, deleted))
				.isZero();
			assertThat(this.jdbc.queryForObject(
					"SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = ?", Long.class, deleted))
				.isZero();
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?",
					Long.class, deleted))
				.isZero();
		}
		assertThat(this.jdbc.queryForList("SELECT job_execution_id FROM sync_run", Long.class))
			.contains(acmeLatestCompleted, acmeLatestFailed, globexOnly, accountRecent, leadLatestCompleted,
					leadRunning)
			.doesNotContain(acmeOld, accountOld, leadOld);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM BATCH_JOB_INSTANCE i WHERE NOT EXISTS"
						+ " (SELECT 1 FROM BATCH_JOB_EXECUTION e WHERE e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID)",
				Long.class))
			.isZero();
		assertThat(this.jdbc.queryForList("SELECT CONCAT(connection_id, ' ', window_from) FROM sync_poll"
				+ " ORDER BY connection_id, window_from", String.class))
			.as("spans of polls whose last poll is before the cutoff go")
			.containsExactly("acme 2026-05-20T00:00:00Z", "globex 2026-05-20T00:00:00Z");
		assertThat(step(retention, "purge-polls").getWriteCount()).isEqualTo(2);
		assertThat(this.jdbc.queryForList("SELECT hour FROM sync_api_calls ORDER BY hour", LocalDateTime.class))
			.as("API call counts of hours before the cutoff go")
			.containsExactly(CUTOFF, CUTOFF.plusHours(1));
		assertThat(
				this.jdbc.queryForList("SELECT salesforce_id FROM sync_unwritten ORDER BY salesforce_id", String.class))
			.as("records that stopped waiting before the cutoff go; one still waiting stays")
			.containsExactly("003000000000000U03", "003000000000000U04");
		StepExecution outcomes = step(retention, "purge-record-outcomes");
		assertThat(outcomes.getReadCount()).isEqualTo(4);
		assertThat(outcomes.getWriteCount()).isEqualTo(4);
		assertThat(outcomes.getCommitCount()).isGreaterThanOrEqualTo(2);
		StepExecution runs = step(retention, "purge-job-executions");
		assertThat(runs.getReadCount()).isEqualTo(4);
		assertThat(runs.getWriteCount()).isEqualTo(4);
		assertThat(this.jdbc
			.queryForObject("SELECT WRITE_COUNT FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'purge-job-executions'"
					+ " AND JOB_EXECUTION_ID = ?", Long.class, retention.getId()))
			.isEqualTo(4);
	}

	@Test
	void aRestartGoesOnFromTheLastCommittedPage() throws Exception {
		List<Long> old = new ArrayList<>();
		for (int day = 10; day > 6; day--) {
			old.add(run("campaign-inbound", "initech", BatchStatus.COMPLETED, CUTOFF.minusDays(day)));
		}
		long latest = run("campaign-inbound", "initech", BatchStatus.COMPLETED, CUTOFF.minusDays(6));
		this.jdbc.execute("CREATE TRIGGER retention_test_refusal BEFORE DELETE ON BATCH_JOB_EXECUTION FOR EACH ROW"
				+ " IF OLD.JOB_EXECUTION_ID = " + old.get(3) + " THEN SIGNAL SQLSTATE '45000'"
				+ " SET MESSAGE_TEXT = 'refused by the test'; END IF");
		JobExecution failed;
		try {
			failed = this.operator.start(this.activityRetentionJob, runDate("2026-05-31"));
		}
		finally {
			this.jdbc.execute("DROP TRIGGER retention_test_refusal");
		}
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		StepExecution failedRuns = step(failed, "purge-job-executions");
		assertThat(failedRuns.getWriteCount()).isEqualTo(2);
		assertThat(failedRuns.getExecutionContext().get("expiredRunReader.start.after"))
			.isEqualTo(Map.of("JOB_EXECUTION_ID", old.get(1)));
		assertThat(executionIds("campaign-inbound")).containsExactlyInAnyOrder(old.get(2), old.get(3), latest);

		JobExecution restarted = this.operator.restart(failed);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(executionIds("campaign-inbound")).containsExactly(latest);
		StepExecution restartedRuns = step(restarted, "purge-job-executions");
		assertThat(restartedRuns.getReadCount()).isEqualTo(2);
		assertThat(restartedRuns.getWriteCount()).isEqualTo(2);
	}

	private long run(String jobName, @Nullable String connection, BatchStatus status, @Nullable LocalDateTime endTime) {
		JobParametersBuilder builder = new JobParametersBuilder();
		if (connection != null) {
			builder.addString("connection", connection);
		}
		JobParameters parameters = builder.addString("from", String.valueOf(System.nanoTime())).toJobParameters();
		JobInstance instance = this.repository.createJobInstance(jobName, parameters);
		JobExecution execution = this.repository.createJobExecution(instance, parameters, new ExecutionContext());
		StepExecution step = this.repository.createStepExecution("pull-updates", execution);
		LocalDateTime start = (endTime != null) ? endTime.minusMinutes(3) : CUTOFF.minusDays(40);
		execution.setStartTime(start);
		execution.setStatus(status);
		execution.setEndTime(endTime);
		execution.setExitStatus(new ExitStatus(status.isRunning() ? "EXECUTING" : status.name()));
		this.repository.update(execution);
		step.setStatus(status);
		step.setEndTime(endTime);
		this.repository.update(step);
		return execution.getId();
	}

	/**
	 * A span of polls of acme's or globex's contacts, last polled at {@code lastPollAt}.
	 */
	private void poll(String connectionId, String from, LocalDateTime lastPollAt) {
		this.jdbc.update(
				"INSERT INTO sync_poll (connection_id, object_type, window_from, window_to, polls, api_calls,"
						+ " first_poll_at, last_poll_at) VALUES (?, 'contact', ?, ?, 2, 2, ?, ?)",
				connectionId, from, from, lastPollAt, lastPollAt);
	}

	/**
	 * A record of acme's contacts a run did not write, in a state since
	 * {@code updatedAt}.
	 */
	private void unwritten(String salesforceId, String state, LocalDateTime updatedAt) {
		this.jdbc.update("INSERT INTO sync_unwritten (connection_id, object_type, salesforce_id, reason, state,"
				+ " first_execution_id, last_execution_id, updated_at) VALUES ('acme', 'contact', ?,"
				+ " 'NO_ACCOUNT_ASSOCIATION', ?, 1, 1, ?)", salesforceId, state, updatedAt);
	}

	private void outcome(long jobExecutionId, LocalDateTime createdAt) {
		this.jdbc.update("""
				INSERT INTO sync_record_outcome_log (connection_id, job_execution_id, step_execution_id, object_type,
					outcome, reason, salesforce_id, created_at)
				VALUES ('acme', ?, ?, 'Contact', 'SKIPPED', 'MISSING_EMAIL_ADDRESS', '003000000000001AAA', ?)""",
				jobExecutionId, stepOf(jobExecutionId), createdAt);
	}

	private long stepOf(long jobExecutionId) {
		return this.jdbc.queryForObject("SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				Long.class, jobExecutionId);
	}

	private List<Long> executionIds(String... jobNames) {
		return this.jdbc.queryForList("SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
				+ " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME IN (" + "?, ".repeat(jobNames.length - 1)
				+ "?)", Long.class, (Object[]) jobNames);
	}

	private long count(String table) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
	}

	private static StepExecution step(JobExecution execution, String name) {
		return execution.getStepExecutions()
			.stream()
			.filter((step) -> step.getStepName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private static JobParameters runDate(String runDate) {
		return new JobParametersBuilder().addString("runDate", runDate).toJobParameters();
	}

}
