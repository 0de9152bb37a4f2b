package dev.sfsync.outcome;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes record outcomes and the per-step created, updated and deleted counters. Called
 * inside the chunk transaction, so outcomes, counters, app rows and the Batch checkpoint
 * commit together or not at all.
 */
public final class OutcomeLog {

	/**
	 * Rows per JDBC batch inside a chunk: Connector/J rewrites each batch into one
	 * multi-row statement, and keeps every row's parameters until it is sent, so a chunk
	 * of 50,000 is sent as several statements to bound the heap.
	 */
	public static final int JDBC_BATCH = 2000;

	private static final int DETAIL_LENGTH = 1000;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	public OutcomeLog(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Appends outcomes of the step running on this thread, in one JDBC batch. */
	public void append(String connectionId, String objectType, List<OutcomeRow> rows) {
		if (rows.isEmpty()) {
			return;
		}
		StepExecution step = currentStep();
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.batchUpdate(
				"INSERT INTO sync_record_outcome (connection_id, job_execution_id, step_execution_id,"
						+ " object_type, outcome, reason, detail, salesforce_id, app_id, external_created_at,"
						+ " external_updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				rows, JDBC_BATCH, (statement, row) -> {
					statement.setString(1, connectionId);
					statement.setLong(2, step.getJobExecutionId());
					statement.setLong(3, step.getId());
					statement.setString(4, objectType);
					statement.setString(5, row.outcome().name());
					statement.setString(6, (row.reason() != null) ? row.reason().name() : null);
					statement.setString(7, truncate(row.detail()));
					statement.setString(8, row.salesforceId());
					statement.setObject(9, row.appId());
					statement.setTimestamp(10, timestamp(row.externalCreatedAt()));
					statement.setTimestamp(11, timestamp(row.externalUpdatedAt()));
					statement.setTimestamp(12, now);
				});
	}

	/**
	 * Adds to the created, updated and deleted counters of the step running on this
	 * thread.
	 */
	public void count(long created, long updated, long deleted) {
		if (created == 0 && updated == 0 && deleted == 0) {
			return;
		}
		StepExecution step = currentStep();
		this.jdbc.update("INSERT INTO sync_step_counts (step_execution_id, created_count, updated_count, deleted_count)"
				+ " VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE created_count = created_count + VALUES(created_count),"
				+ " updated_count = updated_count + VALUES(updated_count),"
				+ " deleted_count = deleted_count + VALUES(deleted_count)", step.getId(), created, updated, deleted);
	}

	/**
	 * The step whose chunk is being written, as Spring Batch registers it on the thread.
	 */
	private static StepExecution currentStep() {
		StepContext context = StepSynchronizationManager.getContext();
		if (context == null) {
			throw new IllegalStateException(
					"Record outcomes are written inside a step; none is running on this thread");
		}
		return context.getStepExecution();
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static @Nullable String truncate(@Nullable String text) {
		return (text != null && text.length() > DETAIL_LENGTH) ? text.substring(0, DETAIL_LENGTH) : text;
	}

}
