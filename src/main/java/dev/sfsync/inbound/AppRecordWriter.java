package dev.sfsync.inbound;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.sfsync.outcome.OutcomeLog;
import dev.sfsync.outcome.OutcomeRow;
import dev.sfsync.outcome.RecordOutcome;
import dev.sfsync.store.AppTable;
import dev.sfsync.store.ColumnType;
import dev.sfsync.store.SyncWrites;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Writes a chunk of inbound changes to the app table: every create and update in one
 * multi-row upsert keyed by (connection, Salesforce Id), deletes as one batch, converted
 * Leads' re-links, then the outcome rows (changes and the chunk's skips) and the step's
 * counters, all in the chunk transaction.
 */
final class AppRecordWriter implements ItemWriter<AppChange> {

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final OutcomeLog outcomes;

	private final String connectionId;

	private final String objectType;

	private final AppTable table;

	private final InboundProcessor processor;

	private final InboundMetrics metrics;

	private final LeadConversions conversions;

	AppRecordWriter(JdbcTemplate jdbc, OutcomeLog outcomes, String connectionId, String objectType, AppTable table,
			InboundProcessor processor, InboundMetrics metrics) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
		this.outcomes = outcomes;
		this.connectionId = connectionId;
		this.objectType = objectType;
		this.table = table;
		this.processor = processor;
		this.metrics = metrics;
		this.conversions = new LeadConversions(this.named);
	}

	@Override
	public void write(Chunk<? extends AppChange> chunk) {
		List<AppChange> writes = new ArrayList<>();
		List<AppChange> deletes = new ArrayList<>();
		List<AppChange> converted = new ArrayList<>();
		for (AppChange change : chunk) {
			if (change.conversion() != null) {
				converted.add(change);
			}
			else {
				(change.outcome() == RecordOutcome.DELETED ? deletes : writes).add(change);
			}
		}
		// Inbound writes never go back to Salesforce: the outbox triggers skip them.
		Map<AppChange, OutcomeRow> conversionRows = new IdentityHashMap<>();
		Map<String, Long> ids = SyncWrites.uncaptured(this.jdbc, () -> {
			Map<String, Long> upserted = upsert(writes);
			delete(deletes);
			converted.forEach((change) -> conversionRows.put(change, this.conversions.apply(change)));
			return upserted;
		});
		List<OutcomeRow> rows = new ArrayList<>(this.processor.drainSkipped());
		long created = 0;
		long updated = 0;
		for (AppChange change : chunk) {
			Long appId = (change.appId() != null) ? change.appId() : ids.get(change.salesforceId());
			OutcomeRow conversion = conversionRows.get(change);
			rows.add((conversion != null) ? conversion : new OutcomeRow(change.outcome(), null, null,
					change.salesforceId(), appId, change.createdAt(), change.modstamp()));
			created += (change.outcome() == RecordOutcome.CREATED) ? 1 : 0;
			updated += (change.outcome() == RecordOutcome.UPDATED) ? 1 : 0;
		}
		this.outcomes.append(this.connectionId, this.objectType, rows);
		this.outcomes.count(created, updated, deletes.size());
		this.metrics.written(this.connectionId, this.objectType, chunk.getItems());
	}

	/** Creates and updates rows; answers the ids of created ones by Salesforce Id. */
	private Map<String, Long> upsert(List<AppChange> writes) {
		if (writes.isEmpty()) {
			return Map.of();
		}
		Map<Set<String>, List<AppChange>> byColumns = new LinkedHashMap<>();
		for (AppChange write : writes) {
			byColumns.computeIfAbsent(write.columns().keySet(), (key) -> new ArrayList<>()).add(write);
		}
		byColumns.forEach((columns, group) -> upsert(new ArrayList<>(columns), group));
		List<String> created = writes.stream()
			.filter((write) -> write.appId() == null)
			.map(AppChange::salesforceId)
			.toList();
		if (created.isEmpty()) {
			return Map.of();
		}
		Map<String, Long> ids = new HashMap<>();
		this.named.query(
				"SELECT id, " + this.table.keyColumn() + " FROM " + this.table.name()
						+ " WHERE connection_id = :connection AND " + this.table.keyColumn() + " IN (:ids)",
				Map.of("connection", this.connectionId, "ids", created), (rs) -> {
					ids.put(rs.getString(2), rs.getLong(1));
				});
		return ids;
	}

	private void upsert(List<String> columns, List<AppChange> group) {
		List<String> fixed = new ArrayList<>(this.table.fixedColumns().keySet());
		List<String> all = new ArrayList<>();
		all.add("connection_id");
		all.add(this.table.keyColumn());
		all.addAll(columns);
		all.addAll(fixed);
		all.addAll(List.of("external_created_at", "external_updated_at", "deleted", "deleted_at"));
		List<String> updates = new ArrayList<>();
		for (String column : columns) {
			updates.add(column + " = VALUES(" + column + ")");
		}
		updates.add("external_created_at = COALESCE(VALUES(external_created_at), external_created_at)");
		updates.add("external_updated_at = VALUES(external_updated_at)");
		updates.add("deleted = FALSE");
		updates.add("deleted_at = NULL");
		String sql = "INSERT INTO " + this.table.name() + " (" + String.join(", ", all) + ") VALUES ("
				+ String.join(", ", all.stream().map((column) -> "?").toList()) + ") ON DUPLICATE KEY UPDATE "
				+ String.join(", ", updates);
		this.jdbc.batchUpdate(sql, group, OutcomeLog.JDBC_BATCH, (statement, write) -> {
			int index = 1;
			statement.setString(index++, this.connectionId);
			statement.setString(index++, write.salesforceId());
			for (String column : columns) {
				statement.setObject(index++, ColumnType.jdbc(write.columns().get(column)));
			}
			for (String column : fixed) {
				statement.setObject(index++, this.table.fixed(column));
			}
			setTimestamp(statement, index++, write.createdAt());
			setTimestamp(statement, index++, write.modstamp());
			statement.setBoolean(index++, false);
			statement.setTimestamp(index, null);
		});
	}

	private void delete(List<AppChange> deletes) {
		if (deletes.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate(
				"UPDATE " + this.table.name() + " SET deleted = TRUE, deleted_at = ?,"
						+ " external_updated_at = ? WHERE connection_id = ? AND " + this.table.keyColumn() + " = ?",
				deletes, OutcomeLog.JDBC_BATCH, (statement, delete) -> {
					setTimestamp(statement, 1, delete.modstamp());
					setTimestamp(statement, 2, delete.modstamp());
					statement.setString(3, this.connectionId);
					statement.setString(4, delete.salesforceId());
				});
	}

	private static void setTimestamp(PreparedStatement statement, int index, java.time.@Nullable Instant instant)
			throws SQLException {
		statement.setTimestamp(index, (instant != null) ? Timestamp.from(instant) : null);
	}

}
