package dev.sfsync.outbound;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.sfsync.catalog.FieldMapping;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.store.AppTable;
import dev.sfsync.store.AppTables;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The outbox triggers of an object type that syncs outbound, made from its job
 * definition: a new object type needs its {@code jobs/*.yaml} file and its app table, not
 * a copy of the trigger block of {@code V7__outbox.sql}. At startup, each outbound object
 * type whose app table has no trigger for it gets three, as V7's: an insert, an update
 * that names the outbound columns it changed (or a delete when the row is flagged
 * deleted), and a delete, each writing a {@code sync_outbox} row in the app's own
 * transaction, and none for sfsync's own writes ({@code @sfsync_inbound}). A table that
 * several object types share tells them apart by the definitions' {@code fixed} values.
 * <p>
 * A definition changes: triggers made here from an earlier version are made again, each
 * replaced under a write lock of its table and the outbox so that no app change goes
 * uncaptured meanwhile. Triggers a migration made (named after the table alone) are the
 * migration's to change, so startup fails when one of them does not capture an outbound
 * column of a definition: that column's changes would never reach Salesforce.
 */
final class OutboxTriggers {

	private static final Log logger = LogFactory.getLog(OutboxTriggers.class);

	private static final String FOR_EACH_ROW = " FOR EACH ROW ";

	/** A column an update trigger compares: {@code NEW.c <=> OLD.c}. */
	private static final Pattern COMPARED = Pattern.compile("NEW\\.(\\w+)\\s*<=>\\s*OLD\\.(\\w+)");

	private final JdbcTemplate jdbc;

	OutboxTriggers(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Creates the missing triggers and makes again those of an earlier definition;
	 * answers the names of those it made.
	 * @throws IllegalStateException when a migration's trigger leaves out an outbound
	 * column
	 */
	List<String> ensure(JobCatalog catalog, AppTables tables) {
		List<String> made = new ArrayList<>();
		for (JobDefinition definition : catalog.definitions()) {
			if (definition.outbound()) {
				made.addAll(ensure(definition, tables.get(definition.name())));
			}
		}
		if (!made.isEmpty()) {
			logger.info("Made the outbox triggers " + made + " from the job catalog");
		}
		return made;
	}

	/** One outbound object type's triggers, as {@link #ensure(JobCatalog, AppTables)}. */
	List<String> ensure(JobDefinition definition, AppTable table) {
		List<String> made = new ArrayList<>();
		Map<String, String> existing = existing(table.name());
		if (existing.containsKey(table.name() + "_outbox_insert")) {
			checkCaptured(definition, table, table.name() + "_outbox_update",
					existing.getOrDefault(table.name() + "_outbox_update", ""));
			return made;
		}
		for (Map.Entry<String, String> trigger : triggers(definition, table).entrySet()) {
			String current = existing.get(trigger.getKey());
			if (current == null) {
				create(trigger.getKey(), trigger.getValue());
				made.add(trigger.getKey());
			}
			else if (!normalized(current).equals(normalized(body(trigger.getValue())))) {
				replace(table.name(), trigger.getKey(), trigger.getValue(), current);
				made.add(trigger.getKey());
			}
		}
		return made;
	}

	/** The table's triggers: each name and its body. */
	private Map<String, String> existing(String table) {
		Map<String, String> triggers = new HashMap<>();
		this.jdbc.query(
				"SELECT TRIGGER_NAME, ACTION_STATEMENT FROM information_schema.TRIGGERS"
						+ " WHERE TRIGGER_SCHEMA = DATABASE() AND EVENT_OBJECT_TABLE = ?",
				(RowCallbackHandler) (rs) -> triggers.put(rs.getString(1), rs.getString(2)), table);
		return triggers;
	}

	private void create(String name, String statement) {
		try {
			this.jdbc.execute(statement);
		}
		catch (DataAccessException ex) {
			// Another replica starting at the same time made it first.
			if (!exists(name)) {
				throw ex;
			}
		}
	}

	/**
	 * Replaces a trigger while its table and the outbox are locked for writing, so no app
	 * change happens without a trigger; if the new one cannot be made, the old one is
	 * made again.
	 */
	private void replace(String table, String name, String statement, String oldBody) {
		String old = "CREATE TRIGGER " + name + " AFTER " + event(name) + " ON " + table + " FOR EACH ROW " + oldBody;
		this.jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			try (Statement sql = connection.createStatement()) {
				sql.execute("LOCK TABLES " + table + " WRITE, sync_outbox WRITE");
				try {
					sql.execute("DROP TRIGGER IF EXISTS " + name);
					try {
						sql.execute(statement);
					}
					catch (SQLException ex) {
						sql.execute(old);
						throw ex;
					}
				}
				finally {
					sql.execute("UNLOCK TABLES");
				}
			}
			return null;
		});
	}

	/**
	 * Fails when a migration's update trigger does not capture every outbound column of
	 * the definition.
	 */
	private static void checkCaptured(JobDefinition definition, AppTable table, String trigger, String body) {
		List<String> missing = new ArrayList<>(outboundColumns(definition, table));
		missing.removeAll(captured(body));
		if (!missing.isEmpty()) {
			throw new IllegalStateException("The outbox trigger " + trigger + ", which a migration made, does not"
					+ " capture the outbound column(s) " + missing + " of " + definition.name()
					+ ": their changes would never reach Salesforce. Make the trigger again in a migration with them"
					+ " (as V7__outbox.sql makes it), or map their fields 'direction: in'.");
		}
	}

	/** The columns an update trigger's body compares between the old and the new row. */
	static Set<String> captured(String body) {
		Set<String> columns = new HashSet<>();
		Matcher compared = COMPARED.matcher(body);
		while (compared.find()) {
			if (compared.group(1).equals(compared.group(2))) {
				columns.add(compared.group(1));
			}
		}
		return columns;
	}

	/**
	 * The body of a {@code CREATE TRIGGER} statement: what follows {@code FOR EACH ROW}.
	 */
	static String body(String statement) {
		return statement.substring(statement.indexOf(FOR_EACH_ROW) + FOR_EACH_ROW.length());
	}

	private static String normalized(String body) {
		return body.strip().replaceAll("\\s+", " ");
	}

	private static String event(String name) {
		return name.substring(name.lastIndexOf('_') + 1).toUpperCase(Locale.ROOT);
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

	/** The app columns whose changes go to Salesforce. */
	static List<String> outboundColumns(JobDefinition definition, AppTable table) {
		return definition.fields()
			.stream()
			.filter((field) -> field.direction().outbound())
			.map(FieldMapping::column)
			.map(table::writableColumn)
			.toList();
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
		List<String> columns = outboundColumns(definition, table);
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
