package dev.sfsync.emulator;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Single-record REST resources: {@code /sobjects/{T}/{id}} create, read, update, delete,
 * upsert.
 */
@RestController
class SObjectController {

	private final RecordWriter writer;

	SObjectController(RecordWriter writer) {
		this.writer = writer;
	}

	@GetMapping("/services/data/{version}/sobjects/{type}/{id}")
	@ApiKind("sobject-read")
	Map<String, @Nullable Object> read(@PathVariable String version, @PathVariable String type, @PathVariable String id,
			@RequestParam(required = false) @Nullable String fields, HttpServletRequest request) {
		Org org = org(request);
		SObjectTable table = readable(org, user(request), type);
		StoredRecord record = table.find(id)
			.filter((found) -> !table.isDeleted(found))
			.orElseThrow(SalesforceApiException::notFound);
		List<String> selected = null;
		if (fields != null) {
			selected = Arrays.stream(fields.split(",")).map(String::strip).toList();
			for (String field : selected) {
				if (table.position(field) < 0) {
					throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_FIELD",
							"No such column '" + field + "' on entity '" + table.name() + "'.");
				}
			}
		}
		return Records.render(table, record, version, selected);
	}

	@PostMapping("/services/data/{version}/sobjects/{type}")
	@ApiKind("sobject-create")
	ResponseEntity<Map<String, Object>> create(@PathVariable String version, @PathVariable String type,
			@RequestBody Map<String, @Nullable Object> body,
			@RequestHeader(name = "Sforce-Duplicate-Rule-Header", required = false) @Nullable String duplicates,
			HttpServletRequest request) {
		Org org = org(request);
		SObjectTable table = org.data().requireTable(type);
		StoredRecord record = this.writer.create(org.data(), table, body, user(request),
				org.nextId(table.schema().keyPrefix()), allowSave(duplicates));
		return ResponseEntity
			.created(URI.create("/services/data/" + version + "/sobjects/" + table.name() + "/" + record.id()))
			.body(result(record.id(), null));
	}

	@PatchMapping("/services/data/{version}/sobjects/{type}/{id}")
	@ApiKind("sobject-update")
	ResponseEntity<Void> update(@PathVariable String type, @PathVariable String id,
			@RequestBody Map<String, @Nullable Object> body,
			@RequestHeader(name = "Sforce-Duplicate-Rule-Header", required = false) @Nullable String duplicates,
			HttpServletRequest request) {
		Org org = org(request);
		SObjectTable table = org.data().requireTable(type);
		StoredRecord record = table.find(id).orElseThrow(SalesforceApiException::notFound);
		this.writer.update(org.data(), table, record, body, user(request), allowSave(duplicates));
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/services/data/{version}/sobjects/{type}/{id}")
	@ApiKind("sobject-delete")
	ResponseEntity<Void> delete(@PathVariable String type, @PathVariable String id, HttpServletRequest request) {
		Org org = org(request);
		SObjectTable table = org.data().requireTable(type);
		StoredRecord record = table.find(id).orElseThrow(SalesforceApiException::notFound);
		this.writer.delete(org.data(), table, record, user(request));
		return ResponseEntity.noContent().build();
	}

	/**
	 * Upsert by an external id field: create when nothing matches, update one match, 300
	 * for several.
	 */
	@PatchMapping("/services/data/{version}/sobjects/{type}/{field}/{value}")
	@ApiKind("sobject-upsert")
	ResponseEntity<?> upsert(@PathVariable String version, @PathVariable String type, @PathVariable String field,
			@PathVariable String value, @RequestBody Map<String, @Nullable Object> body,
			@RequestHeader(name = "Sforce-Duplicate-Rule-Header", required = false) @Nullable String duplicates,
			HttpServletRequest request) {
		Org org = org(request);
		SObjectTable table = org.data().requireTable(type);
		Upserts.Match match = Upserts.match(table, field, value);
		if (match.records().size() > 1) {
			return ResponseEntity.status(HttpStatus.MULTIPLE_CHOICES)
				.body(match.records()
					.stream()
					.map((record) -> "/services/data/" + version + "/sobjects/" + table.name() + "/" + record.id())
					.toList());
		}
		Map<String, @Nullable Object> fields = new LinkedHashMap<>(body);
		if (match.records().isEmpty()) {
			fields.put(match.field().name(), value);
			StoredRecord created = this.writer.create(org.data(), table, fields, user(request),
					org.nextId(table.schema().keyPrefix()), allowSave(duplicates));
			return ResponseEntity.status(HttpStatus.CREATED).body(result(created.id(), Boolean.TRUE));
		}
		StoredRecord updated = this.writer.update(org.data(), table, match.records().get(0), fields, user(request),
				allowSave(duplicates));
		return ResponseEntity.ok(result(updated.id(), Boolean.FALSE));
	}

	static Map<String, Object> result(String id, @Nullable Boolean created) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("id", id);
		result.put("success", true);
		result.put("errors", List.of());
		if (created != null) {
			result.put("created", created);
		}
		return result;
	}

	static boolean allowSave(@Nullable String header) {
		return header != null && header.replace(" ", "").toLowerCase().contains("allowsave=true");
	}

	static SObjectTable readable(Org org, OrgUser user, String type) {
		SObjectTable table = org.data().requireTable(type);
		if (!user.canRead(table.name())) {
			throw new SalesforceApiException(HttpStatus.FORBIDDEN, "INSUFFICIENT_ACCESS_OR_READONLY",
					"insufficient access rights on object id");
		}
		return table;
	}

	static Org org(HttpServletRequest request) {
		return (Org) request.getAttribute(ApiGate.ORG);
	}

	static OrgUser user(HttpServletRequest request) {
		return (OrgUser) request.getAttribute(ApiGate.USER);
	}

}
