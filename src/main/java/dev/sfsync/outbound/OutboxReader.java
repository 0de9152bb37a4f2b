package dev.sfsync.outbound;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.sfsync.outbound.OutboxEntry.Operation;
import dev.sfsync.store.AppTable;
import dev.sfsync.store.ColumnType;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Reads the pending outbox rows of one operation in a run's outbox id range, in keyset
 * pages by id, each page enriched with the current state of its app rows in one query.
 * Its saved state is the last id read, so a restart goes on after the last committed
 * chunk; rows a committed chunk handled are no longer pending anyway.
 */
final class OutboxReader implements ItemStreamReader<OutboxEntry> {

	private final String name;

	private final NamedParameterJdbcTemplate jdbc;

	private final String connectionId;

	private final String objectType;

	private final AppTable table;

	private final String keyColumn;

	private final Operation operation;

	private final long from;

	private final long to;

	private final int pageSize;

	private final Deque<OutboxEntry> page = new ArrayDeque<>();

	private long lastId;

	private boolean exhausted;

	OutboxReader(String name, NamedParameterJdbcTemplate jdbc, String connectionId, String objectType, AppTable table,
			Operation operation, long from, long to, int pageSize) {
		this.name = name;
		this.jdbc = jdbc;
		this.connectionId = connectionId;
		this.objectType = objectType;
		this.table = table;
		this.keyColumn = table.keyColumn();
		this.operation = operation;
		this.from = from;
		this.to = to;
		this.pageSize = pageSize;
		this.lastId = from - 1;
	}

	@Override
	public void open(ExecutionContext context) {
		this.lastId = context.getLong(key(), this.from - 1);
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(key(), this.lastId);
	}

	@Override
	public @Nullable OutboxEntry read() {
		if (this.page.isEmpty() && !this.exhausted) {
			fetch();
		}
		OutboxEntry entry = this.page.poll();
		if (entry != null) {
			this.lastId = entry.id();
		}
		return entry;
	}

	private String key() {
		return this.name + ".last.id";
	}

	private void fetch() {
		MapSqlParameterSource parameters = new MapSqlParameterSource().addValue("connection", this.connectionId)
			.addValue("object", this.objectType)
			.addValue("operation", this.operation.name())
			.addValue("after", this.lastId)
			.addValue("to", this.to)
			.addValue("page", this.pageSize);
		List<Map<String, Object>> rows = this.jdbc.queryForList("SELECT id, app_id, changed_columns, salesforce_id,"
				+ " changed_at, attempts FROM sync_outbox WHERE connection_id = :connection AND object_type = :object"
				+ " AND operation = :operation AND status = 'PENDING' AND available_at <= UTC_TIMESTAMP(6)"
				+ " AND id > :after AND id <= :to ORDER BY id LIMIT :page", parameters);
		this.exhausted = rows.size() < this.pageSize;
		if (rows.isEmpty()) {
			return;
		}
		Map<Long, Map<String, @Nullable Object>> appRows = appRows(
				rows.stream().map((row) -> ((Number) row.get("app_id")).longValue()).distinct().toList());
		for (Map<String, Object> row : rows) {
			long appId = ((Number) row.get("app_id")).longValue();
			Map<String, @Nullable Object> appRow = appRows.get(appId);
			String salesforceId = (appRow != null && appRow.get(this.keyColumn) != null)
					? appRow.get(this.keyColumn).toString() : (String) row.get("salesforce_id");
			String changed = (String) row.get("changed_columns");
			Set<String> columns = (changed == null || changed.isEmpty()) ? Set.of()
					: new LinkedHashSet<>(Arrays.asList(changed.split(",")));
			this.page.add(new OutboxEntry(((Number) row.get("id")).longValue(), appId, this.operation, columns,
					salesforceId, changedAt(row.get("changed_at")), ((Number) row.get("attempts")).intValue(), appRow));
		}
		if (this.page.isEmpty()) {
			this.exhausted = true;
		}
	}

	private static Instant changedAt(@Nullable Object stored) {
		Object instant = ColumnType.DATE_TIME.canonical(stored);
		if (instant == null) {
			throw new IllegalStateException("An outbox row has no changed_at");
		}
		return (Instant) instant;
	}

	/** The app rows of a page, in one query. */
	private Map<Long, Map<String, @Nullable Object>> appRows(List<Long> ids) {
		Map<Long, Map<String, @Nullable Object>> rows = new HashMap<>();
		for (Map<String, Object> row : this.jdbc.queryForList(
				"SELECT * FROM " + this.table.name() + " WHERE connection_id = :connection AND id IN (:ids)",
				new MapSqlParameterSource("connection", this.connectionId).addValue("ids", new ArrayList<>(ids)))) {
			rows.put(((Number) row.get("id")).longValue(), row);
		}
		return rows;
	}

}
