package dev.sfsync.inbound;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.salesforce.SalesforceClient;
import dev.sfsync.salesforce.SalesforceId;
import tools.jackson.databind.JsonNode;

/**
 * Reads records of one object type again by their Ids, with the fields the inbound run
 * reads: one {@code queryAll} call per {@value #IDS_PER_CALL} Ids (deleted ones come back
 * with {@code IsDeleted} when the object has it). Only well-formed Ids go into the query.
 * What reconcile repairs and what an operator resyncs are read this way.
 */
final class RecordsById {

	/**
	 * Ids per query call: 200 Ids make a query URL of about 5,000 characters, well within
	 * what Salesforce and its proxies accept.
	 */
	static final int IDS_PER_CALL = 200;

	private static final int BATCH_SIZE = 2_000;

	private final SalesforceClient client;

	private final String objectName;

	private final InboundSchema schema;

	RecordsById(SalesforceClient client, String objectName, InboundSchema schema) {
		this.client = client;
		this.objectName = objectName;
		this.schema = schema;
	}

	/** The records of these Ids that Salesforce still has, by Id. */
	Map<String, JsonNode> read(List<String> ids) {
		List<String> valid = ids.stream().filter(SalesforceId::isValid).distinct().toList();
		Map<String, JsonNode> records = new HashMap<>();
		for (int start = 0; start < valid.size(); start += IDS_PER_CALL) {
			List<String> call = valid.subList(start, Math.min(valid.size(), start + IDS_PER_CALL));
			StringBuilder soql = new StringBuilder("SELECT ").append(String.join(", ", fields()))
				.append(" FROM ")
				.append(this.objectName)
				.append(" WHERE Id IN (");
			for (int i = 0; i < call.size(); i++) {
				soql.append((i > 0) ? ", '" : "'").append(call.get(i)).append('\'');
			}
			soql.append(')');
			// Fewer records than the batch size: one page, never a query locator.
			this.client.query(soql.toString(), BATCH_SIZE, this.schema.deletable())
				.path("records")
				.forEach((record) -> records.put(record.path("Id").asString(""), record));
		}
		return records;
	}

	private List<String> fields() {
		List<String> fields = new ArrayList<>(List.of("Id", "SystemModstamp"));
		this.schema.fields().stream().filter((field) -> !fields.contains(field)).forEach(fields::add);
		return fields;
	}

}
