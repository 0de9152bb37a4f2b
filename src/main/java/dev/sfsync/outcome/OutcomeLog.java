package dev.sfsync.outcome;

import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.sfsync.store.ColumnType;
import dev.sfsync.store.JsonStatements;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes record outcomes and the per-step created, updated and deleted counters. Called
 * inside the chunk transaction, so outcomes, counters, app rows and the Batch checkpoint
 * commit together or not at all.
 */
public final class OutcomeLog {

	/**
	 * Rows per JDBC batch inside a chunk (the app rows' upserts): Connector/J rewrites
	 * each batch into one multi-row statement, and keeps every row's parameters until it
	 * is sent, so a chunk of 50,000 is sent as several statements to bound the heap.
	 */
	public static final int JDBC_BATCH = 2000;

	private static final int DETAIL_LENGTH = 1000;

	/**
	 * Outcome rows per statement, and records per block: about 100 bytes of JSON each.
	 */
	static final int ROWS_PER_STATEMENT = 5000;

	/**
	 * The fewest plain successes in a row that are logged as a block rather than a row
	 * each.
	 */
	static final int BLOCK_MIN = 100;

	private static final String INSERT = """
			INSERT INTO sync_record_outcome_log (connection_id, job_execution_id, step_execution_id, object_type,
				created_at, outcome, reason, detail, salesforce_id, app_id, external_created_at, external_updated_at,
				label)
			SELECT ?, ?, ?, ?, ?, r.outcome, r.reason, r.detail, r.salesforce_id, r.app_id,
				r.external_created_at, r.external_updated_at, r.label
			FROM JSON_TABLE(?, '$[*]' COLUMNS (
				n FOR ORDINALITY,
				outcome VARCHAR(10) PATH '$[0]',
				reason VARCHAR(40) PATH '$[1]',
				detail VARCHAR(1000) PATH '$[2]',
				salesforce_id VARCHAR(18) PATH '$[3]',
				app_id BIGINT PATH '$[4]',
				external_created_at DATETIME(6) PATH '$[5]',
				external_updated_at DATETIME(6) PATH '$[6]',
				label VARCHAR(255) PATH '$[7]')) r
			ORDER BY r.n""";

	private static final String INSERT_BLOCK = """
			INSERT INTO sync_record_outcome_log (connection_id, job_execution_id, step_execution_id, object_type,
				created_at, outcome, record_count, records)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final JsonMapper json;

	public OutcomeLog(JdbcTemplate jdbc, Clock clock, JsonMapper json) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.json = json;
	}

	/**
	 * Appends outcomes of the step running on this thread, in order.
	 * <p>
	 * A run of at least {@value #BLOCK_MIN} plain successes of one outcome (created,
	 * updated or deleted with no reason, as a backfill's records are) is one row of
	 * {@code sync_record_outcome_log}, a block of up to {@value #ROWS_PER_STATEMENT}
	 * records listed as JSON: a row per record would cost the database a third of what
	 * writing the app rows costs. Every other outcome is a row of its own, inserted with
	 * one {@code INSERT … SELECT} per {@value #ROWS_PER_STATEMENT} rows, the rows sent as
	 * one JSON array read by {@code JSON_TABLE} (MySQL 8, MariaDB 10.6) and the values
	 * shared by the chunk bound once: binding twelve parameters per row costs Connector/J
	 * more than the server's insert, and the JSON keeps the times' microseconds, which
	 * Connector/J drops for MariaDB. The view {@code sync_record_outcome} shows both as a
	 * row per record.
	 */
	public void append(String connectionId, String objectType, List<OutcomeRow> rows) {
		if (rows.isEmpty()) {
			return;
		}
		StepExecution step = currentStep();
		Object now = ColumnType.jdbc(this.clock.instant());
		Object[] shared = { connectionId, step.getJobExecutionId(), step.getId(), objectType, now };
		List<OutcomeRow> singles = new ArrayList<>();
		int start = 0;
		while (start < rows.size()) {
			int end = start + 1;
			while (end < rows.size() && end - start < ROWS_PER_STATEMENT && sameBlock(rows.get(start), rows.get(end))) {
				end++;
			}
			List<OutcomeRow> run = rows.subList(start, end);
			if (run.size() >= BLOCK_MIN) {
				insertSingles(shared, singles);
				insertBlock(shared, run);
			}
			else {
				singles.addAll(run);
				if (singles.size() >= ROWS_PER_STATEMENT) {
					insertSingles(shared, singles);
				}
			}
			start = end;
		}
		insertSingles(shared, singles);
	}

	/** Whether two outcomes belong in one block: plain successes of the same outcome. */
	private static boolean sameBlock(OutcomeRow first, OutcomeRow next) {
		return plainSuccess(first) && plainSuccess(next) && first.outcome() == next.outcome();
	}

	private static boolean plainSuccess(OutcomeRow row) {
		return row.outcome() != RecordOutcome.SKIPPED && row.outcome() != RecordOutcome.FAILED && row.reason() == null
				&& row.detail() == null;
	}

	/** Inserts the rows gathered so far, then forgets them. */
	private void insertSingles(Object[] shared, List<OutcomeRow> singles) {
		if (singles.isEmpty()) {
			return;
		}
		JsonStatements.update(this.jdbc, INSERT, shared[0], shared[1], shared[2], shared[3], shared[4],
				json(singles, false));
		singles.clear();
	}

	private void insertBlock(Object[] shared, List<OutcomeRow> block) {
		JsonStatements.update(this.jdbc, INSERT_BLOCK, shared[0], shared[1], shared[2], shared[3], shared[4],
				block.get(0).outcome().name(), block.size(), json(block, true));
	}

	/**
	 * Rows as JSON arrays: in the order of {@link #INSERT}'s columns, or for a block
	 * without the outcome, reason and detail the block's records share, as the view
	 * {@code sync_record_outcome} reads them.
	 */
	private String json(List<OutcomeRow> rows, boolean block) {
		StringWriter text = new StringWriter(rows.size() * (block ? 64 : 96));
		try (JsonGenerator json = this.json.createGenerator(text)) {
			json.writeStartArray();
			for (OutcomeRow row : rows) {
				json.writeStartArray();
				if (!block) {
					json.writeString(row.outcome().name());
					json.writeString((row.reason() != null) ? row.reason().name() : null);
					json.writeString(truncate(row.detail()));
				}
				json.writeString(row.salesforceId());
				writeNumber(json, row.appId());
				json.writeString(ColumnType.sqlText(row.externalCreatedAt()));
				json.writeString(ColumnType.sqlText(row.externalUpdatedAt()));
				if (!block) {
					json.writeString(row.label());
				}
				json.writeEndArray();
			}
			json.writeEndArray();
		}
		return text.toString();
	}

	private static void writeNumber(JsonGenerator json, @Nullable Long number) {
		if (number != null) {
			json.writeNumber(number);
		}
		else {
			json.writeNull();
		}
	}

	/**
	 * Adds to the created, updated and deleted counters of the step running on this
	 * thread.
	 */
	public void count(long created, long updated, long deleted) {
		if (created == 0 && updated == 0 && deleted == 0) {
			return;
		}
		StepExecution step = currentStep();
		this.jdbc.update("INSERT INTO sync_step_counts (step_execution_id, created_count, updated_count, deleted_count)"
				+ " VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE created_count = created_count + VALUES(created_count),"
				+ " updated_count = updated_count + VALUES(updated_count),"
				+ " deleted_count = deleted_count + VALUES(deleted_count)", step.getId(), created, updated, deleted);
	}

	/** The run (job execution) whose step is running on this thread. */
	public static long currentExecutionId() {
		return currentStep().getJobExecutionId();
	}

	/**
	 * The step whose chunk is being written, as Spring Batch registers it on the thread.
	 */
	private static StepExecution currentStep() {
		StepContext context = StepSynchronizationManager.getContext();
		if (context == null) {
			throw new IllegalStateException(
					"Record outcomes are written inside a step; none is running on this thread");
		}
		return context.getStepExecution();
	}

	private static @Nullable String truncate(@Nullable String text) {
		return (text != null && text.length() > DETAIL_LENGTH) ? text.substring(0, DETAIL_LENGTH) : text;
	}

}
