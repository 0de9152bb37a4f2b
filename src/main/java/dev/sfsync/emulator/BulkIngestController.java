package dev.sfsync.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.emulator.schema.FieldSchema;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk API 2.0 ingest jobs, {@code /jobs/ingest}: create a job, upload CSV while it is
 * {@code Open}, mark the upload complete to have it run in the background, then read the
 * successful, failed and unprocessed rows as CSV.
 */
@RestController
class BulkIngestController {

	/** Salesforce takes at most 150 MB of base64 per upload: about 100 MB of CSV. */
	static final int MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

	private static final String JOB = "/services/data/{version}/jobs/ingest/{jobId}";

	private static final String RESULTS_ALLOWED = "a bulk job with status: JOB_COMPLETE, FAILED or ABORTED";

	private final BulkJobs jobs;

	private final BulkIngestProcessor processor;

	private final Clock clock;

	BulkIngestController(BulkJobs jobs, BulkIngestProcessor processor, Clock clock) {
		this.jobs = jobs;
		this.processor = processor;
		this.clock = clock;
	}

	/** A create-ingest-job request. */
	record CreateRequest(@Nullable String object, @Nullable String operation, @Nullable String externalIdFieldName,
			@Nullable String contentType, @Nullable String columnDelimiter, @Nullable String lineEnding) {
	}

	/** A change of state: {@code UploadComplete} or {@code Aborted}. */
	record StateRequest(@Nullable String state) {
	}

	@PostMapping("/services/data/{version}/jobs/ingest")
	@ApiKind("bulk-ingest-create")
	Map<String, Object> create(@PathVariable String version, @RequestBody CreateRequest body,
			HttpServletRequest request) {
		Org org = SObjectController.org(request);
		BulkIngestJob.Operation operation = BulkIngestJob.Operation.fromWireName(body.operation())
			.orElseThrow(() -> BulkCsv.invalidProperty("operation", body.operation()));
		if (body.contentType() != null && !body.contentType().equals("CSV")) {
			throw BulkCsv.invalidProperty("contentType", body.contentType());
		}
		BulkCsv.Format format = BulkCsv.Format.of(body.columnDelimiter(), body.lineEnding());
		String objectName = String.valueOf(body.object());
		SObjectTable table = org.data()
			.table(objectName)
			.orElseThrow(() -> invalidJob("Unable to find object: " + ((body.object() != null) ? body.object() : "")));
		String externalIdField = null;
		if (operation == BulkIngestJob.Operation.UPSERT) {
			externalIdField = externalIdField(table, body.externalIdFieldName());
		}
		BulkIngestJob job = new BulkIngestJob(org.nextId("750"), org, SObjectController.user(request), table.name(),
				operation, externalIdField, format, version, this.clock);
		this.jobs.add(job);
		return job.info(BulkJobView.CREATED);
	}

	/** The canonical name of an upsert's key: Id or an external id field. */
	private static String externalIdField(SObjectTable table, @Nullable String name) {
		if (name == null || name.isBlank()) {
			throw invalidJob(
					"External ID was blank for " + table.name() + ". An External ID must be specified for upsert.");
		}
		int position = table.position(name);
		FieldSchema field = (position >= 0) ? table.field(position) : null;
		if (field == null || !(field.externalId() || field.name().equals("Id"))) {
			throw invalidJob("Field name provided, " + name + " does not match an External ID for " + table.name());
		}
		return field.name();
	}

	@PutMapping(path = JOB + "/batches", consumes = "text/csv")
	@ApiKind("bulk-ingest-upload")
	ResponseEntity<Void> upload(@PathVariable String jobId, @RequestBody(required = false) byte @Nullable [] body,
			HttpServletRequest request) {
		BulkIngestJob job = this.jobs.ingestJob(SObjectController.org(request), jobId);
		byte[] data = (body != null) ? body : new byte[0];
		if (data.length > MAX_UPLOAD_BYTES) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "API_ERROR",
					"An upload can hold at most " + MAX_UPLOAD_BYTES + " bytes of CSV; split the data into more jobs");
		}
		job.upload(new String(data, StandardCharsets.UTF_8));
		return ResponseEntity.status(HttpStatus.CREATED).build();
	}

	@PatchMapping(JOB)
	@ApiKind("bulk-ingest-state")
	Map<String, Object> changeState(@PathVariable String jobId, @RequestBody StateRequest body,
			HttpServletRequest request) {
		Org org = SObjectController.org(request);
		BulkIngestJob job = this.jobs.ingestJob(org, jobId);
		String state = String.valueOf(body.state());
		if (state.equals(BulkJobState.UPLOAD_COMPLETE.wireName())) {
			job.close();
			// The answer shows the job as closed: it may be running by the time it is
			// sent.
			Map<String, Object> info = job.info(BulkJobView.CREATED);
			this.jobs.run(org, () -> this.processor.run(job));
			return info;
		}
		else if (state.equals(BulkJobState.ABORTED.wireName())) {
			job.abort();
		}
		else {
			throw BulkIngestJob
				.invalidState("An ingest job can only be changed to UploadComplete or Aborted, not " + body.state());
		}
		return job.info(BulkJobView.CREATED);
	}

	@GetMapping(JOB)
	@ApiKind("bulk-ingest-poll")
	Map<String, Object> get(@PathVariable String jobId, HttpServletRequest request) {
		return this.jobs.ingestJob(SObjectController.org(request), jobId).info(BulkJobView.FULL);
	}

	@GetMapping("/services/data/{version}/jobs/ingest")
	@ApiKind("bulk-ingest-list")
	Map<String, @Nullable Object> list(HttpServletRequest request) {
		Map<String, @Nullable Object> result = new LinkedHashMap<>();
		result.put("done", true);
		result.put("records",
				this.jobs.ingestJobs(SObjectController.org(request))
					.stream()
					.map((job) -> job.info(BulkJobView.LISTED))
					.toList());
		result.put("nextRecordsUrl", null);
		return result;
	}

	@DeleteMapping(JOB)
	@ApiKind("bulk-ingest-delete")
	ResponseEntity<Void> delete(@PathVariable String jobId, HttpServletRequest request) {
		BulkIngestJob job = this.jobs.ingestJob(SObjectController.org(request), jobId);
		job.checkDeletable();
		this.jobs.remove(job);
		return ResponseEntity.noContent().build();
	}

	@GetMapping(JOB + "/successfulResults")
	@ApiKind("bulk-ingest-results")
	void successfulResults(@PathVariable String jobId,
			@RequestHeader(name = "Accept-Encoding", required = false) @Nullable String acceptEncoding,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		BulkIngestJob job = finished(request, jobId);
		write(response, acceptEncoding, job, List.of("sf__Id", "sf__Created"), job.successful());
	}

	@GetMapping(JOB + "/failedResults")
	@ApiKind("bulk-ingest-results")
	void failedResults(@PathVariable String jobId,
			@RequestHeader(name = "Accept-Encoding", required = false) @Nullable String acceptEncoding,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		BulkIngestJob job = finished(request, jobId);
		write(response, acceptEncoding, job, List.of("sf__Id", "sf__Error"), job.failed());
	}

	@GetMapping({ JOB + "/unprocessedrecords", JOB + "/unprocessedRecords" })
	@ApiKind("bulk-ingest-results")
	void unprocessedRecords(@PathVariable String jobId,
			@RequestHeader(name = "Accept-Encoding", required = false) @Nullable String acceptEncoding,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		BulkIngestJob job = finished(request, jobId);
		write(response, acceptEncoding, job, List.of(), job.unprocessed());
	}

	private BulkIngestJob finished(HttpServletRequest request, String jobId) {
		BulkIngestJob job = this.jobs.ingestJob(SObjectController.org(request), jobId);
		BulkJobState state = job.state();
		if (!state.terminal()) {
			throw BulkResults.notComplete(RESULTS_ALLOWED, state);
		}
		return job;
	}

	private static void write(HttpServletResponse response, @Nullable String acceptEncoding, BulkIngestJob job,
			List<String> resultColumns, List<String[]> rows) throws IOException {
		List<String> header = new ArrayList<>(resultColumns);
		header.addAll(job.header());
		BulkResults.write(response, acceptEncoding, job.format(), header, (writer) -> {
			for (String[] row : rows) {
				writer.write(row);
			}
		});
	}

	/** Errors as JSON, even for a results call that accepts only CSV. */
	@ExceptionHandler
	void salesforceError(SalesforceApiException ex, HttpServletResponse response) throws IOException {
		BulkResults.writeError(response, ex);
	}

	private static SalesforceApiException invalidJob(String message) {
		return new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALIDJOB", "InvalidJob : " + message);
	}

}
