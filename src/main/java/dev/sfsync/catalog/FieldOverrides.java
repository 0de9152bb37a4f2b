package dev.sfsync.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A connection's field mapping overrides applied to an object's definition. An override
 * {@code {"Nickname__c": "title"}} says which Salesforce field one of the columns the
 * definition maps is synced with: the column keeps its direction, the definition's field
 * for it no longer syncs, and a definition field moved to another column no longer syncs
 * its own. Overrides name only columns the definition maps, never two the same column,
 * and their keys are Salesforce field names, so every column that reaches SQL and every
 * field that reaches SOQL is one the catalog or the identifier pattern vouches for.
 */
public final class FieldOverrides {

	/** A Salesforce field API name, standard or custom ({@code Nickname__c}). */
	public static final Pattern SALESFORCE_FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");

	private FieldOverrides() {
	}

	/**
	 * The definition's field mapping with overrides applied, in definition order; the
	 * columns are the definition's own identifiers, never the overrides' text.
	 * @param definition the object's definition
	 * @param overrides Salesforce field to app column
	 * @throws InvalidFieldOverrideException when an override's key is not a Salesforce
	 * field name, its column is not one the definition maps, or two name the same column
	 */
	public static List<FieldMapping> apply(JobDefinition definition, Map<String, String> overrides) {
		if (overrides.isEmpty()) {
			return definition.fields();
		}
		Map<String, FieldMapping> byColumn = new HashMap<>();
		Map<String, String> definitionFields = new HashMap<>();
		for (FieldMapping field : definition.fields()) {
			byColumn.put(field.column(), field);
			definitionFields.put(field.salesforceField().toLowerCase(Locale.ROOT), field.salesforceField());
		}
		List<String> columns = definition.fields().stream().map(FieldMapping::column).toList();
		Map<String, String> fieldOfColumn = new HashMap<>();
		Map<String, String> keys = new HashMap<>();
		// Sorted, so that the first problem reported is the same on every run.
		for (Map.Entry<String, String> override : new TreeMap<>(overrides).entrySet()) {
			String key = override.getKey();
			String column = override.getValue();
			if (!SALESFORCE_FIELD.matcher(key).matches()) {
				throw new InvalidFieldOverrideException(definition, key, null,
						List.of("a Salesforce field name: a letter, then letters, digits and underscores, such as"
								+ " Nickname__c"),
						"'" + abbreviate(key) + "' is not a Salesforce field name");
			}
			String field = definitionFields.getOrDefault(key.toLowerCase(Locale.ROOT), key);
			String previousKey = keys.putIfAbsent(field.toLowerCase(Locale.ROOT), key);
			if (previousKey != null) {
				throw new InvalidFieldOverrideException(definition, key, column, columns,
						key + " and " + previousKey + " are the same Salesforce field");
			}
			FieldMapping target = (column != null) ? byColumn.get(column) : null;
			if (target == null) {
				throw new InvalidFieldOverrideException(definition, key, column, columns, key + " names column '"
						+ abbreviate(String.valueOf(column)) + "', which " + definition.name() + " does not map");
			}
			String previous = fieldOfColumn.putIfAbsent(target.column(), field);
			if (previous != null) {
				throw new InvalidFieldOverrideException(definition, key, column, columns,
						key + " and " + previous + " both name column " + target.column());
			}
		}
		List<FieldMapping> applied = new ArrayList<>();
		for (FieldMapping mapping : definition.fields()) {
			String field = fieldOfColumn.get(mapping.column());
			if (field != null) {
				applied.add(new FieldMapping(field, mapping.column(), mapping.direction(), mapping.required()));
			}
			else if (!keys.containsKey(mapping.salesforceField().toLowerCase(Locale.ROOT))) {
				applied.add(mapping);
			}
		}
		return List.copyOf(applied);
	}

	static String abbreviate(String text) {
		return (text.length() > 100) ? text.substring(0, 100) + "…" : text;
	}

}
