package dev.sfsync.emulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * sObject Collections: create, update, upsert by external id and delete of up to 200
 * records in one call, with one result per record in input order (with {@code allOrNone}
 * a failure rolls the others back), and retrieve of up to 2,000 records of one object
 * type by Id.
 */
@RestController
class CollectionsController {

	private static final int MAX_RECORDS = 200;

	private static final int MAX_RETRIEVED = 2000;

	private final RecordWriter writer;

	CollectionsController(RecordWriter writer) {
		this.writer = writer;
	}

	/** A collections request body. */
	record Body(@Nullable Boolean allOrNone, @Nullable List<Map<String, @Nullable Object>> records) {
	}

	/** A retrieve request body: Ids of one object type and the fields to answer. */
	record Retrieve(@Nullable List<String> ids, @Nullable List<String> fields) {
	}

	/**
	 * The records of the Ids, in their order, each with the fields asked for; null for an
	 * Id that names no record (or a deleted one).
	 */
	@PostMapping("/services/data/{version}/composite/sobjects/{type}")
	@ApiKind("collections-retrieve")
	List<@Nullable Map<String, @Nullable Object>> retrieve(@PathVariable String version, @PathVariable String type,
			@RequestBody Retrieve body, HttpServletRequest request) {
		SObjectTable table = SObjectController.readable(SObjectController.org(request), SObjectController.user(request),
				type);
		List<String> ids = (body.ids() != null) ? body.ids() : List.of();
		List<String> fields = (body.fields() != null) ? body.fields() : List.of();
		if (ids.isEmpty() || fields.isEmpty()) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "MISSING_ARGUMENT", "ids and fields are required");
		}
		if (ids.size() > MAX_RETRIEVED) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "EXCEEDED_ID_LIMIT",
					"record limit reached. cannot submit more than 2000 records into this call");
		}
		for (String field : fields) {
			if (table.position(field) < 0) {
				throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_FIELD",
						"No such column '" + field + "' on entity '" + table.name() + "'.");
			}
		}
		List<@Nullable Map<String, @Nullable Object>> records = new ArrayList<>();
		for (String id : ids) {
			records.add(table.find(id)
				.filter((found) -> !table.isDeleted(found))
				.map((found) -> Records.render(table, found, version, fields))
				.orElse(null));
		}
		return records;
	}

	@PostMapping("/services/data/{version}/composite/sobjects")
	@ApiKind("collections-create")
	List<Map<String, Object>> create(@RequestBody Body body,
			@RequestHeader(name = "Sforce-Duplicate-Rule-Header", required = false) @Nullable String duplicates,
			HttpServletRequest request) {
		Org org = SObjectController.org(request);
		OrgUser user = SObjectController.user(request);
		List<Map<String, @Nullable Object>> records = records(body);
		return run(org, Boolean.TRUE.equals(body.allOrNone()), records, (record) -> {
			if (record.get("id") != null || record.get("Id") != null) {
				throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_FIELD",
						"cannot specify Id in an insert call", List.of("Id"));
			}
			SObjectTable table = org.data().requireTable(type(record));
			StoredRecord created = this.writer.create(org.data(), table, record, user,
					org.nextId(table.schema().keyPrefix()), SObjectController.allowSave(duplicates));
			return SObjectController.result(created.id(), null);
		});
	}

	@PatchMapping("/services/data/{version}/composite/sobjects")
	@ApiKind("collections-update")
	List<Map<String, Object>> update(@RequestBody Body body,
			@RequestHeader(name = "Sforce-Duplicate-Rule-Header", required = false) @Nullable String duplicates,
			HttpServletRequest request) {
		Org org = SObjectController.org(request);
		OrgUser user = SObjectController.user(request);
		return run(org, Boolean.TRUE.equals(body.allOrNone()), records(body), (record) -> {
			SObjectTable table = org.data().requireTable(type(record));
			Object id = (record.get("id") != null) ? record.get("id") : record.get("Id");
			if (id == null) {
				throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "MISSING_ARGUMENT",
						"Id not specified in an update call", List.of("Id"));
			}
			StoredRecord stored = table.find(id.toString())
				.orElseThrow(() -> new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_CROSS_REFERENCE_KEY",
						"invalid cross reference id", List.of()));
			Map<String, @Nullable Object> fields = new LinkedHashMap<>(record);
			fields.remove("id");
			this.writer.update(org.data(), table, stored, fields, user, SObjectController.allowSave(duplicates));
			return SObjectController.result(stored.id(), null);
		});
	}

	@PatchMapping("/services/data/{version}/composite/sobjects/{type}/{field}")
	@ApiKind("collections-upsert")
	List<Map<String, Object>> upsert(@PathVariable String type, @PathVariable String field, @RequestBody Body body,
			@RequestHeader(name = "Sforce-Duplicate-Rule-Header", required = false) @Nullable String duplicates,
			HttpServletRequest request) {
		Org org = SObjectController.org(request);
		OrgUser user = SObjectController.user(request);
		SObjectTable table = org.data().requireTable(type);
		return run(org, Boolean.TRUE.equals(body.allOrNone()), records(body), (record) -> {
			Object value = record.get(field);
			if (value == null) {
				throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "MISSING_ARGUMENT", field + " not specified",
						List.of(field));
			}
			Upserts.Match match = Upserts.match(table, field, value.toString());
			if (match.records().size() > 1) {
				throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "DUPLICATE_EXTERNAL_ID",
						field + ": more than one record found for external id field: "
								+ match.records().stream().map(StoredRecord::id).toList(),
						List.of(field));
			}
			if (match.records().isEmpty()) {
				StoredRecord created = this.writer.create(org.data(), table, record, user,
						org.nextId(table.schema().keyPrefix()), SObjectController.allowSave(duplicates));
				return SObjectController.result(created.id(), Boolean.TRUE);
			}
			Map<String, @Nullable Object> fields = new LinkedHashMap<>(record);
			fields.remove(match.field().name());
			StoredRecord updated = this.writer.update(org.data(), table, match.records().get(0), fields, user,
					SObjectController.allowSave(duplicates));
			return SObjectController.result(updated.id(), Boolean.FALSE);
		});
	}

	@DeleteMapping("/services/data/{version}/composite/sobjects")
	@ApiKind("collections-delete")
	List<Map<String, Object>> delete(@RequestParam String ids,
			@RequestParam(required = false, defaultValue = "false") boolean allOrNone, HttpServletRequest request) {
		Org org = SObjectController.org(request);
		OrgUser user = SObjectController.user(request);
		List<String> idList = Arrays.stream(ids.split(",")).map(String::strip).filter((id) -> !id.isEmpty()).toList();
		if (idList.size() > MAX_RECORDS) {
			throw tooMany();
		}
		List<Map<String, @Nullable Object>> records = idList.stream().map((id) -> {
			Map<String, @Nullable Object> record = new LinkedHashMap<>();
			record.put("id", id);
			return record;
		}).toList();
		return run(org, allOrNone, records, (record) -> {
			String id = String.valueOf(record.get("id"));
			SObjectTable table = org.data()
				.tableOf(id)
				.orElseThrow(
						() -> new SalesforceApiException(HttpStatus.BAD_REQUEST, "MALFORMED_ID", "malformed id " + id));
			StoredRecord stored = table.find(id)
				.orElseThrow(() -> new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_CROSS_REFERENCE_KEY",
						"invalid cross reference id"));
			this.writer.delete(org.data(), table, stored, user);
			return SObjectController.result(stored.id(), null);
		});
	}

	/** One record's work; a {@link SalesforceApiException} becomes its error result. */
	private interface RecordWork {

		Map<String, Object> apply(Map<String, @Nullable Object> record);

	}

	private List<Map<String, Object>> run(Org org, boolean allOrNone, List<Map<String, @Nullable Object>> records,
			RecordWork work) {
		if (!allOrNone) {
			List<Map<String, Object>> results = new ArrayList<>();
			for (Map<String, @Nullable Object> record : records) {
				results.add(attempt(work, record));
			}
			return results;
		}
		// All or none: journal every write, so that one failure leaves no record changed.
		Journal journal = Journal.begin();
		try {
			List<Map<String, Object>> results = new ArrayList<>();
			boolean failed = false;
			for (Map<String, @Nullable Object> record : records) {
				Map<String, Object> result = attempt(work, record);
				failed |= !Boolean.TRUE.equals(result.get("success"));
				results.add(result);
			}
			if (!failed) {
				return results;
			}
			journal.rollback();
			return results.stream()
				.map((result) -> Boolean.TRUE.equals(result.get("success")) ? rolledBack(result) : result)
				.toList();
		}
		finally {
			journal.close();
		}
	}

	private static Map<String, Object> attempt(RecordWork work, Map<String, @Nullable Object> record) {
		try {
			return work.apply(record);
		}
		catch (SalesforceApiException ex) {
			Map<String, Object> error = new LinkedHashMap<>();
			error.put("statusCode", ex.errorCode());
			error.put("message", ex.getMessage());
			error.put("fields", ex.fields());
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("success", false);
			result.put("errors", List.of(error));
			return result;
		}
	}

	private static Map<String, Object> rolledBack(Map<String, Object> succeeded) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("statusCode", "ALL_OR_NONE_OPERATION_ROLLED_BACK");
		error.put("message",
				"Record rolled back because not all records were valid and the request was using AllOrNone header");
		error.put("fields", List.of());
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("success", false);
		if (succeeded.containsKey("created")) {
			result.put("created", succeeded.get("created"));
		}
		result.put("errors", List.of(error));
		return result;
	}

	private static List<Map<String, @Nullable Object>> records(Body body) {
		List<Map<String, @Nullable Object>> records = (body.records() != null) ? body.records() : List.of();
		if (records.isEmpty()) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_FIELD", "No records to process");
		}
		if (records.size() > MAX_RECORDS) {
			throw tooMany();
		}
		return records;
	}

	private static SalesforceApiException tooMany() {
		return new SalesforceApiException(HttpStatus.BAD_REQUEST, "EXCEEDED_ID_LIMIT",
				"record limit reached. cannot submit more than 200 records into this call");
	}

	@SuppressWarnings("unchecked")
	private static String type(Map<String, @Nullable Object> record) {
		if (record.get("attributes") instanceof Map<?, ?> attributes && attributes.get("type") instanceof String type) {
			return type;
		}
		throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_TYPE",
				"Must specify the type of each record in attributes.type");
	}

}
