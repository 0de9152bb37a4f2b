package dev.sfsync.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.sfsync.catalog.AppKeys;
import dev.sfsync.catalog.JobDefinition;
import org.jspecify.annotations.Nullable;

/**
 * One object type's app table as the sync jobs see it: the column that holds the record's
 * Salesforce Id, the values every row of the object type carries, the references to
 * resolve to app rows and the types of its columns. Everything that differs between
 * object types on the app side comes from the job definition ({@code key-column},
 * {@code fixed}, {@code references}) and the database, so a new object type needs no
 * Java.
 *
 * @param name the table
 * @param keyColumn the column holding the Salesforce Id: {@code salesforce_lead_id} and
 * {@code salesforce_contact_id} in {@code contacts}, else {@code salesforce_id}
 * @param fixedColumns values written on every row, for tables several object types share
 * ({@code kind} of activities, {@code event_type} of custom events)
 * @param references app foreign keys resolved from Salesforce references
 * @param columnTypes every column of the table and its kind
 */
public record AppTable(String name, String keyColumn, Map<String, Object> fixedColumns, List<Reference> references,
		Map<String, ColumnType> columnTypes) {

	/**
	 * The Salesforce external id field that names the app row a record was created from,
	 * so that sfsync's creates are idempotent upserts and its records can be told apart.
	 */
	public static final String EXTERNAL_ID_FIELD = "Sfsync_Id__c";

	/** Columns sfsync writes itself on every row, never mapped from Salesforce. */
	public static final List<String> SYSTEM_COLUMNS = List.of("id", "connection_id", "external_created_at",
			"external_updated_at", "deleted", "deleted_at", "created_at", "updated_at");

	public AppTable {
		fixedColumns = Map.copyOf(fixedColumns);
		references = List.copyOf(references);
		columnTypes = Map.copyOf(columnTypes);
	}

	/**
	 * An app foreign key filled from a Salesforce reference once the parent is in the
	 * app.
	 *
	 * @param column the app foreign key, for example {@code company_id}
	 * @param salesforceColumn the column holding the Salesforce reference
	 * @param parentTable the parent's table
	 * @param parentKey the parent's column holding the Salesforce Id
	 */
	public record Reference(String column, String salesforceColumn, String parentTable, String parentKey) {
	}

	/**
	 * The table of an object type, with the column types read from the database: its key
	 * column, fixed values and references as its definition states them. A reference
	 * resolves through each parent object's own definition (its table and key column); a
	 * parent the catalog does not sync is left out, as there is no app row to point at.
	 * @param definitions the catalog's definitions by Salesforce object
	 */
	static AppTable of(JobDefinition definition, Map<String, ColumnType> columnTypes,
			Function<String, @Nullable JobDefinition> definitions) {
		AppKeys app = definition.app();
		List<Reference> references = new ArrayList<>();
		for (AppKeys.Reference reference : app.references()) {
			String salesforceColumn = definition.fields()
				.stream()
				.filter((field) -> field.salesforceField().equals(reference.field()))
				.findFirst()
				.orElseThrow()
				.column();
			for (String to : reference.to()) {
				JobDefinition parent = definitions.apply(to);
				if (parent != null) {
					references.add(new Reference(reference.column(), salesforceColumn, parent.table(),
							parent.app().keyColumn()));
				}
			}
		}
		return new AppTable(definition.table(), app.keyColumn(), Map.copyOf(app.fixedColumns()), references,
				columnTypes);
	}

	/** The kind of a column; text for a column the table does not have. */
	public ColumnType type(String column) {
		return this.columnTypes.getOrDefault(column, ColumnType.TEXT);
	}

	public boolean hasColumn(String column) {
		return this.columnTypes.containsKey(column);
	}

	/**
	 * A mapped column a run may write, as this table names it: one the table has, and not
	 * one that sfsync writes itself (the system columns, the Salesforce Id key, the fixed
	 * values).
	 * @throws IllegalStateException with the table and column when it is not, so that
	 * text which is not a column never reaches SQL
	 */
	public String writableColumn(String column) {
		for (String known : this.columnTypes.keySet()) {
			if (known.equals(column) && !SYSTEM_COLUMNS.contains(known) && !known.equals(this.keyColumn)
					&& !this.fixedColumns.containsKey(known)) {
				return known;
			}
		}
		String shown = (column.length() > 100) ? column.substring(0, 100) + "…" : column;
		throw new IllegalStateException("The app table " + this.name + " has no column '" + shown
				+ "' that a sync may write; the connection's settings.fieldOverrides must name a column the object's"
				+ " job definition maps");
	}

	/** The external id of a table's row: its table and id, unique in the org. */
	public static String externalId(String table, long appId) {
		return table + "-" + appId;
	}

	/**
	 * The id of the row of this table that an {@link #externalId} names, or null when it
	 * names no row of this table (another table's, or text that is not an external id).
	 */
	public @Nullable Long appId(@Nullable String externalId) {
		String prefix = this.name + "-";
		if (externalId == null || !externalId.startsWith(prefix) || externalId.length() == prefix.length()
				|| externalId.length() > prefix.length() + 19) {
			return null;
		}
		for (int i = prefix.length(); i < externalId.length(); i++) {
			if (externalId.charAt(i) < '0' || externalId.charAt(i) > '9') {
				return null;
			}
		}
		try {
			return Long.parseLong(externalId.substring(prefix.length()));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * The condition on this table's fixed columns for a row aliased {@code alias}, with
	 * one positional parameter per column, in the order of
	 * {@code fixedColumns().values()}: empty for a table no other object type shares.
	 */
	public String fixedCondition(String alias) {
		StringBuilder condition = new StringBuilder();
		this.fixedColumns.keySet()
			.forEach((column) -> condition.append(" AND ").append(alias).append('.').append(column).append(" = ?"));
		return condition.toString();
	}

	/** The fixed value of a column on this object type's rows, or null. */
	public @Nullable Object fixed(String column) {
		return this.fixedColumns.get(column);
	}

}
