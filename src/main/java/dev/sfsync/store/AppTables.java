package dev.sfsync.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.sfsync.catalog.FieldMapping;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The app table of every object type in the catalog, checked against the database at
 * startup: a job definition that names a table or column the database does not have stops
 * startup with a message that says which.
 */
public final class AppTables {

	private final Map<String, AppTable> byObjectType;

	public AppTables(JobCatalog catalog, JdbcTemplate jdbc) {
		Map<String, Map<String, ColumnType>> columns = new HashMap<>();
		jdbc.query("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE FROM information_schema.COLUMNS"
				+ " WHERE TABLE_SCHEMA = DATABASE()", (row) -> {
					columns
						.computeIfAbsent(row.getString(1).toLowerCase(java.util.Locale.ROOT), (key) -> new HashMap<>())
						.put(row.getString(2).toLowerCase(java.util.Locale.ROOT),
								ColumnType.ofSqlType(row.getString(3), row.getString(4)));
				});
		Map<String, AppTable> tables = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		for (JobDefinition definition : catalog.definitions()) {
			Map<String, ColumnType> types = columns.get(definition.table());
			if (types == null) {
				problems.add(definition.source() + ": table '" + definition.table() + "' does not exist");
				continue;
			}
			for (FieldMapping field : definition.fields()) {
				if (!types.containsKey(field.column())) {
					problems.add(definition.source() + ": fields." + field.salesforceField() + ".column '"
							+ field.column() + "' is not a column of " + definition.table());
				}
			}
			AppTable table = AppTable.of(definition, types,
					(object) -> catalog.definitions()
						.stream()
						.filter((parent) -> parent.salesforceObject().equals(object))
						.findFirst()
						.orElse(null));
			if (!types.containsKey(table.keyColumn())) {
				problems.add(definition.source() + ": table " + definition.table() + " has no column "
						+ table.keyColumn() + " for the Salesforce Id");
			}
			for (String column : table.fixedColumns().keySet()) {
				if (!types.containsKey(column)) {
					problems
						.add(definition.source() + ": fixed." + column + " is not a column of " + definition.table());
				}
			}
			tables.values()
				.stream()
				.filter((other) -> other.name().equals(table.name()) && other.keyColumn().equals(table.keyColumn())
						&& other.fixedColumns().equals(table.fixedColumns()))
				.findFirst()
				.ifPresent((other) -> problems.add(definition.source() + ": shares table " + table.name()
						+ " with another object type whose rows it could not be told from: give each a fixed value"
						+ " (fixed: { kind: ... }) or a key-column of its own"));
			tables.put(definition.name(), table);
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException(
					"The job catalog does not match the app tables: " + String.join("; ", problems));
		}
		this.byObjectType = Map.copyOf(tables);
	}

	/**
	 * The table of an object type, by its name such as {@code contact}, if it has one.
	 */
	public Optional<AppTable> find(String objectType) {
		return Optional.ofNullable(this.byObjectType.get(objectType));
	}

	/** The table of an object type, by its name such as {@code contact}. */
	public AppTable get(String objectType) {
		return find(objectType)
			.orElseThrow(() -> new IllegalArgumentException("No app table for object type " + objectType));
	}

}
