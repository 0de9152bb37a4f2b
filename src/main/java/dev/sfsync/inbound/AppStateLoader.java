package dev.sfsync.inbound;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.sfsync.catalog.SyncRule;
import dev.sfsync.salesforce.PageEnricher;
import dev.sfsync.store.AppTable;
import dev.sfsync.store.JsonStatements;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Loads what the app knows about a page of Salesforce records: the stored rows in one
 * query, and the lookups the object's rules need (deleted accounts, known opportunities,
 * contacts by email and by user id, the contacts converted Leads became) in one query
 * each, then has the rules decide on each record. The rules themselves never do I/O.
 */
final class AppStateLoader implements PageEnricher<InboundItem> {

	private final NamedParameterJdbcTemplate jdbc;

	private final String connectionId;

	private final String objectType;

	private final boolean lookUpDecided;

	private final AppTable table;

	private final Map<String, String> columns;

	private final Set<SyncRule> rules;

	private final InboundRules decisions;

	private final JsonMapper json;

	/** The JSON_TABLE clause for each table and column looked up, made once. */
	private final Map<String, String> valueTables = new HashMap<>();

	/**
	 * @param columns the Salesforce field to app column mapping read inbound
	 * @param rules the object's sync rules, which say what to look up
	 * @param decisions the rules that decide on each record once its state is loaded
	 * @param lookUpDecided whether to look up the records' last skips: not for records
	 * read for the first time (a backfill), which no run decided before
	 * @param json writes the values looked up and the changes' rows
	 */
	AppStateLoader(NamedParameterJdbcTemplate jdbc, String connectionId, String objectType, AppTable table,
			Map<String, String> columns, Set<SyncRule> rules, InboundRules decisions, boolean lookUpDecided,
			JsonMapper json) {
		this.lookUpDecided = lookUpDecided;
		this.jdbc = jdbc;
		this.connectionId = connectionId;
		this.objectType = objectType;
		this.table = table;
		this.columns = columns;
		this.rules = rules;
		this.decisions = decisions;
		this.json = json;
	}

	@Override
	public List<InboundItem> enrich(List<JsonNode> page) {
		Map<String, Stored> stored = storedRows(values(page, "Id"));
		Map<String, Stored> unlinked = unlinkedRows(page, stored.keySet());
		Map<String, AppState.Decided> decided = this.lookUpDecided ? decided(values(page, "Id")) : Map.of();
		Set<String> deletedAccounts = this.rules.contains(SyncRule.REQUIRE_ACCOUNT)
				? ids("companies", values(page, "AccountId"), true) : Set.of();
		Set<String> knownOpportunities = this.rules.contains(SyncRule.REQUIRE_OPPORTUNITY)
				? ids("opportunities", values(page, "OpportunityId"), false) : new HashSet<>();
		boolean resolve = this.rules.contains(SyncRule.RESOLVE_CONTACT);
		Map<String, Long> byEmail = resolve ? contacts("email", values(page, field(SyncRule.CONTACT_EMAIL_COLUMN)))
				: Map.of();
		Map<String, Long> byUser = resolve ? contacts("app_user_id", values(page, field(SyncRule.APP_USER_ID_COLUMN)))
				: Map.of();
		Map<String, Long> converted = converts() ? contactsOf(values(page, "ConvertedContactId")) : Map.of();
		List<InboundItem> items = new ArrayList<>(page.size());
		for (JsonNode record : page) {
			String id = record.path("Id").asString("");
			Stored row = stored.containsKey(id) ? stored.get(id) : unlinked.get(id);
			String account = text(record, "AccountId");
			AppState state = new AppState((row != null) ? row.id() : null,
					(row != null && row.modstamp() != null) ? row.modstamp().toInstant() : null,
					(row != null) ? row.columns() : Map.of(), account != null && !deletedAccounts.contains(account),
					knownOpportunities.contains(text(record, "OpportunityId")),
					lookUp(byEmail, lower(text(record, field(SyncRule.CONTACT_EMAIL_COLUMN)))),
					lookUp(byUser, lower(text(record, field(SyncRule.APP_USER_ID_COLUMN)))),
					row != null && row.deleted(), (row != null) ? row.linkedContact() : null,
					lookUp(converted, text(record, "ConvertedContactId")), row != null && !stored.containsKey(id),
					decided.get(id));
			items.add(InboundItem.of(record, state, this.decisions, this.json));
		}
		return items;
	}

	private record Stored(long id, @Nullable Timestamp modstamp, Map<String, @Nullable Object> columns, boolean deleted,
			@Nullable String linkedContact) {
	}

	/** Whether converted Leads are read: their app contacts are re-linked to Contacts. */
	private boolean converts() {
		return this.rules.contains(SyncRule.SKIP_CONVERTED_LEADS) && this.table.hasColumn("salesforce_contact_id");
	}

	/** The app rows of records by their Salesforce Ids. */
	private Map<String, Stored> storedRows(Collection<String> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<String, Stored> rows = new HashMap<>();
		rows(values(this.table.name(), this.table.keyColumn()) + " JOIN " + this.table.name()
				+ " t ON t.connection_id = :connection AND t." + this.table.keyColumn() + " = v.value", "", ids,
				(rs, row) -> rows.put(rs.getString("sf_key"), row), Map.of());
		return rows;
	}

	/**
	 * The app rows that records not found by their Ids were created from: an outbound run
	 * created the record by its external id, then died before it stored the record's Id
	 * in the row. Without them the record would be created again in the app, a second row
	 * that every retry of the outbound change then collides with. Only live rows of this
	 * connection and object type that have no Salesforce Id yet are found: one primary
	 * key lookup each, and none when every record was found by its Id.
	 */
	private Map<String, Stored> unlinkedRows(List<JsonNode> page, Set<String> found) {
		Map<Long, String> records = new HashMap<>();
		for (JsonNode record : page) {
			String id = text(record, "Id");
			Long appId = this.table.appId(text(record, AppTable.EXTERNAL_ID_FIELD));
			if (id != null && appId != null && !found.contains(id)) {
				records.putIfAbsent(appId, id);
			}
		}
		if (records.isEmpty()) {
			return Map.of();
		}
		StringBuilder fixed = new StringBuilder();
		Map<String, Object> parameters = new HashMap<>();
		// Fixed columns are the table's own names (kind, event_type), never a setting's.
		this.table.fixedColumns().forEach((column, value) -> {
			fixed.append(" AND t.").append(column).append(" = :fixed_").append(column);
			parameters.put("fixed_" + column, value);
		});
		Map<String, Stored> rows = new HashMap<>();
		rows("JSON_TABLE(:values, '$[*]' COLUMNS (value BIGINT PATH '$')) v JOIN " + this.table.name()
				+ " t ON t.id = v.value AND t.connection_id = :connection",
				" WHERE t." + this.table.keyColumn() + " IS NULL AND t.deleted = FALSE" + fixed, records.keySet(),
				(rs, row) -> {
					rows.put(records.get(row.id()), row);
				}, parameters);
		return rows;
	}

	/** Reads app rows with the columns the rules compare and the lookups they need. */
	private void rows(String from, String where, Collection<?> keys, RowHandler handler,
			Map<String, Object> parameters) {
		Set<String> selected = new LinkedHashSet<>(this.columns.values());
		if (this.rules.contains(SyncRule.RESOLVE_CONTACT)) {
			selected.add("contact_id");
		}
		selected.removeIf((column) -> !this.table.hasColumn(column));
		String sql = "SELECT t.id, t." + this.table.keyColumn() + " AS sf_key, t.external_updated_at, t.deleted"
				+ (converts() ? ", t.salesforce_contact_id AS linked_contact" : "")
				+ (selected.isEmpty() ? "" : ", " + String.join(", ", selected.stream().map((c) -> "t." + c).toList()))
				+ " FROM " + from + where;
		Map<String, Object> all = new HashMap<>(parameters);
		all.put("connection", this.connectionId);
		all.put("values", json(keys));
		this.jdbc.query(sql, all, (rs) -> {
			Map<String, @Nullable Object> values = new HashMap<>();
			for (String column : selected) {
				values.put(column, this.table.type(column).canonical(rs.getObject(column)));
			}
			handler.row(rs, new Stored(rs.getLong("id"), rs.getTimestamp("external_updated_at"), values,
					rs.getBoolean("deleted"), converts() ? rs.getString("linked_contact") : null));
		});
	}

	@FunctionalInterface
	private interface RowHandler {

		void row(ResultSet rs, Stored row) throws SQLException;

	}

	/**
	 * The last skip or failure runs recorded for the records ({@link UnwrittenRecords}),
	 * by primary key; none for records the app wrote since.
	 */
	private Map<String, AppState.Decided> decided(Collection<String> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<String, AppState.Decided> decided = new HashMap<>();
		this.jdbc.query(
				"SELECT w.salesforce_id, w.reason, w.modstamp FROM " + values("sync_unwritten", "salesforce_id")
						+ " JOIN sync_unwritten w ON w.connection_id = :connection AND w.object_type = :object"
						+ " AND w.salesforce_id = v.value WHERE w.state <> 'RESOLVED'",
				Map.of("connection", this.connectionId, "object", this.objectType, "values", json(ids)), (rs) -> {
					Timestamp modstamp = rs.getTimestamp(3);
					decided.put(rs.getString(1), new AppState.Decided(rs.getString(2), (modstamp != null)
							? modstamp.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC) : null));
				});
		return decided;
	}

	/** Salesforce Ids of a table's rows among {@code ids}: deleted ones, or live ones. */
	private Set<String> ids(String table, Collection<String> ids, boolean deleted) {
		if (ids.isEmpty()) {
			return new HashSet<>();
		}
		return new HashSet<>(this.jdbc
			.queryForList("SELECT t.salesforce_id FROM " + values(table, "salesforce_id") + " JOIN " + table
					+ " t ON t.connection_id = :connection AND t.salesforce_id = v.value WHERE t.deleted = :deleted",
					Map.of("connection", this.connectionId, "values", json(ids), "deleted", deleted), String.class));
	}

	/** Live contacts by a column's value, lower-cased; the oldest row wins. */
	private Map<String, Long> contacts(String column, Collection<String> values) {
		if (values.isEmpty()) {
			return Map.of();
		}
		Map<String, Long> contacts = new HashMap<>();
		this.jdbc.query(
				"SELECT t." + column + " AS value, MIN(t.id) AS id FROM " + values("contacts", column)
						+ " JOIN contacts t" + " ON t.connection_id = :connection AND t." + column
						+ " = v.value WHERE t.deleted = FALSE" + " GROUP BY t." + column,
				Map.of("connection", this.connectionId, "values", json(values)), (rs) -> {
					contacts.put(lower(rs.getString("value")), rs.getLong("id"));
				});
		return contacts;
	}

	/** App contacts by the Salesforce Contact they were synced from. */
	private Map<String, Long> contactsOf(Collection<String> contactIds) {
		if (contactIds.isEmpty()) {
			return Map.of();
		}
		Map<String, Long> contacts = new HashMap<>();
		this.jdbc.query("SELECT t.id, t.salesforce_contact_id FROM " + values("contacts", "salesforce_contact_id")
				+ " JOIN contacts t" + " ON t.connection_id = :connection AND t.salesforce_contact_id = v.value",
				Map.of("connection", this.connectionId, "values", json(contactIds)), (rs) -> {
					contacts.put(rs.getString(2), rs.getLong(1));
				});
		return contacts;
	}

	/**
	 * The values a query looks up, as rows {@code v.value} of the column's character set
	 * and collation ({@link JsonStatements#textType}): sent as one JSON array and joined
	 * to the table's index, one index lookup each. An {@code IN} list of a Bulk page's
	 * 50,000 Ids cost Connector/J 50,000 parameters and MariaDB a temporary table: about
	 * a second a page, as long as the rest of the backfill's reading.
	 */
	private String values(String table, String column) {
		return this.valueTables.computeIfAbsent(table + "." + column,
				(key) -> "JSON_TABLE(:values, '$[*]' COLUMNS (value "
						+ JsonStatements.textType(this.jdbc.getJdbcTemplate(), table, column) + " PATH '$')) v");
	}

	/** The values a lookup is for, as the JSON array that {@link #values} reads. */
	private String json(Collection<?> values) {
		return this.json.writeValueAsString(values);
	}

	/** The Salesforce field mapped to an app column, or the column's name. */
	private String field(String column) {
		return this.columns.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().equals(column))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(column);
	}

	private static Set<String> values(List<JsonNode> page, String field) {
		Set<String> values = new LinkedHashSet<>();
		for (JsonNode record : page) {
			String value = text(record, field);
			if (value != null) {
				values.add(value);
			}
		}
		return values;
	}

	private static @Nullable String text(JsonNode record, String field) {
		JsonNode value = record.get(field);
		return (value == null || value.isNull() || value.asString("").isEmpty()) ? null : value.asString();
	}

	/** A contact by a value the record may not have. */
	private static @Nullable Long lookUp(Map<String, Long> contacts, @Nullable String value) {
		return (value != null) ? contacts.get(value) : null;
	}

	private static @Nullable String lower(@Nullable String text) {
		return (text != null) ? text.toLowerCase(Locale.ROOT) : null;
	}

}
