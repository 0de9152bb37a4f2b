package dev.sfsync.inbound;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.sfsync.outcome.OutcomeReason;
import dev.sfsync.store.ColumnType;
import dev.sfsync.store.JsonStatements;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One step's view of the records of a connection's object type that runs read and did not
 * write ({@code sync_unwritten}): each one's last skip or failure with the version it was
 * decided on, so that a re-read of that version with the same decision is not counted
 * again; and the retry set, the records waiting for a parent with their payload, which
 * later runs decide again until the parent arrives or the wait is over. Every statement
 * is a primary key or index range of the connection and object type; a step whose object
 * type has nothing waiting or skipped costs one lookup, not one per chunk.
 */
final class UnwrittenRecords {

	private final JdbcTemplate jdbc;

	private final String connectionId;

	private final String objectType;

	private final Clock clock;

	private final JsonMapper json;

	/** Whether the object type may have unwritten records; null until asked. */
	private @Nullable Boolean known;

	UnwrittenRecords(JdbcTemplate jdbc, String connectionId, String objectType, Clock clock, JsonMapper json) {
		this.jdbc = jdbc;
		this.connectionId = connectionId;
		this.objectType = objectType;
		this.clock = clock;
		this.json = json;
	}

	/**
	 * A record skipped or failed: its reason, the version decided, and the record itself
	 * when it waits for a parent.
	 */
	record Unwritten(String salesforceId, OutcomeReason reason, @Nullable Instant modstamp,
			@Nullable JsonNode waitingRecord) {
	}

	/** A waiting record read back to be decided again. */
	record Stored(String salesforceId, @Nullable JsonNode record) {
	}

	/** Whether any record of the connection's object type waits for a parent. */
	static boolean anyWaiting(JdbcTemplate jdbc, String connectionId, String objectType) {
		return !jdbc
			.queryForList("SELECT 1 FROM sync_unwritten WHERE connection_id = ? AND object_type = ?"
					+ " AND state = 'WAITING' LIMIT 1", Integer.class, connectionId, objectType)
			.isEmpty();
	}

	/**
	 * Records the skips and failures of a chunk; a record read again is a new version, or
	 * a new decision, whose wait starts over.
	 */
	void record(List<Unwritten> records, long executionId) {
		if (records.isEmpty()) {
			return;
		}
		this.known = true;
		List<List<@Nullable Object>> rows = new ArrayList<>(records.size());
		for (Unwritten record : records) {
			JsonNode waiting = record.waitingRecord();
			List<@Nullable Object> row = new ArrayList<>();
			row.add(record.salesforceId());
			row.add(record.reason().name());
			row.add(ColumnType.sqlText(record.modstamp()));
			row.add((waiting != null) ? "WAITING" : record.reason().outcome().name());
			row.add((waiting != null) ? this.json.writeValueAsString(waiting) : null);
			rows.add(row);
		}
		JsonStatements.update(this.jdbc, """
				INSERT INTO sync_unwritten (connection_id, object_type, salesforce_id, reason, modstamp, state, payload,
					first_execution_id, last_execution_id, resolved_execution_id, retries, updated_at)
				SELECT ?, ?, r.id, r.reason, r.modstamp, r.state, r.payload, ?, ?, NULL, 0, ?
				FROM JSON_TABLE(?, '$[*]' COLUMNS (id VARCHAR(18) PATH '$[0]', reason VARCHAR(64) PATH '$[1]',
					modstamp DATETIME(6) PATH '$[2]', state VARCHAR(10) PATH '$[3]', payload LONGTEXT PATH '$[4]')) r
				ON DUPLICATE KEY UPDATE reason = VALUES(reason), modstamp = VALUES(modstamp), state = VALUES(state),
					payload = VALUES(payload), first_execution_id = VALUES(first_execution_id),
					last_execution_id = VALUES(last_execution_id), resolved_execution_id = NULL, retries = 0,
					updated_at = VALUES(updated_at)""", this.connectionId, this.objectType, executionId, executionId,
				now(), this.json.writeValueAsString(rows));
	}

	/** Ends the records' skips and waits: this run wrote them. */
	void resolve(Collection<String> salesforceIds, long executionId) {
		if (salesforceIds.isEmpty() || !mayHoldAny()) {
			return;
		}
		JsonStatements.update(this.jdbc, """
				UPDATE sync_unwritten w
				JOIN JSON_TABLE(?, '$[*]' COLUMNS (id %s PATH '$')) r ON w.salesforce_id = r.id
				SET w.state = 'RESOLVED', w.payload = NULL, w.resolved_execution_id = ?, w.updated_at = ?
				WHERE w.connection_id = ? AND w.object_type = ? AND w.state <> 'RESOLVED'""".formatted(idType()),
				this.json.writeValueAsString(salesforceIds), executionId, now(), this.connectionId, this.objectType);
	}

	/**
	 * The next waiting records in Id order after {@code afterId} that another run put or
	 * last decided.
	 */
	List<Stored> waiting(String afterId, long executionId, int size) {
		return this.jdbc.query("""
				SELECT salesforce_id, payload FROM sync_unwritten
				WHERE connection_id = ? AND object_type = ? AND state = 'WAITING' AND salesforce_id > ?
					AND last_execution_id <> ?
				ORDER BY salesforce_id LIMIT ?""",
				(rs, row) -> new Stored(rs.getString(1),
						(rs.getString(2) != null) ? this.json.readTree(rs.getString(2)) : null),
				this.connectionId, this.objectType, afterId, executionId, size);
	}

	/**
	 * Ends the wait of records that need nothing more: the app holds their version
	 * already.
	 */
	void stopWaiting(Collection<String> salesforceIds, long executionId) {
		if (salesforceIds.isEmpty()) {
			return;
		}
		JsonStatements.update(this.jdbc, """
				UPDATE sync_unwritten w
				JOIN JSON_TABLE(?, '$[*]' COLUMNS (id %s PATH '$')) r ON w.salesforce_id = r.id
				SET w.state = 'EXPIRED', w.payload = NULL, w.last_execution_id = ?, w.updated_at = ?
				WHERE w.connection_id = ? AND w.object_type = ? AND w.state = 'WAITING'""".formatted(idType()),
				this.json.writeValueAsString(salesforceIds), executionId, now(), this.connectionId, this.objectType);
	}

	/**
	 * Records decided again whose parent is still missing: one more run waited, and the
	 * wait is over after {@code maxRuns}.
	 */
	void stillWaiting(Collection<String> salesforceIds, long executionId, int maxRuns) {
		if (salesforceIds.isEmpty()) {
			return;
		}
		JsonStatements.update(this.jdbc, """
				UPDATE sync_unwritten w
				JOIN JSON_TABLE(?, '$[*]' COLUMNS (id %s PATH '$')) r ON w.salesforce_id = r.id
				SET w.state = IF(w.retries + 1 >= ?, 'EXPIRED', 'WAITING'),
					w.payload = IF(w.retries + 1 >= ?, NULL, w.payload), w.retries = w.retries + 1,
					w.last_execution_id = ?, w.updated_at = ?
				WHERE w.connection_id = ? AND w.object_type = ? AND w.state = 'WAITING'""".formatted(idType()),
				this.json.writeValueAsString(salesforceIds), maxRuns, maxRuns, executionId, now(), this.connectionId,
				this.objectType);
	}

	/** The type of the Ids the statements join on, in the table's collation. */
	private String idType() {
		return JsonStatements.textType(this.jdbc, "sync_unwritten", "salesforce_id");
	}

	private Object now() {
		return ColumnType.jdbc(this.clock.instant());
	}

	private boolean mayHoldAny() {
		Boolean known = this.known;
		if (known == null) {
			known = !this.jdbc
				.queryForList("SELECT 1 FROM sync_unwritten WHERE connection_id = ? AND object_type = ?" + " LIMIT 1",
						Integer.class, this.connectionId, this.objectType)
				.isEmpty();
			this.known = known;
		}
		return known;
	}

}
