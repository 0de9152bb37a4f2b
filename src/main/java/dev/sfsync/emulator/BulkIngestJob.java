package dev.sfsync.emulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * A Bulk API 2.0 ingest job: the CSV uploaded while it is {@code Open}, then, once the
 * client marks the upload complete, the outcome of every row as the background run
 * records it (successful, failed, or never processed when the job is aborted or fails).
 */
final class BulkIngestJob {

	/** How long an abort waits for the row in flight to finish, so results add up. */
	private static final long ABORT_WAIT_SECONDS = 30;

	private final String id;

	private final Org org;

	private final OrgUser user;

	private final String object;

	private final Operation operation;

	private final @Nullable String externalIdFieldName;

	private final BulkCsv.Format format;

	private final String version;

	private final Instant createdDate;

	private final Clock clock;

	private final CountDownLatch finished = new CountDownLatch(1);

	private final List<String> uploads = new ArrayList<>();

	private BulkJobState state = BulkJobState.OPEN;

	private Instant systemModstamp;

	private @Nullable String errorMessage;

	private List<String> header = List.of();

	private final List<String[]> successful = new ArrayList<>();

	private final List<String[]> failed = new ArrayList<>();

	private @Nullable List<String[]> unprocessed;

	private long totalProcessingTime;

	/** What an ingest job does with each row. */
	enum Operation {

		INSERT("insert"), UPDATE("update"), UPSERT("upsert"), DELETE("delete"), HARD_DELETE("hardDelete");

		private final String wireName;

		Operation(String wireName) {
			this.wireName = wireName;
		}

		String wireName() {
			return this.wireName;
		}

		static Optional<Operation> fromWireName(@Nullable String name) {
			return Arrays.stream(values()).filter((operation) -> operation.wireName.equals(name)).findFirst();
		}

	}

	/**
	 * A new, open ingest job.
	 * @param id the job Id, prefix 750
	 * @param org the org it writes to
	 * @param user the user who created it, whose permissions every write has
	 * @param object the object's canonical name
	 * @param operation what it does with each row
	 * @param externalIdFieldName the field an upsert matches on, canonical, or null
	 * @param format the CSV layout of its data and results
	 * @param version the API version it was created with, for example {@code v63.0}
	 * @param clock the emulator's clock
	 */
	BulkIngestJob(String id, Org org, OrgUser user, String object, Operation operation,
			@Nullable String externalIdFieldName, BulkCsv.Format format, String version, Clock clock) {
		this.id = id;
		this.org = org;
		this.user = user;
		this.object = object;
		this.operation = operation;
		this.externalIdFieldName = externalIdFieldName;
		this.format = format;
		this.version = version;
		this.clock = clock;
		this.createdDate = clock.instant();
		this.systemModstamp = this.createdDate;
	}

	String id() {
		return this.id;
	}

	Org org() {
		return this.org;
	}

	OrgUser user() {
		return this.user;
	}

	String object() {
		return this.object;
	}

	Operation operation() {
		return this.operation;
	}

	@Nullable String externalIdFieldName() {
		return this.externalIdFieldName;
	}

	BulkCsv.Format format() {
		return this.format;
	}

	synchronized BulkJobState state() {
		return this.state;
	}

	/** Adds uploaded CSV; only an open job takes data. */
	synchronized void upload(String csv) {
		if (this.state != BulkJobState.OPEN) {
			throw invalidState("Data can be uploaded only while the job is Open; it is " + this.state.wireName());
		}
		this.uploads.add(csv);
		this.systemModstamp = this.clock.instant();
	}

	/** Marks the upload complete, after which the job is queued to run. */
	synchronized void close() {
		if (this.state != BulkJobState.OPEN) {
			throw invalidState("Only an Open job can be marked UploadComplete; it is " + this.state.wireName());
		}
		move(BulkJobState.UPLOAD_COMPLETE);
	}

	/**
	 * Aborts the job. A running job stops after the row in flight, and this waits for
	 * that, so that its results are final when the abort answers.
	 */
	void abort() {
		boolean running;
		synchronized (this) {
			if (this.state.terminal()) {
				throw invalidState("Job is already " + this.state.wireName() + " and cannot be aborted");
			}
			running = this.state == BulkJobState.IN_PROGRESS;
			move(BulkJobState.ABORTED);
		}
		if (running) {
			try {
				this.finished.await(ABORT_WAIT_SECONDS, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Makes sure a job about to be deleted never runs: only a queued or finished job may
	 * be deleted.
	 */
	synchronized void checkDeletable() {
		if (this.state == BulkJobState.UPLOAD_COMPLETE) {
			move(BulkJobState.ABORTED);
		}
		else if (!this.state.terminal()) {
			throw invalidState("Job is " + this.state.wireName()
					+ "; only UploadComplete, JobComplete, Aborted or Failed jobs can be deleted");
		}
	}

	/**
	 * Starts the run of a queued job.
	 * @return the uploaded CSV, or null if the job is no longer queued (aborted, deleted)
	 */
	synchronized @Nullable List<String> start() {
		if (this.state != BulkJobState.UPLOAD_COMPLETE) {
			this.finished.countDown();
			return null;
		}
		move(BulkJobState.IN_PROGRESS);
		return List.copyOf(this.uploads);
	}

	synchronized boolean aborted() {
		return this.state == BulkJobState.ABORTED;
	}

	/** Sets the input columns the results repeat. */
	synchronized void header(List<String> header) {
		this.header = List.copyOf(header);
	}

	synchronized void succeeded(String recordId, boolean created, String[] row) {
		this.successful.add(prepend(recordId, Boolean.toString(created), row));
	}

	synchronized void failed(String recordId, String error, String[] row) {
		this.failed.add(prepend(recordId, error, row));
	}

	/**
	 * Ends the run: {@code JobComplete}, or {@code Failed} with a message, unless it was
	 * aborted meanwhile.
	 * @param errorMessage why the job failed, or null if it completed
	 * @param unprocessed the rows the run never got to
	 * @param startedNanos when the run started, by {@link System#nanoTime()}
	 */
	synchronized void finish(@Nullable String errorMessage, List<String[]> unprocessed, long startedNanos) {
		this.unprocessed = List.copyOf(unprocessed);
		this.totalProcessingTime = (System.nanoTime() - startedNanos) / 1_000_000;
		if (this.state == BulkJobState.IN_PROGRESS) {
			this.errorMessage = errorMessage;
			move((errorMessage != null) ? BulkJobState.FAILED : BulkJobState.JOB_COMPLETE);
		}
		this.finished.countDown();
	}

	/** The input columns, as the uploaded header spells them. */
	synchronized List<String> header() {
		if (this.header.isEmpty() && !this.uploads.isEmpty()) {
			List<String[]> rows = BulkCsv.read(this.uploads.get(0), this.format).rows();
			return rows.isEmpty() ? List.of() : List.of(rows.get(0));
		}
		return this.header;
	}

	/**
	 * Rows that were saved: {@code sf__Id}, {@code sf__Created}, then the input cells.
	 */
	synchronized List<String[]> successful() {
		return List.copyOf(this.successful);
	}

	/** Rows that failed: {@code sf__Id}, {@code sf__Error}, then the input cells. */
	synchronized List<String[]> failed() {
		return List.copyOf(this.failed);
	}

	/** The input rows never processed; all of them for a job that never ran. */
	synchronized List<String[]> unprocessed() {
		if (this.unprocessed != null) {
			return this.unprocessed;
		}
		List<String[]> rows = new ArrayList<>();
		for (String upload : this.uploads) {
			List<String[]> parsed = BulkCsv.read(upload, this.format).rows();
			rows.addAll(parsed.subList(Math.min(1, parsed.size()), parsed.size()));
		}
		return rows;
	}

	/** The job info JSON, with its keys in the order Salesforce writes them. */
	synchronized Map<String, Object> info(BulkJobView view) {
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("id", this.id);
		info.put("operation", this.operation.wireName());
		info.put("object", this.object);
		info.put("createdById", this.user.id());
		info.put("createdDate", FieldValues.DATE_TIME.format(this.createdDate));
		info.put("systemModstamp", FieldValues.DATE_TIME.format(this.systemModstamp));
		info.put("state", this.state.wireName());
		if (this.externalIdFieldName != null) {
			info.put("externalIdFieldName", this.externalIdFieldName);
		}
		info.put("concurrencyMode", "Parallel");
		info.put("contentType", "CSV");
		info.put("apiVersion", Double.parseDouble(this.version.substring(1)));
		if (view != BulkJobView.CREATED) {
			info.put("jobType", "V2Ingest");
		}
		// The upload URL only means something while the job takes data.
		if (this.state == BulkJobState.OPEN) {
			info.put("contentUrl", "services/data/" + this.version + "/jobs/ingest/" + this.id + "/batches");
		}
		info.put("lineEnding", this.format.lineEnding().name());
		info.put("columnDelimiter", this.format.delimiter().name());
		if (view == BulkJobView.FULL) {
			info.put("numberRecordsProcessed", this.successful.size() + this.failed.size());
			info.put("numberRecordsFailed", this.failed.size());
			info.put("retries", 0);
			info.put("totalProcessingTime", this.totalProcessingTime);
			info.put("apiActiveProcessingTime", this.totalProcessingTime);
			info.put("apexProcessingTime", 0);
			if (this.errorMessage != null) {
				info.put("errorMessage", this.errorMessage);
			}
		}
		return info;
	}

	private void move(BulkJobState next) {
		this.state = next;
		this.systemModstamp = this.clock.instant();
	}

	private static String[] prepend(String first, String second, String[] row) {
		String[] result = new String[row.length + 2];
		result[0] = first;
		result[1] = second;
		System.arraycopy(row, 0, result, 2, row.length);
		return result;
	}

	static SalesforceApiException invalidState(String message) {
		return new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALIDJOBSTATE", "InvalidJobState : " + message);
	}

}
