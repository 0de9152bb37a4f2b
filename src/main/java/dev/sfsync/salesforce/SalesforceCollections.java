package dev.sfsync.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;

/**
 * sObject Collections writes: create, update, upsert by an external id field and delete,
 * at most 200 records per call with {@code allOrNone=false}, each result mapped back to
 * its input record; larger inputs are split into calls of 200. And reads of records by
 * Id, up to 2,000 per call.
 */
public final class SalesforceCollections {

	/** Salesforce's limit of records per Collections call. */
	public static final int MAX_BATCH = 200;

	/** Salesforce's limit of records per Collections retrieve (a POST). */
	public static final int MAX_RETRIEVE = 2000;

	private final SalesforceClient client;

	public SalesforceCollections(SalesforceClient client) {
		this.client = client;
	}

	/** Creates records; each map holds field values. */
	public List<RecordResult> create(String objectName, List<Map<String, @Nullable Object>> records) {
		return inBatches(records, (batch, offset) -> results(offset, this.client
			.call("create " + objectName, HttpMethod.POST, "composite/sobjects", body(objectName, batch), (h) -> {
			}, false)
			.body()));
	}

	/** Updates records; each map holds {@code Id} and the changed fields. */
	public List<RecordResult> update(String objectName, List<Map<String, @Nullable Object>> records) {
		return inBatches(records, (batch, offset) -> results(offset, this.client
			.call("update " + objectName, HttpMethod.PATCH, "composite/sobjects", body(objectName, batch), (h) -> {
			}, false)
			.body()));
	}

	/**
	 * Upserts records by an external id field, so that a replay never creates a
	 * duplicate.
	 */
	public List<RecordResult> upsert(String objectName, String externalIdField,
			List<Map<String, @Nullable Object>> records) {
		return inBatches(records,
				(batch, offset) -> results(offset,
						this.client.call("upsert " + objectName + " by " + externalIdField, HttpMethod.PATCH,
								"composite/sobjects/" + objectName + "/" + externalIdField, body(objectName, batch),
								(h) -> {
								}, false)
							.body()));
	}

	/** Deletes records by Id. */
	public List<RecordResult> delete(List<String> ids) {
		List<Map<String, @Nullable Object>> records = new ArrayList<>();
		ids.forEach((id) -> {
			Map<String, @Nullable Object> record = new LinkedHashMap<>();
			record.put("Id", id);
			records.add(record);
		});
		return inBatches(records, (batch, offset) -> {
			String joined = String.join(",", batch.stream().map((record) -> String.valueOf(record.get("Id"))).toList());
			return results(offset, this.client
				.call("delete", HttpMethod.DELETE, "composite/sobjects?allOrNone=false&ids=" + joined, null, (h) -> {
				}, false)
				.body());
		});
	}

	/**
	 * Reads fields of records of one object type by Id, in calls of up to 2,000; answers
	 * the records found, by Id.
	 */
	public Map<String, JsonNode> retrieve(String objectName, List<String> ids, List<String> fields) {
		Map<String, JsonNode> records = new LinkedHashMap<>();
		for (int offset = 0; offset < ids.size(); offset += MAX_RETRIEVE) {
			Map<String, Object> body = Map.of("ids", ids.subList(offset, Math.min(ids.size(), offset + MAX_RETRIEVE)),
					"fields", fields);
			JsonNode found = this.client
				.call("retrieve " + objectName, HttpMethod.POST, "composite/sobjects/" + objectName, body, (h) -> {
				}, false)
				.body();
			if (found != null) {
				for (JsonNode record : found) {
					if (record.isObject()) {
						records.put(record.path("Id").asString(), record);
					}
				}
			}
		}
		return records;
	}

	private interface Batch {

		List<RecordResult> write(List<Map<String, @Nullable Object>> batch, int offset);

	}

	private static List<RecordResult> inBatches(List<Map<String, @Nullable Object>> records, Batch batch) {
		List<RecordResult> results = new ArrayList<>(records.size());
		for (int offset = 0; offset < records.size(); offset += MAX_BATCH) {
			List<Map<String, @Nullable Object>> slice = records.subList(offset,
					Math.min(records.size(), offset + MAX_BATCH));
			List<RecordResult> written = batch.write(slice, offset);
			if (written.size() != slice.size()) {
				throw SalesforceErrors.from("collections write", 502, List.of(), false);
			}
			results.addAll(written);
		}
		return results;
	}

	private static Map<String, Object> body(String objectName, List<Map<String, @Nullable Object>> batch) {
		List<Map<String, @Nullable Object>> records = new ArrayList<>();
		for (Map<String, @Nullable Object> record : batch) {
			Map<String, @Nullable Object> json = new LinkedHashMap<>();
			json.put("attributes", Map.of("type", objectName));
			json.putAll(record);
			records.add(json);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("allOrNone", false);
		body.put("records", records);
		return body;
	}

	private static List<RecordResult> results(int offset, @Nullable JsonNode body) {
		List<RecordResult> results = new ArrayList<>();
		if (body == null || !body.isArray()) {
			return results;
		}
		int index = offset;
		for (JsonNode result : body) {
			List<SalesforceError> errors = new ArrayList<>();
			result.path("errors").forEach((error) -> errors.add(SalesforceErrors.error(error)));
			results.add(new RecordResult(index++, result.hasNonNull("id") ? result.get("id").asString() : null,
					result.path("success").asBoolean(false),
					result.has("created") ? result.get("created").asBoolean() : null, errors));
		}
		return results;
	}

}
