package dev.sfsync.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.sfsync.catalog.FieldMapping;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.store.AppTable;
import dev.sfsync.store.AppTables;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox triggers of an object type that syncs outbound, made from its job
 * definition: a new object type needs its {@code jobs/*.yaml} file and its app table, not
 * a copy of the trigger block of {@code V7__outbox.sql}. At startup, each outbound object
 * type whose app table has no trigger for it gets three, as V7's: an insert, an update
 * that names the outbound columns it changed (or a delete when the row is flagged
 * deleted), and a delete, each writing a {@code sync_outbox} row in the app's own
 * transaction, and none for sfsync's own writes ({@code @sfsync_inbound}). A table that
 * several object types share tells them apart by the definitions' {@code fixed} values.
 * Triggers that exist, from a migration or an earlier start, are left as they are.
 */
final class OutboxTriggers {

	private static final Log logger = LogFactory.getLog(OutboxTriggers.class);

	private final JdbcTemplate jdbc;

	OutboxTriggers(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Creates the missing triggers; answers the names of those it created. */
	List<String> ensure(JobCatalog catalog, AppTables tables) {
		List<String> created = new ArrayList<>();
		for (JobDefinition definition : catalog.definitions()) {
			if (!definition.outbound()) {
				continue;
			}
			AppTable table = tables.get(definition.name());
			if (hasTriggerFor(table.name(), definition.name())) {
				continue;
			}
			for (Map.Entry<String, String> trigger : triggers(definition, table).entrySet()) {
				try {
					this.jdbc.execute(trigger.getValue());
					created.add(trigger.getKey());
				}
				catch (DataAccessException ex) {
					// Another replica starting at the same time made it first.
					if (!exists(trigger.getKey())) {
						throw ex;
					}
				}
			}
		}
		if (!created.isEmpty()) {
			logger.info("Created the outbox triggers " + created + " from the job catalog");
		}
		return created;
	}

	/**
	 * Whether the table has an outbox trigger that covers this object type: one made
	 * here, or one of the migrations' (named after the table alone).
	 */
	private boolean hasTriggerFor(String table, String objectType) {
		List<String> names = this.jdbc.queryForList("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS"
				+ " WHERE TRIGGER_SCHEMA = DATABASE() AND EVENT_OBJECT_TABLE = ?", String.class, table);
		Set<String> ours = Set.of(name(table, objectType, "insert"), table + "_outbox_insert");
		return names.stream().anyMatch(ours::contains);
	}

	private boolean exists(String trigger) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.TRIGGERS"
				+ " WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME = ?", Integer.class, trigger) > 0;
	}

	static String name(String table, String objectType, String event) {
		String name = table + "_" + objectType.replace('-', '_') + "_outbox_" + event;
		if (name.length() > 64) {
			throw new IllegalStateException("The outbox trigger name " + name
					+ " is longer than the database's 64 characters: give the table or object type a shorter name");
		}
		return name;
	}

	/**
	 * The three triggers' statements, by name. Every name in them comes from the
	 * validated catalog and the database's own columns, and each fixed value matches the
	 * catalog's allow-list: triggers take no parameters.
	 */
	static Map<String, String> triggers(JobDefinition definition, AppTable table) {
		String object = definition.name();
		String key = table.keyColumn();
		String mine = table.fixedColumns()
			.entrySet()
			.stream()
			.map((fixed) -> " AND {row}." + fixed.getKey() + " = '" + fixed.getValue() + "'")
			.collect(Collectors.joining());
		List<String> columns = definition.fields()
			.stream()
			.filter((field) -> field.direction().outbound())
			.map(FieldMapping::column)
			.map(table::writableColumn)
			.toList();
		// With no outbound column, no update is a change to send (CONCAT_WS needs one).
		String changed = columns.isEmpty() ? "''"
				: "CONCAT_WS(','" + columns.stream()
					.map((column) -> ", IF(NEW." + column + " <=> OLD." + column + ", NULL, '" + column + "')")
					.collect(Collectors.joining()) + ")";
		String insertInto = "INSERT INTO sync_outbox (connection_id, object_type, app_table, app_id, operation,";
		String values = "'" + object + "', '" + table.name() + "', ";
		String skipOwn = "WHERE COALESCE(@sfsync_inbound, 0) = 0";
		return Map.of(
				name(table.name(), object, "insert"),
				"CREATE TRIGGER " + name(table.name(), object, "insert") + " AFTER INSERT ON " + table.name()
						+ " FOR EACH ROW " + insertInto + " salesforce_id, changed_at, available_at)"
						+ " SELECT NEW.connection_id, " + values + "NEW.id, 'INSERT', NEW." + key
						+ ", UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM DUAL " + skipOwn + " AND NOT NEW.deleted"
						+ mine.replace("{row}", "NEW"),
				name(table.name(), object, "update"),
				"CREATE TRIGGER " + name(table.name(), object, "update") + " AFTER UPDATE ON " + table.name()
						+ " FOR EACH ROW " + insertInto + " changed_columns, salesforce_id, changed_at, available_at)"
						+ " SELECT NEW.connection_id, " + values + "NEW.id,"
						+ " CASE WHEN NEW.deleted THEN 'DELETE' WHEN OLD.deleted THEN 'INSERT' ELSE 'UPDATE' END,"
						+ " IF(NEW.deleted OR OLD.deleted, NULL, " + changed + "), NEW." + key
						+ ", UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM DUAL " + skipOwn
						+ " AND NOT (OLD.deleted AND NEW.deleted) AND (NEW.deleted <> OLD.deleted OR " + changed
						+ " <> '')" + mine.replace("{row}", "NEW"),
				name(table.name(), object, "delete"),
				"CREATE TRIGGER " + name(table.name(), object, "delete") + " AFTER DELETE ON " + table.name()
						+ " FOR EACH ROW " + insertInto + " salesforce_id, changed_at, available_at)"
						+ " SELECT OLD.connection_id, " + values + "OLD.id, 'DELETE', OLD." + key
						+ ", UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM DUAL " + skipOwn + " AND NOT OLD.deleted"
						+ mine.replace("{row}", "OLD"));
	}

}
