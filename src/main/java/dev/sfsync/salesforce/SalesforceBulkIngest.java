package dev.sfsync.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.sfsync.outcome.RunFailureCause;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Bulk API 2.0 ingest, for outbound volumes too large for sObject Collections: one upsert
 * job by an external id field, its CSV uploaded, the job awaited, and every row's result
 * mapped back to its input record by the external id (Salesforce does not keep row
 * order).
 */
public final class SalesforceBulkIngest {

	private static final CsvMapper CSV = new CsvMapper();

	private static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

	private final SalesforceClient client;

	private final BulkPolling polling;

	public SalesforceBulkIngest(SalesforceClient client, BulkPolling polling) {
		this.client = client;
		this.polling = polling;
	}

	/**
	 * Upserts records by an external id field. A value of null clears the field; a field
	 * a record leaves out stays as it is.
	 * @return one result per record, in input order
	 */
	public List<RecordResult> upsert(String objectName, String externalIdField,
			List<Map<String, @Nullable Object>> records) {
		List<RecordResult> results = new ArrayList<>();
		Map<String, Integer> indexByKey = new HashMap<>();
		List<Map<String, @Nullable Object>> sent = new ArrayList<>();
		for (int i = 0; i < records.size(); i++) {
			Object key = records.get(i).get(externalIdField);
			if (key == null || key.toString().isBlank()
					|| indexByKey.putIfAbsent(key.toString().toLowerCase(), i) != null) {
				results.add(new RecordResult(i, null, false, null, List.of(new SalesforceError("MISSING_ARGUMENT",
						externalIdField + " is missing or repeated in this batch", List.of(externalIdField)))));
			}
			else {
				results.add(null);
				sent.add(records.get(i));
			}
		}
		if (sent.isEmpty()) {
			return results;
		}
		Map<String, Object> job = new LinkedHashMap<>();
		job.put("object", objectName);
		job.put("operation", "upsert");
		job.put("externalIdFieldName", externalIdField);
		job.put("contentType", "CSV");
		job.put("lineEnding", "LF");
		job.put("columnDelimiter", "COMMA");
		String id = this.client
			.call("create Bulk upsert of " + objectName, HttpMethod.POST, "jobs/ingest", job, (headers) -> {
			}, false)
			.body()
			.path("id")
			.asString();
		this.client.upload("upload Bulk upsert " + id, "jobs/ingest/" + id + "/batches", TEXT_CSV, csv(sent));
		this.client.call("close Bulk upsert " + id, HttpMethod.PATCH, "jobs/ingest/" + id,
				Map.of("state", "UploadComplete"), (headers) -> {
				}, false);
		String state = await(id);
		if (!state.equals("JobComplete")) {
			String message = this.client.get("read Bulk upsert " + id, "jobs/ingest/" + id)
				.path("errorMessage")
				.asString("");
			throw new SalesforceException(
					"Bulk upsert job " + id + " of " + objectName + " ended " + state
							+ (message.isEmpty() ? "" : ": " + message),
					0, List.of(), SalesforceException.Handling.RUN, RunFailureCause.UNKNOWN_ERROR);
		}
		readResults(id, "successfulResults", externalIdField, indexByKey, results);
		readResults(id, "failedResults", externalIdField, indexByKey, results);
		readResults(id, "unprocessedrecords", externalIdField, indexByKey, results);
		for (int i = 0; i < results.size(); i++) {
			if (results.get(i) == null) {
				results.set(i, new RecordResult(i, null, false, null, List.of(new SalesforceError("UNKNOWN_ERROR",
						"Bulk job " + id + " reported nothing for this record", List.of()))));
			}
		}
		return results;
	}

	private String await(String id) {
		try {
			BulkPolling.Outcome outcome = this.polling.await("UploadComplete",
					() -> this.client.get("poll Bulk upsert " + id, "jobs/ingest/" + id).path("state").asString(""),
					(state) -> state.equals("JobComplete") || state.equals("Failed") || state.equals("Aborted"));
			if (outcome.timedOut()) {
				throw new SalesforceException(
						"Bulk upsert job " + id + " did not finish within " + this.polling.maxWait() + "; it is still "
								+ outcome.state(),
						0, List.of(), SalesforceException.Handling.TRANSIENT, RunFailureCause.UNKNOWN_ERROR);
			}
			return outcome.state();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SalesforceException("Waiting for Bulk upsert job " + id + " was interrupted", 0, List.of(),
					SalesforceException.Handling.TRANSIENT, RunFailureCause.UNKNOWN_ERROR);
		}
	}

	private void readResults(String id, String kind, String externalIdField, Map<String, Integer> indexByKey,
			List<@Nullable RecordResult> results) {
		this.client.stream("read Bulk upsert " + kind + " of " + id, "jobs/ingest/" + id + "/" + kind + "/",
				(headers) -> headers.setAccept(List.of(TEXT_CSV)), (body, headers) -> {
					readRows(body, (row) -> {
						Integer index = indexByKey.get(row.getOrDefault(externalIdField, "").toLowerCase());
						if (index != null) {
							results.set(index, result(index, kind, row));
						}
					});
					return Boolean.TRUE;
				});
	}

	private static RecordResult result(int index, String kind, Map<String, String> row) {
		String id = row.getOrDefault("sf__Id", "");
		return switch (kind) {
			case "successfulResults" -> new RecordResult(index, id, true,
					Boolean.parseBoolean(row.getOrDefault("sf__Created", "false")), List.of());
			case "failedResults" -> new RecordResult(index, id.isEmpty() ? null : id, false, null,
					List.of(error(row.getOrDefault("sf__Error", ""))));
			default -> new RecordResult(index, null, false, null,
					List.of(new SalesforceError("UNPROCESSED", "The Bulk job stopped before this record", List.of())));
		};
	}

	/** {@code CODE:message:fields --}, as Bulk API 2.0 writes {@code sf__Error}. */
	static SalesforceError error(String text) {
		String trimmed = text.endsWith("--") ? text.substring(0, text.length() - 2).strip() : text.strip();
		int first = trimmed.indexOf(':');
		if (first < 0) {
			return new SalesforceError(trimmed, trimmed, List.of());
		}
		String code = trimmed.substring(0, first);
		String rest = trimmed.substring(first + 1);
		int last = rest.lastIndexOf(':');
		String message = (last >= 0) ? rest.substring(0, last) : rest;
		String fields = (last >= 0) ? rest.substring(last + 1).strip() : "";
		return new SalesforceError(code, message, fields.isEmpty() ? List.of() : List.of(fields.split("\\s*,\\s*")));
	}

	private interface RowHandler {

		void accept(Map<String, String> row);

	}

	private static void readRows(InputStream body, RowHandler handler) throws IOException {
		try (MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class)
			.with(CsvSchema.emptySchema().withHeader())
			.readValues(body)) {
			while (rows.hasNextValue()) {
				handler.accept(rows.nextValue());
			}
		}
	}

	/**
	 * The upload: one column per field any record has; {@code #N/A} sets a field to null.
	 */
	static String csv(List<Map<String, @Nullable Object>> records) {
		Set<String> columns = new LinkedHashSet<>();
		records.forEach((record) -> columns.addAll(record.keySet()));
		CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
		columns.forEach(schema::addColumn);
		StringWriter out = new StringWriter();
		try (SequenceWriter writer = CSV.writer(schema.build()).writeValues(out)) {
			for (Map<String, @Nullable Object> record : records) {
				List<String> row = new ArrayList<>();
				for (String column : columns) {
					row.add(record.containsKey(column) ? cell(record.get(column)) : "");
				}
				writer.write(row);
			}
		}
		return out.toString();
	}

	private static String cell(@Nullable Object value) {
		return (value != null) ? value.toString() : "#N/A";
	}

}
