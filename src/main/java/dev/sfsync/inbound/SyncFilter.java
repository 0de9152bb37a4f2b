package dev.sfsync.inbound;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.sfsync.soql.SoqlException;
import dev.sfsync.soql.SoqlField;
import dev.sfsync.soql.SoqlObject;
import dev.sfsync.soql.SoqlParser;
import dev.sfsync.soql.SoqlQuery;
import dev.sfsync.soql.SoqlRecord;
import dev.sfsync.soql.SoqlRelationship;
import dev.sfsync.soql.SoqlType;
import dev.sfsync.store.ColumnType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A connection's "Do not sync" rule for one object: a SOQL condition, checked against the
 * object's describe when a run starts and then tested on every record the run reads. It
 * uses the same SOQL engine as the emulator, so a rule means here exactly what it would
 * mean in a Salesforce query.
 */
final class SyncFilter implements Predicate<JsonNode> {

	private final SoqlQuery query;

	private final Map<String, SoqlType> types;

	private final Set<String> fields;

	private SyncFilter(SoqlQuery query, Map<String, SoqlType> types, Set<String> fields) {
		this.query = query;
		this.types = types;
		this.fields = fields;
	}

	/**
	 * The filter of a condition.
	 * @param objectName the Salesforce object
	 * @param describe the object's describe
	 * @param condition the SOQL condition of records that must not sync
	 * @throws IllegalArgumentException with what is wrong when the condition is not valid
	 * SOQL for the object
	 * @param clock counts the condition's relative date literals ({@code TODAY},
	 * {@code LAST_N_DAYS:n}) from its UTC date
	 */
	static SyncFilter of(String objectName, JsonNode describe, String condition, Clock clock) {
		Map<String, SoqlType> types = new LinkedHashMap<>();
		describe.path("fields")
			.forEach((field) -> types.put(field.path("name").asString(), type(field.path("type").asString())));
		Set<String> fields = new LinkedHashSet<>();
		for (String name : types.keySet()) {
			if (Pattern.compile("\\b" + Pattern.quote(name) + "\\b", Pattern.CASE_INSENSITIVE)
				.matcher(condition)
				.find()) {
				fields.add(name);
			}
		}
		SoqlObject object = new SoqlObject() {
			@Override
			public String name() {
				return objectName;
			}

			@Override
			public Optional<SoqlField> field(String name) {
				return types.entrySet()
					.stream()
					.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
					.findFirst()
					.map((entry) -> SoqlField.of(entry.getKey(), entry.getValue()));
			}

			@Override
			public Optional<SoqlRelationship> relationship(String name) {
				return Optional.empty();
			}
		};
		try {
			SoqlQuery query = SoqlParser.parse("SELECT Id FROM " + objectName + " WHERE " + condition,
					(name) -> name.equalsIgnoreCase(objectName) ? Optional.of(object) : Optional.empty(), clock);
			return new SyncFilter(query, types, fields);
		}
		catch (SoqlException ex) {
			throw new IllegalArgumentException("The connection's sync rule for " + objectName + " (\"" + condition
					+ "\") is not a valid SOQL condition: " + ex.getMessage(), ex);
		}
	}

	/** The fields the condition reads, which the run must select. */
	Set<String> fields() {
		return this.fields;
	}

	@Override
	public boolean test(JsonNode record) {
		return this.query.matches(new SoqlRecord() {
			@Override
			public @Nullable Object get(String fieldName) {
				return value(record, fieldName);
			}

			@Override
			public @Nullable SoqlRecord parent(String relationshipName) {
				return null;
			}
		});
	}

	private @Nullable Object value(JsonNode record, String field) {
		JsonNode node = record.get(field);
		if (node == null || node.isNull() || node.asString("").isEmpty()) {
			return null;
		}
		String text = node.asString();
		return switch (this.types.getOrDefault(field, SoqlType.STRING)) {
			case BOOLEAN -> Boolean.parseBoolean(text);
			case INTEGER, DOUBLE, CURRENCY, PERCENT -> new BigDecimal(text);
			case DATE -> LocalDate.parse(text);
			case DATETIME -> ColumnType.dateTime(text);
			default -> text;
		};
	}

	private static SoqlType type(String describeType) {
		return switch (describeType.toLowerCase(Locale.ROOT)) {
			case "id" -> SoqlType.ID;
			case "reference" -> SoqlType.REFERENCE;
			case "textarea" -> SoqlType.TEXTAREA;
			case "picklist", "multipicklist", "combobox" -> SoqlType.PICKLIST;
			case "email" -> SoqlType.EMAIL;
			case "phone" -> SoqlType.PHONE;
			case "url" -> SoqlType.URL;
			case "boolean" -> SoqlType.BOOLEAN;
			case "int", "long" -> SoqlType.INTEGER;
			case "double" -> SoqlType.DOUBLE;
			case "currency" -> SoqlType.CURRENCY;
			case "percent" -> SoqlType.PERCENT;
			case "date" -> SoqlType.DATE;
			case "datetime" -> SoqlType.DATETIME;
			default -> SoqlType.STRING;
		};
	}

}
