package dev.sfsync.activity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.store.AppTable;
import dev.sfsync.store.AppTables;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * What a page of a run's records needs beyond the outcome log: where a record that waits
 * for its parent stands, the app row and label of each record, and the link to the org.
 * Each is one query for the whole page, along an index, in the run's connection.
 */
final class RecordDetails {

	private final NamedParameterJdbcTemplate jdbc;

	private final JobCatalog catalog;

	private final AppTables tables;

	RecordDetails(NamedParameterJdbcTemplate jdbc, JobCatalog catalog, AppTables tables) {
		this.jdbc = jdbc;
		this.catalog = catalog;
		this.tables = tables;
	}

	/** The page's records with their waits, app rows, labels and org links. */
	List<RecordView> complete(List<RecordView> records, RunView run) {
		return withInstance(withWaits(withAppRows(records, run), run), run);
	}

	/**
	 * Shows where the records skipped for a missing parent stand: still waiting, synced
	 * by a later run, or skipped for good. One primary key lookup each, in the run's
	 * connection and object type.
	 */
	private List<RecordView> withWaits(List<RecordView> records, RunView run) {
		List<String> waiting = records.stream()
			.filter((record) -> record.waitsFor() != null && record.salesforceId() != null)
			.map(RecordView::salesforceId)
			.distinct()
			.toList();
		if (waiting.isEmpty()) {
			return records;
		}
		Map<String, String> states = new HashMap<>();
		Map<String, Long> resolvedIn = new HashMap<>();
		this.jdbc.query(
				"SELECT salesforce_id, state, resolved_execution_id FROM sync_unwritten WHERE connection_id = :connection"
						+ " AND object_type = :object AND salesforce_id IN (:ids)",
				new MapSqlParameterSource("connection", run.connectionId()).addValue("object", run.objectType())
					.addValue("ids", waiting),
				(RowCallbackHandler) (rs) -> {
					states.put(rs.getString(1), rs.getString(2));
					resolvedIn.put(rs.getString(1), rs.getObject(3, Long.class));
				});
		return records.stream()
			.map((record) -> (record.waitsFor() == null) ? record
					: record.withWait(states.get(record.salesforceId()), resolvedIn.get(record.salesforceId())))
			.toList();
	}

	/**
	 * Fills in what the outcome log leaves to the app rows: the app id of a record an
	 * inbound run created (the writer does not read its new rows back), and every
	 * record's label, from the label columns of its definition. One query for the page:
	 * the app rows of the run's connection with the page's Salesforce Ids (bound as
	 * parameters, which the key column's collation compares) or app ids.
	 */
	private List<RecordView> withAppRows(List<RecordView> records, RunView run) {
		AppTable table = this.tables.find(run.objectType()).orElse(null);
		JobDefinition definition = this.catalog.find(run.objectType()).orElse(null);
		if (table == null || definition == null || records.isEmpty()) {
			return records;
		}
		List<String> salesforceIds = records.stream()
			.map(RecordView::salesforceId)
			.filter(Objects::nonNull)
			.distinct()
			.toList();
		List<Long> appIds = records.stream().map(RecordView::appId).filter(Objects::nonNull).distinct().toList();
		if (salesforceIds.isEmpty() && appIds.isEmpty()) {
			return records;
		}
		List<String> labels = definition.labelColumns();
		String columns = "SELECT id, " + table.keyColumn() + " AS salesforce_id"
				+ labels.stream().map((column) -> ", " + column).collect(Collectors.joining()) + " FROM " + table.name()
				+ " WHERE connection_id = :connection AND ";
		Map<String, Long> idsBySalesforceId = new HashMap<>();
		Map<Long, String> labelsById = new HashMap<>();
		RowCallbackHandler row = (rs) -> {
			long id = rs.getLong("id");
			String salesforceId = rs.getString("salesforce_id");
			if (salesforceId != null) {
				idsBySalesforceId.put(salesforceId, id);
			}
			String label = definition.labelOf((i) -> text(rs, labels.get(i)));
			if (label != null) {
				labelsById.put(id, label);
			}
		};
		// Two lookups, each along its own index: (connection, Salesforce Id) and the key.
		MapSqlParameterSource parameters = new MapSqlParameterSource("connection", run.connectionId())
			.addValue("salesforceIds", salesforceIds)
			.addValue("appIds", appIds);
		if (!salesforceIds.isEmpty()) {
			this.jdbc.query(columns + table.keyColumn() + " IN (:salesforceIds)", parameters, row);
		}
		if (!appIds.isEmpty()) {
			this.jdbc.query(columns + "id IN (:appIds)", parameters, row);
		}
		return records.stream().map((record) -> {
			Long appId = (record.appId() != null) ? record.appId()
					: (record.salesforceId() != null) ? idsBySalesforceId.get(record.salesforceId()) : null;
			return record.withAppRow(appId, (appId != null) ? labelsById.get(appId) : null);
		}).toList();
	}

	/** Links each record to its org: the connection's instance URL, by primary key. */
	private List<RecordView> withInstance(List<RecordView> records, RunView run) {
		List<String> url = this.jdbc.queryForList("SELECT instance_url FROM connections WHERE id = :connection",
				new MapSqlParameterSource("connection", run.connectionId()), String.class);
		String instanceUrl = url.isEmpty() ? null : url.get(0);
		return (instanceUrl == null) ? records : records.stream().map((r) -> r.withInstance(instanceUrl)).toList();
	}

	private static @Nullable String text(ResultSet rs, String column) {
		try {
			Object value = rs.getObject(column);
			return (value != null) ? value.toString() : null;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
