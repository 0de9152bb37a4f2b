package dev.sfsync.outbound;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.sfsync.store.AppTable;
import dev.sfsync.store.SyncWrites;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The one place that holds the SQL sfsync runs over the outbox ({@code sync_outbox}); the
 * generated triggers that fill it are {@link OutboxTriggers}'. What the dispatcher claims
 * (the groups with changes due and their id ranges), the pages a run reads, and what a
 * run writes back in its chunk transaction: the Salesforce Ids and stamps on the app rows
 * (without echo), the outbox rows' new statuses, and new rows for changes to send again
 * later, a few set-based statements of up to {@value #ROWS_PER_STATEMENT} rows each. Also
 * the operator's re-queue of failed changes, the purge of handled rows, and the backlog a
 * reconcile reports. Every read is an index range of one connection's object type, or of
 * the due rows. {@code ModuleStructureTests} fails a statement over the outbox elsewhere.
 */
public final class OutboxStore {

	/** App or outbox rows per statement. */
	private static final int ROWS_PER_STATEMENT = 500;

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	OutboxStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
	}

	/**
	 * The connections' object types with changes due now, of enabled connections: the
	 * status index's range of due rows.
	 */
	List<OutboxDispatcher.Group> dueGroups() {
		return this.jdbc.query("SELECT DISTINCT o.connection_id, o.object_type FROM sync_outbox o"
				+ " JOIN connections c ON c.id = o.connection_id AND c.enabled = TRUE WHERE o.status = 'PENDING'"
				+ " AND o.available_at <= UTC_TIMESTAMP(6)",
				(row, index) -> new OutboxDispatcher.Group(row.getString(1), row.getString(2)));
	}

	/**
	 * A group's changes due now: how many, their id range and how long the oldest waited.
	 */
	record Due(long count, long first, long last, Duration oldest) {
	}

	/** A group's changes due now; empty when none is. */
	Optional<Due> due(OutboxDispatcher.Group group) {
		return this.jdbc.query("SELECT COUNT(*), MIN(id), MAX(id), TIMESTAMPDIFF(MICROSECOND,"
				+ " MIN(available_at), UTC_TIMESTAMP(6)) FROM sync_outbox WHERE connection_id = ? AND object_type = ?"
				+ " AND status = 'PENDING' AND available_at <= UTC_TIMESTAMP(6) HAVING COUNT(*) > 0",
				(row, index) -> new Due(row.getLong(1), row.getLong(2), row.getLong(3),
						Duration.ofNanos(row.getLong(4) * 1000)),
				group.connectionId(), group.objectType())
			.stream()
			.findFirst();
	}

	/** The id of a group's due change at this offset, in id order (0 is the first). */
	long dueAt(OutboxDispatcher.Group group, long offset) {
		Long id = this.jdbc.queryForObject(
				"SELECT id FROM sync_outbox WHERE connection_id = ? AND object_type = ?"
						+ " AND status = 'PENDING' AND available_at <= UTC_TIMESTAMP(6) ORDER BY id LIMIT 1 OFFSET ?",
				Long.class, group.connectionId(), group.objectType(), offset);
		return Objects.requireNonNull(id);
	}

	/**
	 * Deletes rows handled longer ago than keep, a thousand at a time; failed rows stay
	 * until an operator re-queues them.
	 * @return how many were deleted
	 */
	int purgeProcessed(Duration keep) {
		return this.jdbc.update(
				"DELETE FROM sync_outbox WHERE status IN ('SENT', 'SKIPPED', 'RETRIED', 'REQUEUED')"
						+ " AND processed_at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND ORDER BY id LIMIT 1000",
				keep.toSeconds());
	}

	/**
	 * A pending outbox row of a run's range, as stored.
	 *
	 * @param changedColumns the columns the change touched, comma-separated; null or
	 * empty for all
	 * @param changedAt when the app changed it, as the driver reads it
	 */
	record PendingRow(long id, long appId, @Nullable String changedColumns, @Nullable String salesforceId,
			@Nullable Object changedAt, int attempts) {
	}

	/**
	 * A page of a connection object type's due rows of one operation, after an id and up
	 * to the end of a run's range, in id order.
	 */
	List<PendingRow> page(String connectionId, String objectType, OutboxEntry.Operation operation, long after, long to,
			int size) {
		return this.named.query(
				"SELECT id, app_id, changed_columns, salesforce_id, changed_at, attempts"
						+ " FROM sync_outbox WHERE connection_id = :connection AND object_type = :object"
						+ " AND operation = :operation AND status = 'PENDING' AND available_at <= UTC_TIMESTAMP(6)"
						+ " AND id > :after AND id <= :to ORDER BY id LIMIT :page",
				new MapSqlParameterSource().addValue("connection", connectionId)
					.addValue("object", objectType)
					.addValue("operation", operation.name())
					.addValue("after", after)
					.addValue("to", to)
					.addValue("page", size),
				(rs, row) -> new PendingRow(rs.getLong("id"), rs.getLong("app_id"), rs.getString("changed_columns"),
						rs.getString("salesforce_id"), rs.getObject("changed_at"), rs.getInt("attempts")));
	}

	/**
	 * Locks a connection's changes that failed for good, of one object type or all, so a
	 * run failing another row meanwhile neither loses nor doubles it.
	 */
	List<Long> lockFailed(String connectionId, @Nullable String objectType) {
		return this.jdbc.queryForList(
				"SELECT id FROM sync_outbox WHERE connection_id = ? AND status ="
						+ " 'FAILED' AND (? IS NULL OR object_type = ?) ORDER BY id FOR UPDATE",
				Long.class, connectionId, objectType, objectType);
	}

	/** Locks the changes one run of a connection failed for good. */
	List<Long> lockFailedOf(String connectionId, long runId) {
		return this.jdbc.queryForList(
				"SELECT id FROM sync_outbox WHERE status = 'FAILED' AND connection_id = ? AND job_execution_id = ?"
						+ " ORDER BY id FOR UPDATE",
				Long.class, connectionId, runId);
	}

	/**
	 * Queues these rows' changes again as new pending rows with their attempts reset, and
	 * marks them {@code REQUEUED}, so their failures stay in the outbox.
	 */
	void requeueAsNew(List<Long> ids) {
		if (ids.isEmpty()) {
			return;
		}
		Map<String, Object> parameters = Map.of("ids", ids);
		this.named.update("INSERT INTO sync_outbox (connection_id, object_type, app_table, app_id, operation,"
				+ " changed_columns, salesforce_id, changed_at, attempts, available_at) SELECT connection_id,"
				+ " object_type, app_table, app_id, operation, changed_columns, salesforce_id, changed_at, 0,"
				+ " UTC_TIMESTAMP(6) FROM sync_outbox WHERE id IN (:ids) ORDER BY id", parameters);
		this.named.update("UPDATE sync_outbox SET status = 'REQUEUED' WHERE id IN (:ids)", parameters);
	}

	/**
	 * A connection object type's app changes made before a time that are not in
	 * Salesforce.
	 *
	 * @param pending how many still wait to be sent
	 * @param failed how many failed for good
	 */
	public record Backlog(long pending, long failed) {
	}

	/**
	 * The app changes of a connection's object type made before a time that are still
	 * pending or failed for good: two index ranges of the outbox.
	 */
	public Backlog backlog(String connectionId, String objectType, Instant before) {
		long[] counts = new long[2];
		List<String> statuses = List.of("PENDING", "FAILED");
		for (int i = 0; i < statuses.size(); i++) {
			Long count = this.jdbc.queryForObject(
					"SELECT COUNT(*) FROM sync_outbox WHERE status = ? AND connection_id = ? AND object_type = ?"
							+ " AND changed_at < ?",
					Long.class, statuses.get(i), connectionId, objectType,
					Timestamp.valueOf(LocalDateTime.ofInstant(before, ZoneOffset.UTC)));
			counts[i] = (count != null) ? count : 0;
		}
		return new Backlog(counts[0], counts[1]);
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
