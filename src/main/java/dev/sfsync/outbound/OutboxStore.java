package dev.sfsync.outbound;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.store.AppTable;
import dev.sfsync.store.SyncWrites;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The writes that record an outbound chunk's results, in the chunk transaction: the
 * Salesforce Ids and stamps back on the app rows (without echo), the outbox rows' new
 * statuses, and new outbox rows for the changes to send again later. Each is a few
 * set-based statements of up to {@value #ROWS_PER_STATEMENT} rows.
 */
final class OutboxStore {

	/** App or outbox rows per statement. */
	private static final int ROWS_PER_STATEMENT = 500;

	private final JdbcTemplate jdbc;

	OutboxStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** What Salesforce answered for an app row that it created or updated. */
	record SalesforceIds(long appId, String salesforceId, @Nullable Instant modstamp, @Nullable Instant createdAt) {
	}

	/** What an outbox row became in a run, and why. */
	record Processed(long outboxId, Status status, @Nullable String error) {
	}

	/** The statuses a run leaves on the outbox rows it handled. */
	enum Status {

		SENT, SKIPPED, FAILED, RETRIED

	}

	/**
	 * A change to send again in a later run, as a new outbox row copied from the last
	 * one.
	 *
	 * @param outboxId the row to copy
	 * @param changedColumns the columns the merged changes touched, null for all
	 * @param attempts the attempts made so far, this one included
	 * @param delayMicros how long from now until it may be sent
	 */
	record Retry(long outboxId, @Nullable String changedColumns, int attempts, long delayMicros) {
	}

	/**
	 * The Id and SystemModstamp on the app rows, so the next inbound run sees them
	 * synced: one statement per {@value #ROWS_PER_STATEMENT} rows, each row's values
	 * chosen by its id, which costs the database a fraction of a statement per row.
	 */
	void storeSalesforceIds(AppTable table, List<SalesforceIds> updates) {
		if (updates.isEmpty()) {
			return;
		}
		SyncWrites.uncaptured(this.jdbc, () -> {
			for (List<SalesforceIds> slice : slices(updates, ROWS_PER_STATEMENT)) {
				String byId = "CASE id" + " WHEN ? THEN ?".repeat(slice.size()) + " END";
				List<@Nullable Object> arguments = new ArrayList<>();
				slice.forEach((update) -> arguments.addAll(List.of(update.appId(), update.salesforceId())));
				slice.forEach((update) -> {
					arguments.add(update.appId());
					arguments.add(timestamp(update.modstamp()));
				});
				slice.forEach((update) -> {
					arguments.add(update.appId());
					arguments.add(timestamp(update.createdAt()));
				});
				slice.forEach((update) -> arguments.add(update.appId()));
				this.jdbc.update("UPDATE " + table.name() + " SET " + table.keyColumn() + " = " + byId
						+ ", external_updated_at = COALESCE(" + byId + ", external_updated_at), external_created_at ="
						+ " COALESCE(external_created_at, " + byId + ") WHERE id IN (" + placeholders(slice.size())
						+ ")", arguments.toArray());
			}
		});
	}

	/** The outbox rows' statuses: one statement per status and error. */
	void markProcessed(long jobExecutionId, List<Processed> processed) {
		Map<Outcome, List<Long>> byOutcome = new LinkedHashMap<>();
		for (Processed row : processed) {
			byOutcome.computeIfAbsent(new Outcome(row.status(), truncate(row.error())), (key) -> new ArrayList<>())
				.add(row.outboxId());
		}
		byOutcome.forEach((outcome, ids) -> {
			for (List<Long> slice : slices(ids, ROWS_PER_STATEMENT)) {
				List<@Nullable Object> arguments = new ArrayList<>();
				arguments.add(outcome.status().name());
				arguments.add(outcome.error());
				arguments.add(jobExecutionId);
				arguments.addAll(slice);
				this.jdbc.update(
						"UPDATE sync_outbox SET status = ?, last_error = ?, job_execution_id = ?,"
								+ " processed_at = UTC_TIMESTAMP(6) WHERE id IN (" + placeholders(slice.size()) + ")",
						arguments.toArray());
			}
		});
	}

	/** The rows of one statement: a status and its error. */
	private record Outcome(Status status, @Nullable String error) {
	}

	/** Changes that failed transiently go back to the outbox as new rows, for later. */
	void requeue(List<Retry> retries) {
		if (retries.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate(
				"INSERT INTO sync_outbox (connection_id, object_type, app_table, app_id, operation,"
						+ " changed_columns, salesforce_id, changed_at, attempts, available_at) SELECT connection_id,"
						+ " object_type, app_table, app_id, operation, ?, salesforce_id, changed_at, ?,"
						+ " UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND FROM sync_outbox WHERE id = ?",
				retries.stream()
					.map((retry) -> new Object[] { retry.changedColumns(), retry.attempts(), retry.delayMicros(),
							retry.outboxId() })
					.toList());
	}

	static <T> List<List<T>> slices(List<T> items, int size) {
		List<List<T>> slices = new ArrayList<>();
		for (int offset = 0; offset < items.size(); offset += size) {
			slices.add(items.subList(offset, Math.min(items.size(), offset + size)));
		}
		return slices;
	}

	private static String placeholders(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static @Nullable String truncate(@Nullable String text) {
		return (text != null && text.length() > 1000) ? text.substring(0, 1000) : text;
	}

}
