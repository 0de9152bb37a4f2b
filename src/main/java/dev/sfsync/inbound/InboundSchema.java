package dev.sfsync.inbound;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import dev.sfsync.catalog.FieldMapping;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.store.AppTable;
import tools.jackson.databind.JsonNode;

/**
 * What a run reads of its object, decided from its describe when the first step opens:
 * the fields to select, the fields every record must have, whether the object has a
 * Recycle Bin, and the connection's "Do not sync" filter.
 *
 * @param fields the fields to select, {@code Id} and {@code SystemModstamp} aside
 * @param requiredFields mapped fields a record cannot be stored without
 * @param deletable whether the object has {@code IsDeleted}, so deletes can be read
 * @param doNotSync records the connection's sync rule excludes
 */
record InboundSchema(List<String> fields, Set<String> requiredFields, boolean deletable,
		Predicate<JsonNode> doNotSync) {

	/**
	 * Fields the rules read beyond the mapped ones, when the object has them. The
	 * external id finds the app row a record was created from before the row has its Id.
	 */
	private static final List<String> RULE_FIELDS = List.of("CreatedDate", "IsDeleted", "IsConverted",
			"ConvertedContactId", "AccountId", "OpportunityId", AppTable.EXTERNAL_ID_FIELD);

	/**
	 * Checks the mapping against the describe and decides what to read.
	 * @throws SchemaDriftException when a mapped field is not in Salesforce any more
	 */
	static InboundSchema of(JobDefinition definition, Map<String, String> columns, JsonNode describe,
			@org.jspecify.annotations.Nullable String syncRule, Clock clock) {
		Map<String, JsonNode> described = new java.util.LinkedHashMap<>();
		describe.path("fields").forEach((field) -> described.put(field.path("name").asString(), field));
		List<String> missing = columns.keySet().stream().filter((field) -> !described.containsKey(field)).toList();
		if (!missing.isEmpty()) {
			throw new SchemaDriftException(definition, missing);
		}
		Set<String> fields = new LinkedHashSet<>(columns.keySet());
		RULE_FIELDS.stream().filter(described::containsKey).forEach(fields::add);
		Set<String> required = new LinkedHashSet<>();
		for (FieldMapping mapping : definition.fields()) {
			if (mapping.required()) {
				// A required column stays required when an override reads it from
				// another field.
				columns.forEach((field, column) -> {
					if (column.equals(mapping.column())) {
						required.add(field);
					}
				});
			}
		}
		for (String field : columns.keySet()) {
			JsonNode meta = described.get(field);
			if (!meta.path("nillable").asBoolean(true) && meta.path("createable").asBoolean(false)
					&& !meta.path("defaultedOnCreate").asBoolean(false)
					&& !meta.path("type").asString().equals("boolean")) {
				required.add(field);
			}
		}
		Predicate<JsonNode> doNotSync = (record) -> false;
		if (syncRule != null && !syncRule.isBlank()) {
			SyncFilter filter = SyncFilter.of(definition.salesforceObject(), describe, syncRule, clock);
			fields.addAll(filter.fields());
			doNotSync = filter;
		}
		fields.remove("Id");
		fields.remove("SystemModstamp");
		return new InboundSchema(new ArrayList<>(fields), required, described.containsKey("IsDeleted"), doNotSync);
	}

}
