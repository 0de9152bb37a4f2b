package dev.sfsync.inbound;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.outcome.OutcomeLog;
import dev.sfsync.outcome.OutcomeRow;
import dev.sfsync.outcome.RecordOutcome;
import dev.sfsync.store.AppTable;
import dev.sfsync.store.ColumnType;
import dev.sfsync.store.JsonStatements;
import dev.sfsync.store.SyncWrites;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Writes a chunk of inbound changes to the app table: creates and updates as upserts of
 * JSON rows keyed by (connection, Salesforce Id), with their foreign keys pointed at the
 * parents the app holds when the step asks for it, deletes as one batch, converted Leads'
 * re-links, then the outcome rows (changes and the chunk's skips) and the step's
 * counters, all in the chunk transaction.
 */
final class AppRecordWriter implements ItemWriter<AppChange> {

	private static final Log logger = LogFactory.getLog(AppRecordWriter.class);

	/** Created and updated rows per statement: a few hundred bytes of JSON each. */
	static final int ROWS_PER_STATEMENT = 5000;

	/**
	 * The JSON characters a statement sends at most, give or take a row: at most three
	 * bytes each in UTF-8, well inside the server's {@code max_allowed_packet} (16 MB on
	 * MariaDB, 64 MB on MySQL 8). Wide objects with long texts reach it before 5,000
	 * rows.
	 */
	static final int MAX_STATEMENT_CHARS = 2 << 20;

	private final JdbcTemplate jdbc;

	private final OutcomeLog outcomes;

	private final String connectionId;

	private final String objectType;

	private final AppTable table;

	private final InboundProcessor processor;

	private final InboundMetrics metrics;

	private final LeadConversions conversions;

	private final UnwrittenRecords unwritten;

	private final @Nullable ForeignKeys foreignKeys;

	/**
	 * The chunk last written and the skips drained for it: a write the step tries again
	 * (after a deadlock rolled its transaction back) records them again.
	 */
	private @Nullable Chunk<?> lastChunk;

	private List<OutcomeRow> lastSkipped = List.of();

	private List<UnwrittenRecords.Unwritten> lastUnwritten = List.of();

	/**
	 * @param foreignKeys points the foreign keys of the rows each chunk writes, or null
	 * to leave them to {@code update-foreign-keys}
	 */
	AppRecordWriter(JdbcTemplate jdbc, OutcomeLog outcomes, String connectionId, String objectType, AppTable table,
			InboundProcessor processor, InboundMetrics metrics, UnwrittenRecords unwritten,
			@Nullable ForeignKeys foreignKeys) {
		this.unwritten = unwritten;
		this.jdbc = jdbc;
		this.outcomes = outcomes;
		this.connectionId = connectionId;
		this.objectType = objectType;
		this.table = table;
		this.processor = processor;
		this.metrics = metrics;
		this.conversions = new LeadConversions(new NamedParameterJdbcTemplate(jdbc));
		this.foreignKeys = foreignKeys;
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
		SyncWrites.uncaptured(this.jdbc, (Runnable) () -> {
			link(writes);
			upsert(writes);
			if (this.foreignKeys != null) {
				this.foreignKeys.pointWritten(writes.stream().map(AppChange::salesforceId).toList());
			}
			delete(deletes);
			converted.forEach((change) -> conversionRows.put(change, this.conversions.apply(change)));
		});
		if (chunk != this.lastChunk) {
			this.lastChunk = chunk;
			this.lastSkipped = this.processor.drainSkipped();
			this.lastUnwritten = this.processor.drainUnwritten();
		}
		List<OutcomeRow> rows = new ArrayList<>(this.lastSkipped);
		long created = 0;
		long updated = 0;
		for (AppChange change : chunk) {
			OutcomeRow conversion = conversionRows.get(change);
			rows.add((conversion != null) ? conversion : new OutcomeRow(change.outcome(), null, null,
					change.salesforceId(), change.appId(), change.createdAt(), change.modstamp()));
			created += (change.outcome() == RecordOutcome.CREATED) ? 1 : 0;
			updated += (change.outcome() == RecordOutcome.UPDATED) ? 1 : 0;
		}
		long executionId = OutcomeLog.currentExecutionId();
		this.unwritten.resolve(chunk.getItems().stream().map(AppChange::salesforceId).toList(), executionId);
		this.unwritten.record(this.lastUnwritten, executionId);
		this.outcomes.append(this.connectionId, this.objectType, rows);
		this.outcomes.count(created, updated, deletes.size());
		this.metrics.written(this.connectionId, this.objectType, chunk.getItems());
	}

	/**
	 * Creates and updates rows: per set of columns, one upsert per
	 * {@value #ROWS_PER_STATEMENT} rows, their values sent as one JSON array that
	 * {@code JSON_TABLE} reads and MySQL converts to the columns' types. The rows were
	 * made into JSON when their records were decided on, on the reader's thread for a
	 * backfill, so this thread only joins them while the database works: binding every
	 * value took Connector/J about a third as long as the database's own work, on this
	 * thread and in series with it. Created rows are not read back: their outcome rows
	 * name them by Salesforce Id, which is unique in the table for the connection.
	 */
	private void upsert(List<AppChange> writes) {
		Map<List<String>, List<AppChange>> byColumns = new LinkedHashMap<>();
		@Nullable List<String> lastColumns = null;
		List<AppChange> lastGroup = List.of();
		for (AppChange write : writes) {
			// A page's records nearly always map the same columns in the same order, so
			// the previous record's group is tried before hashing the column names.
			List<String> columns = write.columns();
			if (lastColumns == null || !columns.equals(lastColumns)) {
				lastColumns = columns;
				lastGroup = byColumns.computeIfAbsent(columns, (key) -> new ArrayList<>());
			}
			lastGroup.add(write);
		}
		byColumns.forEach(this::upsert);
	}

	private void upsert(List<String> columns, List<AppChange> group) {
		List<String> fixed = new ArrayList<>(this.table.fixedColumns().keySet());
		List<String> all = new ArrayList<>();
		List<String> selected = new ArrayList<>();
		List<String> paths = new ArrayList<>();
		all.add("connection_id");
		selected.add("?");
		all.add(this.table.keyColumn());
		for (int i = 0; i < columns.size() + 3; i++) {
			paths.add("v" + i + " LONGTEXT PATH '$[" + i + "]'");
		}
		selected.add("r.v0");
		List<String> written = new ArrayList<>();
		for (int i = 0; i < columns.size(); i++) {
			// The table's own identifier: a stored override's text never reaches SQL.
			written.add(this.table.writableColumn(columns.get(i)));
			all.add(written.get(i));
			selected.add("r.v" + (i + 1));
		}
		for (String column : fixed) {
			all.add(column);
			selected.add("?");
		}
		all.addAll(List.of("external_created_at", "external_updated_at", "deleted", "deleted_at"));
		selected.addAll(List.of("r.v" + (columns.size() + 1), "r.v" + (columns.size() + 2), "FALSE", "NULL"));
		List<String> updates = new ArrayList<>();
		for (String column : written) {
			updates.add(column + " = VALUES(" + column + ")");
		}
		updates.add("external_created_at = COALESCE(VALUES(external_created_at), external_created_at)");
		updates.add("external_updated_at = VALUES(external_updated_at)");
		updates.add("deleted = FALSE");
		updates.add("deleted_at = NULL");
		String sql = "INSERT INTO " + this.table.name() + " (" + String.join(", ", all) + ") SELECT "
				+ String.join(", ", selected) + " FROM JSON_TABLE(?, '$[*]' COLUMNS (" + String.join(", ", paths)
				+ ")) r ON DUPLICATE KEY UPDATE " + String.join(", ", updates);
		for (String json : documents(group.stream().map(AppChange::row).toList(), ROWS_PER_STATEMENT,
				MAX_STATEMENT_CHARS)) {
			upsert(sql, fixed, json);
		}
	}

	/**
	 * JSON rows joined into arrays of at most {@code maxRows} rows, each closed once it
	 * holds {@code maxChars} characters or more.
	 */
	static List<String> documents(List<@Nullable String> rows, int maxRows, int maxChars) {
		List<String> documents = new ArrayList<>();
		StringBuilder json = new StringBuilder();
		int count = 0;
		for (String row : rows) {
			json.append((count == 0) ? "[" : ",").append(row);
			count++;
			if (count == maxRows || json.length() >= maxChars) {
				documents.add(json.append(']').toString());
				json.setLength(0);
				count = 0;
			}
		}
		if (count > 0) {
			documents.add(json.append(']').toString());
		}
		return documents;
	}

	private void upsert(String sql, List<String> fixed, String json) {
		List<@Nullable Object> parameters = new ArrayList<>();
		parameters.add(this.connectionId);
		fixed.forEach((column) -> parameters.add(this.table.fixed(column)));
		parameters.add(json);
		JsonStatements.update(this.jdbc, sql, parameters.toArray());
	}

	/**
	 * Gives app rows found by their external id the Salesforce Id of the record created
	 * from them, so that the upsert after it updates them instead of adding a second row.
	 * A row that got an Id meanwhile keeps it.
	 */
	private void link(List<AppChange> writes) {
		List<AppChange> links = writes.stream().filter(AppChange::link).toList();
		if (links.isEmpty()) {
			return;
		}
		int[][] linked = this.jdbc.batchUpdate(
				"UPDATE " + this.table.name() + " SET " + this.table.keyColumn()
						+ " = ? WHERE id = ? AND connection_id = ? AND " + this.table.keyColumn() + " IS NULL",
				links, OutcomeLog.JDBC_BATCH, (statement, link) -> {
					statement.setString(1, link.salesforceId());
					statement.setLong(2, link.appId());
					statement.setString(3, this.connectionId);
				});
		logger.info("Linked " + Arrays.stream(linked).flatMapToInt(Arrays::stream).filter((rows) -> rows > 0).count()
				+ " of " + this.connectionId + "'s " + this.table.name()
				+ " rows to the Salesforce records an outbound run created from them before it could store their Ids");
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

	/**
	 * Binds a time as UTC {@code LocalDateTime}, as {@link ColumnType#jdbc} binds every
	 * time: Connector/J formats a {@code java.sql.Timestamp} with a new
	 * {@code SimpleDateFormat} each time, which a backfill would pay millions of times.
	 */
	private static void setTimestamp(PreparedStatement statement, int index, java.time.@Nullable Instant instant)
			throws SQLException {
		statement.setObject(index, ColumnType.jdbc(instant));
	}

}
