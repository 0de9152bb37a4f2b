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

	private final OutboxStore outbox;

	/** Reads the app rows, the only other table it reads. */
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

	OutboxReader(String name, OutboxStore outbox, NamedParameterJdbcTemplate jdbc, String connectionId,
			String objectType, AppTable table, Operation operation, long from, long to, int pageSize) {
		this.name = name;
		this.outbox = outbox;
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
		List<OutboxStore.PendingRow> rows = this.outbox.page(this.connectionId, this.objectType, this.operation,
				this.lastId, this.to, this.pageSize);
		this.exhausted = rows.size() < this.pageSize;
		if (rows.isEmpty()) {
			return;
		}
		Map<Long, Map<String, @Nullable Object>> appRows = appRows(
				rows.stream().map(OutboxStore.PendingRow::appId).distinct().toList());
		for (OutboxStore.PendingRow row : rows) {
			Map<String, @Nullable Object> appRow = appRows.get(row.appId());
			String salesforceId = (appRow != null && appRow.get(this.keyColumn) != null)
					? appRow.get(this.keyColumn).toString() : row.salesforceId();
			String changed = row.changedColumns();
			Set<String> columns = (changed == null || changed.isEmpty()) ? Set.of()
					: new LinkedHashSet<>(Arrays.asList(changed.split(",")));
			this.page.add(new OutboxEntry(row.id(), row.appId(), this.operation, columns, salesforceId,
					changedAt(row.changedAt()), row.attempts(), appRow));
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
