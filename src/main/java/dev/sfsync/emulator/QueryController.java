package dev.sfsync.emulator;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.soql.SoqlException;
import dev.sfsync.soql.SoqlFieldPath;
import dev.sfsync.soql.SoqlParser;
import dev.sfsync.soql.SoqlQuery;
import dev.sfsync.soql.SoqlRecord;
import dev.sfsync.soql.SoqlRelationship;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * SOQL over REST: {@code query} and {@code queryAll} (which adds deleted and archived
 * rows), in batches of {@code Sforce-Query-Options: batchSize} (200 to 2,000), with query
 * locators for the rest.
 */
@RestController
class QueryController {

	static final int DEFAULT_BATCH = 2000;

	private final QueryCursors cursors;

	private final Clock clock;

	QueryController(QueryCursors cursors, Clock clock) {
		this.cursors = cursors;
		this.clock = clock;
	}

	@GetMapping("/services/data/{version}/query")
	@ApiKind("query")
	Map<String, Object> query(@PathVariable String version, @RequestParam(required = false) @Nullable String q,
			@RequestHeader(name = "Sforce-Query-Options", required = false) @Nullable String options,
			HttpServletRequest request) {
		return run(version, q, options, false, request);
	}

	@GetMapping("/services/data/{version}/queryAll")
	@ApiKind("queryAll")
	Map<String, Object> queryAll(@PathVariable String version, @RequestParam(required = false) @Nullable String q,
			@RequestHeader(name = "Sforce-Query-Options", required = false) @Nullable String options,
			HttpServletRequest request) {
		return run(version, q, options, true, request);
	}

	@GetMapping({ "/services/data/{version}/query/{locator}", "/services/data/{version}/queryAll/{locator}" })
	@ApiKind("query-more")
	Map<String, Object> more(@PathVariable String version, @PathVariable String locator,
			@RequestHeader(name = "Sforce-Query-Options", required = false) @Nullable String options,
			HttpServletRequest request) {
		int dash = locator.lastIndexOf('-');
		int offset;
		try {
			offset = Integer.parseInt(locator.substring(dash + 1));
		}
		catch (RuntimeException ex) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_QUERY_LOCATOR", "invalid query locator");
		}
		Org org = SObjectController.org(request);
		QueryCursors.Cursor cursor = this.cursors.find(locator.substring(0, dash), SObjectController.user(request));
		if (offset < 0 || offset > cursor.rows().size()) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_QUERY_LOCATOR", "invalid query locator");
		}
		return page(org, SObjectController.user(request), version, cursor.table(), cursor.rows(), cursor.fields(),
				offset, batchSize(options), cursor);
	}

	private Map<String, Object> run(String version, @Nullable String soql, @Nullable String options,
			boolean includeDeleted, HttpServletRequest request) {
		if (soql == null || soql.isBlank()) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "MALFORMED_QUERY",
					"A query string has to be specified");
		}
		Org org = SObjectController.org(request);
		OrgUser user = SObjectController.user(request);
		OrgSoqlSchema schema = new OrgSoqlSchema(org.data());
		SoqlQuery query;
		try {
			query = SoqlParser.parse(soql, schema, this.clock);
		}
		catch (SoqlException ex) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, ex.errorCode(), ex.getMessage());
		}
		SObjectTable table = org.data().requireTable(query.object().name());
		if (!user.canRead(table.name())) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_TYPE", "sObject type '" + table.name()
					+ "' is not supported. If you are attempting to use a custom object, be sure to"
					+ " append the '__c' after the entity name. Please reference your WSDL or the describe call for"
					+ " the appropriate names.");
		}
		Iterable<Row> rows = () -> table.records()
			.filter((record) -> includeDeleted || !(table.isDeleted(record) || table.isArchived(record)))
			.map((record) -> new Row(record, schema.record(table, record)))
			.iterator();
		if (query.isCount()) {
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("totalSize", query.count(rows));
			result.put("done", true);
			result.put("records", List.of());
			return result;
		}
		List<StoredRecord> matched = query.apply(rows).stream().map(Row::stored).toList();
		if (query.offset() > 0) {
			// With OFFSET, Salesforce answers one batch and no cursor.
			List<StoredRecord> batch = matched.subList(0, Math.min(matched.size(), DEFAULT_BATCH));
			return page(org, user, version, table, batch, query.fields(), 0, DEFAULT_BATCH, null);
		}
		return page(org, user, version, table, matched, query.fields(), 0, batchSize(options), null);
	}

	private Map<String, Object> page(Org org, OrgUser user, String version, SObjectTable table, List<StoredRecord> rows,
			List<SoqlFieldPath> fields, int offset, int batchSize, QueryCursors.@Nullable Cursor cursor) {
		int end = Math.min(rows.size(), offset + batchSize);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("totalSize", rows.size());
		boolean done = end >= rows.size();
		result.put("done", done);
		if (!done) {
			QueryCursors.Cursor open = (cursor != null) ? cursor : this.cursors.open(org, user, table, rows, fields);
			result.put("nextRecordsUrl", "/services/data/" + version + "/query/" + open.id() + "-" + end);
		}
		else if (cursor != null) {
			this.cursors.close(cursor);
		}
		result.put("records",
				rows.subList(offset, end)
					.stream()
					.map((record) -> render(org.data(), table, record, fields, version))
					.toList());
		return result;
	}

	/**
	 * A row with the selected fields; parent fields nest under their relationship, as
	 * Salesforce's do.
	 */
	private static Map<String, @Nullable Object> render(OrgData data, SObjectTable table, StoredRecord record,
			List<SoqlFieldPath> fields, String version) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("attributes", Records.attributes(table.name(), record.id(), version));
		for (SoqlFieldPath path : fields) {
			Map<String, @Nullable Object> node = json;
			SObjectTable currentTable = table;
			StoredRecord current = record;
			for (SoqlRelationship relationship : path.relationships()) {
				String name = relationship.name();
				String lookupField = currentTable.schema().findRelationshipField(name).orElseThrow().name();
				Object parentId = currentTable.get(current, lookupField);
				SObjectTable parentTable = (parentId instanceof String id) ? data.tableOf(id).orElse(null) : null;
				StoredRecord parent = (parentTable != null) ? parentTable.find((String) parentId).orElse(null) : null;
				if (parent == null) {
					node.putIfAbsent(name, null);
					node = null;
					break;
				}
				if (!(node.get(name) instanceof Map)) {
					Map<String, @Nullable Object> nested = new LinkedHashMap<>();
					nested.put("attributes", Records.attributes(parentTable.name(), parent.id(), version));
					node.put(name, nested);
				}
				@SuppressWarnings("unchecked")
				Map<String, @Nullable Object> next = (Map<String, @Nullable Object>) node.get(name);
				node = next;
				currentTable = parentTable;
				current = parent;
			}
			if (node != null) {
				node.put(path.field().name(), FieldValues.toJson(currentTable.get(current, path.field().name())));
			}
		}
		return json;
	}

	/**
	 * {@code batchSize=N} from 200 to 2,000; outside that range Salesforce uses its
	 * default.
	 */
	static int batchSize(@Nullable String options) {
		if (options == null) {
			return DEFAULT_BATCH;
		}
		for (String option : options.split(",")) {
			String[] pair = option.strip().split("=", 2);
			if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("batchSize")) {
				try {
					int size = Integer.parseInt(pair[1].strip());
					return (size >= 200 && size <= 2000) ? size : DEFAULT_BATCH;
				}
				catch (NumberFormatException ex) {
					return DEFAULT_BATCH;
				}
			}
		}
		return DEFAULT_BATCH;
	}

	/** A stored record with its SOQL view. */
	private record Row(StoredRecord stored, SoqlRecord view) implements SoqlRecord {

		@Override
		public @Nullable Object get(String fieldName) {
			return this.view.get(fieldName);
		}

		@Override
		public @Nullable SoqlRecord parent(String relationshipName) {
			return this.view.parent(relationshipName);
		}

	}

}
