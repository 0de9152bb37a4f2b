package dev.sfsync.catalog;

import java.util.List;
import java.util.Map;

/**
 * How an object type's records sit in its app table, beyond the mapped fields: the column
 * that holds the Salesforce Id, the values that tell its rows apart in a table several
 * object types share, and the app foreign keys filled from Salesforce references. Written
 * in {@code jobs/*.yaml} as {@code key-column}, {@code fixed} and {@code references}, so
 * that a new object type needs no Java.
 *
 * @param keyColumn the column holding the Salesforce Id ({@code salesforce_id} unless the
 * table holds two object types, as {@code contacts} holds Leads and Contacts)
 * @param fixedColumns values every row of the object type carries, such as
 * {@code kind: task} in {@code activities}
 * @param references app foreign keys resolved from the object's Salesforce references
 */
public record AppKeys(String keyColumn, Map<String, String> fixedColumns, List<Reference> references) {

	/** A table of its own, keyed by {@code salesforce_id}, with no foreign keys. */
	public static final AppKeys DEFAULTS = new AppKeys("salesforce_id", Map.of(), List.of());

	public AppKeys {
		fixedColumns = Map.copyOf(fixedColumns);
		references = List.copyOf(references);
	}

	/**
	 * An app foreign key filled from a Salesforce reference once the parent is in the
	 * app.
	 *
	 * @param field the Salesforce reference field, one the definition maps (its column
	 * holds the parent's Salesforce Id)
	 * @param column the app foreign key, for example {@code company_id}
	 * @param to the Salesforce objects it may point at (two for {@code WhoId}: Contact
	 * and Lead), each resolved through its own definition's table and key column
	 */
	public record Reference(String field, String column, List<String> to) {

		public Reference {
			to = List.copyOf(to);
		}

	}

}
