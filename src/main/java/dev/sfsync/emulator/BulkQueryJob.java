package dev.sfsync.emulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.soql.SoqlFieldPath;
import dev.sfsync.soql.SoqlQuery;
import dev.sfsync.soql.SoqlRecord;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A Bulk API 2.0 query job: its SOQL, parsed when the job was created, runs once in the
 * background and its matching rows are kept as a snapshot of their values, so that every
 * page of results, read as often as the client likes, shows the data as it was then.
 */
final class BulkQueryJob {

	private static final Log logger = LogFactory.getLog(BulkQueryJob.class);

	private final String id;

	private final Org org;

	private final String createdById;

	private final String operation;

	private final SoqlQuery query;

	private final BulkCsv.Format format;

	private final String version;

	private final Instant createdDate;

	private final Clock clock;

	private BulkJobState state = BulkJobState.UPLOAD_COMPLETE;

	private Instant systemModstamp;

	private List<@Nullable Object[]> rows = List.of();

	private long totalProcessingTime;

	/**
	 * A new query job, ready to run.
	 * @param id the job Id, prefix 750
	 * @param org the org whose data it queries
	 * @param createdById the user who created it
	 * @param operation {@code query} or {@code queryAll}
	 * @param query the parsed SOQL
	 * @param format the CSV layout of its results
	 * @param version the API version it was created with, for example {@code v63.0}
	 * @param clock the emulator's clock
	 */
	BulkQueryJob(String id, Org org, String createdById, String operation, SoqlQuery query, BulkCsv.Format format,
			String version, Clock clock) {
		this.id = id;
		this.org = org;
		this.createdById = createdById;
		this.operation = operation;
		this.query = query;
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

	BulkCsv.Format format() {
		return this.format;
	}

	/** The API version the job was created with, for example {@code v63.0}. */
	String version() {
		return this.version;
	}

	synchronized BulkJobState state() {
		return this.state;
	}

	/** The result rows, one value per selected column; empty until the job completes. */
	synchronized List<@Nullable Object[]> rows() {
		return this.rows;
	}

	/**
	 * The result columns in SELECT order, parent fields dotted like {@code Account.Name}.
	 */
	List<String> columns() {
		return this.query.fields().stream().map(SoqlFieldPath::path).toList();
	}

	/**
	 * Runs the query over the org's data as it is now: deleted and archived rows only for
	 * {@code queryAll}, Id order unless the query orders otherwise.
	 */
	void run() {
		if (!transition(BulkJobState.UPLOAD_COMPLETE, BulkJobState.IN_PROGRESS)) {
			return;
		}
		long started = System.nanoTime();
		try {
			SObjectTable table = this.org.data().requireTable(this.query.object().name());
			OrgSoqlSchema schema = new OrgSoqlSchema(this.org.data());
			boolean all = this.operation.equals("queryAll");
			Iterable<SoqlRecord> records = () -> table.records()
				.filter((record) -> all || !(table.isDeleted(record) || table.isArchived(record)))
				.map((record) -> schema.record(table, record))
				.iterator();
			List<SoqlFieldPath> fields = this.query.fields();
			List<SoqlRecord> matched = this.query.apply(records);
			List<@Nullable Object[]> snapshot = new ArrayList<>(matched.size());
			for (SoqlRecord record : matched) {
				@Nullable Object[] values = new Object[fields.size()];
				for (int i = 0; i < values.length; i++) {
					values[i] = fields.get(i).valueOf(record);
				}
				snapshot.add(values);
			}
			finish(BulkJobState.JOB_COMPLETE, snapshot, started);
		}
		catch (RuntimeException ex) {
			// Salesforce gives a failed query job no message: the log has the reason.
			logger.warn("Bulk query job " + this.id + " failed", ex);
			finish(BulkJobState.FAILED, List.of(), started);
		}
	}

	/**
	 * Aborts the job unless it is already over.
	 * @return whether it was aborted
	 */
	synchronized boolean abort() {
		if (this.state.terminal()) {
			return false;
		}
		this.state = BulkJobState.ABORTED;
		this.systemModstamp = this.clock.instant();
		return true;
	}

	private synchronized boolean transition(BulkJobState from, BulkJobState to) {
		if (this.state != from) {
			return false;
		}
		this.state = to;
		this.systemModstamp = this.clock.instant();
		return true;
	}

	private synchronized void finish(BulkJobState outcome, List<@Nullable Object[]> rows, long startedNanos) {
		// An abort while the query ran wins: its rows are dropped.
		if (this.state != BulkJobState.IN_PROGRESS) {
			return;
		}
		this.state = outcome;
		this.rows = rows;
		this.totalProcessingTime = (System.nanoTime() - startedNanos) / 1_000_000;
		this.systemModstamp = this.clock.instant();
	}

	/** The job info JSON, with its keys in the order Salesforce writes them. */
	synchronized Map<String, Object> info(BulkJobView view) {
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("id", this.id);
		info.put("operation", this.operation);
		info.put("object", this.query.object().name());
		info.put("createdById", this.createdById);
		info.put("createdDate", FieldValues.DATE_TIME.format(this.createdDate));
		info.put("systemModstamp", FieldValues.DATE_TIME.format(this.systemModstamp));
		info.put("state", this.state.wireName());
		info.put("concurrencyMode", "Parallel");
		info.put("contentType", "CSV");
		info.put("apiVersion", Double.parseDouble(this.version.substring(1)));
		if (view != BulkJobView.CREATED) {
			info.put("jobType", "V2Query");
		}
		info.put("lineEnding", this.format.lineEnding().name());
		info.put("columnDelimiter", this.format.delimiter().name());
		if (view == BulkJobView.FULL) {
			info.put("numberRecordsProcessed", this.rows.size());
			info.put("retries", 0);
			info.put("totalProcessingTime", this.totalProcessingTime);
			// ORDER BY and LIMIT keep Salesforce from splitting the query by Id range.
			info.put("isPkChunkingSupported", !this.query.isOrdered() && this.query.limit().isEmpty());
		}
		return info;
	}

}
