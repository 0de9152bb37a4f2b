package dev.sfsync.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.soql.SoqlException;
import dev.sfsync.soql.SoqlParser;
import dev.sfsync.soql.SoqlQuery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk API 2.0 query jobs, {@code /jobs/query}: create one, poll it, page through its CSV
 * results with locators, abort, delete and list them. The query runs in the background;
 * results come only once the job is {@code JobComplete}.
 */
@RestController
class BulkQueryController {

	/**
	 * Rows per results page when the client sets no {@code maxRecords}; Salesforce picks
	 * by size, this is a fixed stand-in that still makes large results page.
	 */
	static final int DEFAULT_MAX_RECORDS = 50_000;

	private static final String JOB = "/services/data/{version}/jobs/query/{jobId}";

	private final BulkJobs jobs;

	private final Clock clock;

	BulkQueryController(BulkJobs jobs, Clock clock) {
		this.jobs = jobs;
		this.clock = clock;
	}

	/** A create-query-job request. */
	record CreateRequest(@Nullable String operation, @Nullable String query, @Nullable String contentType,
			@Nullable String columnDelimiter, @Nullable String lineEnding) {
	}

	/** A change of state: the only one a client may make to a query job is Aborted. */
	record StateRequest(@Nullable String state) {
	}

	@PostMapping("/services/data/{version}/jobs/query")
	@ApiKind("bulk-query-create")
	Map<String, Object> create(@PathVariable String version, @RequestBody CreateRequest body,
			HttpServletRequest request) {
		Org org = SObjectController.org(request);
		OrgUser user = SObjectController.user(request);
		String operation = body.operation();
		if (!"query".equals(operation) && !"queryAll".equals(operation)) {
			throw BulkCsv.invalidProperty("operation", operation);
		}
		if (body.contentType() != null && !body.contentType().equals("CSV")) {
			throw BulkCsv.invalidProperty("contentType", body.contentType());
		}
		BulkCsv.Format format = BulkCsv.Format.of(body.columnDelimiter(), body.lineEnding());
		if (body.query() == null || body.query().isBlank()) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "API_ERROR",
					"A query is required for a query job");
		}
		SoqlQuery query;
		try {
			query = SoqlParser.parse(body.query(), new OrgSoqlSchema(org.data()), this.clock);
		}
		catch (SoqlException ex) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, ex.errorCode(), ex.getMessage());
		}
		if (query.isCount()) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "API_ERROR",
					"Aggregate queries are not supported by Bulk API 2.0 query jobs: COUNT()");
		}
		if (query.offset() > 0) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "API_ERROR",
					"The OFFSET clause is not supported by Bulk API 2.0 query jobs");
		}
		String object = query.object().name();
		if (!user.canRead(object)) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_TYPE",
					"sObject type '" + object + "' is not supported.");
		}
		BulkQueryJob job = new BulkQueryJob(org.nextId("750"), org, user.id(), operation, query, format, version,
				this.clock);
		this.jobs.add(job);
		// The answer shows the job as created: it may be running by the time it is sent.
		Map<String, Object> info = job.info(BulkJobView.CREATED);
		this.jobs.run(org, job::run);
		return info;
	}

	@GetMapping("/services/data/{version}/jobs/query")
	@ApiKind("bulk-query-list")
	Map<String, @Nullable Object> list(HttpServletRequest request) {
		Map<String, @Nullable Object> result = new LinkedHashMap<>();
		result.put("done", true);
		result.put("records",
				this.jobs.queryJobs(SObjectController.org(request))
					.stream()
					.map((job) -> job.info(BulkJobView.LISTED))
					.toList());
		result.put("nextRecordsUrl", null);
		return result;
	}

	@GetMapping(JOB)
	@ApiKind("bulk-query-poll")
	Map<String, Object> get(@PathVariable String jobId, HttpServletRequest request) {
		return this.jobs.queryJob(SObjectController.org(request), jobId).info(BulkJobView.FULL);
	}

	@PatchMapping(JOB)
	@ApiKind("bulk-query-abort")
	Map<String, Object> abort(@PathVariable String jobId, @RequestBody StateRequest body, HttpServletRequest request) {
		BulkQueryJob job = this.jobs.queryJob(SObjectController.org(request), jobId);
		if (!BulkJobState.ABORTED.wireName().equals(body.state())) {
			throw BulkIngestJob.invalidState("A query job can only be changed to Aborted, not " + body.state());
		}
		if (!job.abort()) {
			throw BulkIngestJob.invalidState("Job is already " + job.state().wireName() + " and cannot be aborted");
		}
		return job.info(BulkJobView.CREATED);
	}

	@DeleteMapping(JOB)
	@ApiKind("bulk-query-delete")
	ResponseEntity<Void> delete(@PathVariable String jobId, HttpServletRequest request) {
		BulkQueryJob job = this.jobs.queryJob(SObjectController.org(request), jobId);
		if (!job.state().terminal()) {
			throw BulkIngestJob.invalidState("Job is " + job.state().wireName()
					+ "; only JobComplete, Aborted or Failed query jobs can be deleted");
		}
		this.jobs.remove(job);
		return ResponseEntity.noContent().build();
	}

	/**
	 * One page of results: {@code maxRecords} rows from the locator's offset, with the
	 * locator of the next page, or {@code null} on the last.
	 */
	@GetMapping(JOB + "/results")
	@ApiKind("bulk-query-results")
	void results(@PathVariable String version, @PathVariable String jobId,
			@RequestParam(required = false) @Nullable String locator,
			@RequestParam(required = false) @Nullable String maxRecords,
			@RequestHeader(name = "Accept-Encoding", required = false) @Nullable String acceptEncoding,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		BulkQueryJob job = this.jobs.queryJob(SObjectController.org(request), jobId);
		if (!job.version().equals(version)) {
			throw new SalesforceApiException(HttpStatus.CONFLICT, "API_ERROR",
					"Results of a query job must be requested with the API version it was created with: "
							+ job.version());
		}
		BulkJobState state = job.state();
		if (state != BulkJobState.JOB_COMPLETE) {
			throw BulkResults.notComplete("successfully completed bulk job with status: JOB_COMPLETE", state);
		}
		List<@Nullable Object[]> rows = job.rows();
		int offset = (locator != null) ? decodeLocator(locator, rows.size()) : 0;
		int size = pageSize(maxRecords);
		int end = (int) Math.min(rows.size(), (long) offset + size);
		response.setHeader("Sforce-NumberOfRecords", Integer.toString(end - offset));
		response.setHeader("Sforce-Locator", (end < rows.size()) ? encodeLocator(end) : "null");
		BulkResults.write(response, acceptEncoding, job.format(), job.columns(), (writer) -> {
			String[] cells = new String[job.columns().size()];
			for (int i = offset; i < end; i++) {
				@Nullable Object[] row = rows.get(i);
				for (int column = 0; column < cells.length; column++) {
					cells[column] = BulkCsv.cell(row[column]);
				}
				writer.write(cells);
			}
		});
	}

	private static int pageSize(@Nullable String maxRecords) {
		if (maxRecords == null) {
			return DEFAULT_MAX_RECORDS;
		}
		try {
			int size = Integer.parseInt(maxRecords);
			if (size > 0) {
				return size;
			}
		}
		catch (NumberFormatException ex) {
			// Answered below, as any other bad value.
		}
		throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "API_ERROR",
				"Invalid value for maxRecords: " + maxRecords + "; it must be a positive integer");
	}

	/**
	 * Locators are opaque to clients; like Salesforce's, these encode the next offset.
	 */
	static String encodeLocator(int offset) {
		return Base64.getEncoder()
			.withoutPadding()
			.encodeToString(Integer.toString(offset).getBytes(StandardCharsets.US_ASCII));
	}

	/** Errors as JSON, even for a results call that accepts only CSV. */
	@ExceptionHandler
	void salesforceError(SalesforceApiException ex, HttpServletResponse response) throws IOException {
		BulkResults.writeError(response, ex);
	}

	private static int decodeLocator(String locator, int rows) {
		try {
			int offset = Integer.parseInt(new String(Base64.getDecoder().decode(locator), StandardCharsets.US_ASCII));
			if (offset >= 0 && offset <= rows) {
				return offset;
			}
		}
		catch (IllegalArgumentException ex) {
			// Answered below, as any other bad locator.
		}
		throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_LOCATOR", "Invalid locator: " + locator);
	}

}
