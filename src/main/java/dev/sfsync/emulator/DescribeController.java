package dev.sfsync.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.emulator.schema.DescribeRenderer;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Metadata and replication resources: describe global, describe (with
 * {@code If-Modified-Since}), and the {@code updated} and {@code deleted} resources with
 * Salesforce's windows and limits.
 */
@RestController
class DescribeController {

	private static final int REPLICATION_ID_LIMIT = 600_000;

	private final Clock clock;

	DescribeController(Clock clock) {
		this.clock = clock;
	}

	@GetMapping("/services/data/{version}/sobjects")
	@ApiKind("describe-global")
	Map<String, @Nullable Object> describeGlobal(@PathVariable String version, HttpServletRequest request) {
		Org org = SObjectController.org(request);
		return new DescribeRenderer(org.data().catalog()).describeGlobal(version);
	}

	@GetMapping("/services/data/{version}/sobjects/{type}")
	@ApiKind("describe-basic")
	Map<String, Object> basic(@PathVariable String version, @PathVariable String type, HttpServletRequest request) {
		Org org = SObjectController.org(request);
		SObjectTable table = org.data().requireTable(type);
		Map<String, Object> basic = new LinkedHashMap<>();
		basic.put("objectDescribe",
				new DescribeRenderer(org.data().catalog()).describeGlobalEntry(table.schema(), version));
		basic.put("recentItems", List.of());
		return basic;
	}

	@GetMapping("/services/data/{version}/sobjects/{type}/describe")
	@ApiKind("describe")
	ResponseEntity<Map<String, @Nullable Object>> describe(@PathVariable String version, @PathVariable String type,
			@RequestHeader(name = "If-Modified-Since", required = false) @Nullable String ifModifiedSince,
			HttpServletRequest request) {
		Org org = SObjectController.org(request);
		SObjectTable table = org.data().requireTable(type);
		Instant modified = org.data().schemaModifiedAt(table.name()).truncatedTo(ChronoUnit.SECONDS);
		if (ifModifiedSince != null) {
			Instant since = parseHttpDate(ifModifiedSince);
			if (since != null && !modified.isAfter(since)) {
				return ResponseEntity.status(HttpStatus.NOT_MODIFIED).lastModified(modified).build();
			}
		}
		return ResponseEntity.ok()
			.lastModified(modified)
			.body(new DescribeRenderer(org.data().catalog()).describe(table.schema(), version));
	}

	@GetMapping("/services/data/{version}/sobjects/{type}/updated")
	@ApiKind("get-updated")
	Map<String, Object> updated(@PathVariable String type, @RequestParam String start, @RequestParam String end,
			HttpServletRequest request) {
		Org org = SObjectController.org(request);
		SObjectTable table = SObjectController.readable(org, SObjectController.user(request), type);
		Instant from = replicationDate(start, "start");
		Instant to = replicationDate(end, "end");
		Instant now = this.clock.instant();
		if (!from.isBefore(to) || from.isBefore(now.minus(Duration.ofDays(30)))) {
			throw invalidReplicationDate();
		}
		int systemModstamp = table.position("SystemModstamp");
		List<String> ids = limited(table.records()
			.filter((record) -> !table.isDeleted(record))
			.filter((record) -> record.get(systemModstamp) instanceof Instant stamp && !stamp.isBefore(from)
					&& stamp.isBefore(to))
			.map(StoredRecord::id));
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("ids", ids);
		result.put("latestDateCovered", FieldValues.DATE_TIME.format(min(to, now.truncatedTo(ChronoUnit.MINUTES))));
		return result;
	}

	@GetMapping("/services/data/{version}/sobjects/{type}/deleted")
	@ApiKind("get-deleted")
	Map<String, Object> deleted(@PathVariable String type, @RequestParam String start, @RequestParam String end,
			HttpServletRequest request) {
		Org org = SObjectController.org(request);
		SObjectTable table = SObjectController.readable(org, SObjectController.user(request), type);
		Instant from = replicationDate(start, "start");
		Instant to = replicationDate(end, "end");
		Instant now = this.clock.instant();
		Instant earliest = now.minus(Duration.ofDays(15)).truncatedTo(ChronoUnit.MINUTES);
		if (!from.plus(Duration.ofMinutes(1)).isBefore(to) || from.isBefore(earliest)) {
			throw invalidReplicationDate();
		}
		List<Map<String, Object>> deleted = limited(table.records()
			.filter((record) -> record.deletedAt() != null && !record.deletedAt().isBefore(from)
					&& !record.deletedAt().isAfter(to))
			.map((record) -> {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("id", record.id());
				entry.put("deletedDate", FieldValues.DATE_TIME.format(record.deletedAt()));
				return entry;
			}));
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("deletedRecords", deleted);
		result.put("earliestDateAvailable", FieldValues.DATE_TIME.format(earliest));
		result.put("latestDateCovered", FieldValues.DATE_TIME.format(min(to, now.truncatedTo(ChronoUnit.MINUTES))));
		return result;
	}

	/** The replication resources answer at most 600,000 records. */
	private static <T> List<T> limited(java.util.stream.Stream<T> found) {
		List<T> list = found.limit(REPLICATION_ID_LIMIT + 1).toList();
		if (list.size() > REPLICATION_ID_LIMIT) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "EXCEEDED_ID_LIMIT",
					"record limit reached. cannot submit more than 600000 records into this call");
		}
		return list;
	}

	/** Salesforce reads replication dates to the minute: seconds are dropped. */
	private static Instant replicationDate(String value, String name) {
		try {
			return FieldValues.parseDateTime(value.strip().replace(' ', '+')).truncatedTo(ChronoUnit.MINUTES);
		}
		catch (RuntimeException ex) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_REPLICATION_DATE",
					name + " is not a valid date: " + value);
		}
	}

	private static SalesforceApiException invalidReplicationDate() {
		return new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_REPLICATION_DATE",
				"startDate must chronologically precede endDate by more than one minute, and be within the"
						+ " replication window");
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static @Nullable Instant parseHttpDate(String value) {
		try {
			return java.time.ZonedDateTime.parse(value, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
				.toInstant();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
