package dev.sfsync.outbound;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.sfsync.catalog.Direction;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.outbound.OutboxEntry.Operation;
import dev.sfsync.outcome.OutcomeLog;
import dev.sfsync.outcome.OutcomeReason;
import dev.sfsync.outcome.OutcomeRow;
import dev.sfsync.outcome.RecordOutcome;
import dev.sfsync.salesforce.BulkPolling;
import dev.sfsync.salesforce.RecordResult;
import dev.sfsync.salesforce.SalesforceBulkIngest;
import dev.sfsync.salesforce.SalesforceClient;
import dev.sfsync.salesforce.SalesforceCollections;
import dev.sfsync.salesforce.SalesforceError;
import dev.sfsync.salesforce.SalesforceId;
import dev.sfsync.store.AppTable;
import dev.sfsync.store.ColumnType;
import dev.sfsync.store.SyncWrites;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a chunk of outbound records to Salesforce and records what happened, in the
 * chunk transaction: records with a Salesforce Id are updated (or deleted) by Id, new
 * ones upserted by {@value AppTable#EXTERNAL_ID_FIELD} so that a replay never duplicates
 * them, through sObject Collections calls of at most the object's outbound batch size
 * ({@code allOrNone=false}), or one Bulk API 2.0 job above the bulk threshold. Records
 * Salesforce could not lock are retried with backoff; each record's result becomes its
 * outcome with the catalog's reason, the Salesforce Id and SystemModstamp go back on the
 * app row (without echo), and the outbox rows are marked done, failed, or queued again
 * for a later run.
 */
final class CollectionsWriter implements ItemWriter<OutboundRecord>, StepExecutionListener {

	private static final Log logger = LogFactory.getLog(CollectionsWriter.class);

	/** App or outbox rows per statement of the writes that record a chunk's results. */
	private static final int ROWS_PER_STATEMENT = 500;

	private final JdbcTemplate jdbc;

	private final OutcomeLog outcomes;

	private final SalesforceCollections collections;

	private final SalesforceBulkIngest bulk;

	private final String connectionId;

	private final JobDefinition definition;

	private final AppTable table;

	private final OutboundMapper mapper;

	private final OutboundProperties properties;

	private @Nullable StepExecution step;

	CollectionsWriter(JdbcTemplate jdbc, OutcomeLog outcomes, SalesforceClient client, BulkPolling polling,
			String connectionId, JobDefinition definition, AppTable table, OutboundMapper mapper,
			OutboundProperties properties) {
		this.jdbc = jdbc;
		this.outcomes = outcomes;
		this.collections = new SalesforceCollections(client);
		this.bulk = new SalesforceBulkIngest(client, polling);
		this.connectionId = connectionId;
		this.definition = definition;
		this.table = table;
		this.mapper = mapper;
		this.properties = properties;
	}

	/** One record's result, whichever call produced it. */
	private record Written(OutboundRecord record, RecordResult result) {
	}

	/** What becomes of one outbox row. */
	private record Done(long outboxId, String status, @Nullable String error) {
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.step = stepExecution;
	}

	@Override
	public void write(Chunk<? extends OutboundRecord> chunk) {
		StepExecution step = this.step;
		if (step == null) {
			throw new IllegalStateException("The outbound writer of " + this.definition.name() + " ran outside a step");
		}
		Tally tally = new Tally();
		for (OutboundMapper.Skip skip : this.mapper.drainSkipped()) {
			tally.skipped(skip.entry().salesforceId(), skip.entry().appId(), List.of(skip.entry()), skip.reason(),
					skip.detail());
		}
		List<OutboundRecord> records = merge(chunk.getItems());
		Map<OutboundRecord, String> salesforceWon = lastWriterWins(records);
		List<OutboundRecord> send = new ArrayList<>();
		for (OutboundRecord record : records) {
			String detail = salesforceWon.get(record);
			if (detail != null) {
				// Salesforce was written last: its values stay, the next inbound run
				// brings them.
				tally.skipped(record.salesforceId(), record.appId(), record.entries(),
						OutcomeReason.NO_FIELDS_TO_UPDATE, detail);
				tally.filtered++;
			}
			else {
				send.add(record);
			}
		}
		List<Written> written = writeWithRetries(send);
		Map<String, JsonNode> stamps = systemModstamps(written);
		for (Written write : written) {
			// A replayed delete (its first run died before committing) finds the record
			// gone.
			boolean alreadyDeleted = write.record().last().operation() == Operation.DELETE
					&& write.result().errorCode().equals("ENTITY_IS_DELETED");
			if (write.result().success() || alreadyDeleted) {
				succeeded(tally, write, stamps);
			}
			else {
				failed(tally, write);
			}
		}
		storeSalesforceIds(tally.appUpdates);
		markDone(step, tally.done);
		requeue(tally.retries);
		this.outcomes.append(this.connectionId, this.definition.name(), tally.rows);
		this.outcomes.count(tally.created, tally.updated, tally.deleted);
		// As for inbound, failed records are the step's skips and intentional skips its
		// filtered ones (the mapper's are counted by the step): the job repository's
		// counts
		// equal the outcome log.
		step.setWriteSkipCount(step.getWriteSkipCount() + tally.failed);
		step.setFilterCount(step.getFilterCount() + tally.filtered);
		if (tally.failed > 0) {
			logger.warn("Step " + step.getStepName() + " of " + this.definition.jobName(Direction.OUTBOUND)
					+ " for connection " + this.connectionId + ": " + tally.failed + " of " + written.size()
					+ " records failed (" + tally.retries.size() + " queued for a later run, the others stay failed"
					+ " until re-queued); their reasons are in sync_record_outcome");
		}
	}

	private void succeeded(Tally tally, Written write, Map<String, JsonNode> stamps) {
		OutboundRecord record = write.record();
		RecordResult result = write.result();
		String id = (result.id() != null) ? result.id() : record.salesforceId();
		JsonNode stamp = (id != null) ? stamps.get(id) : null;
		Instant createdAt = instant(stamp, "CreatedDate");
		Instant modstamp = instant(stamp, "SystemModstamp");
		RecordOutcome outcome = (record.last().operation() == Operation.DELETE) ? RecordOutcome.DELETED
				: (record.salesforceId() == null && !Boolean.FALSE.equals(result.created())) ? RecordOutcome.CREATED
						: RecordOutcome.UPDATED;
		tally.created += (outcome == RecordOutcome.CREATED) ? 1 : 0;
		tally.updated += (outcome == RecordOutcome.UPDATED) ? 1 : 0;
		tally.deleted += (outcome == RecordOutcome.DELETED) ? 1 : 0;
		tally.rows.add(new OutcomeRow(outcome, null, String.join(", ", record.fields().keySet()), id, record.appId(),
				createdAt, modstamp));
		record.entries().forEach((entry) -> tally.done.add(new Done(entry.id(), "SENT", null)));
		if (outcome != RecordOutcome.DELETED && id != null) {
			tally.appUpdates.add(new Object[] { id, timestamp(modstamp), timestamp(createdAt), record.appId() });
		}
	}

	/**
	 * A failed record: its reason, and a new outbox row for a later run when the failure
	 * was transient and attempts remain.
	 */
	private void failed(Tally tally, Written write) {
		OutboundRecord record = write.record();
		String code = write.result().errorCode();
		OutcomeReason reason = OutboundReasons.of(code);
		String detail = detail(write.result().errors());
		tally.failed++;
		tally.rows.add(new OutcomeRow(RecordOutcome.FAILED, reason, detail, record.salesforceId(), record.appId(), null,
				null));
		OutboxEntry last = record.last();
		boolean retry = OutboundReasons.transientCode(code) && last.attempts() + 1 < this.properties.maxAttempts();
		record.entries().forEach((entry) -> tally.done.add(new Done(entry.id(), retry ? "RETRIED" : "FAILED", detail)));
		if (retry) {
			long delayMicros = this.properties.retryDelay().toMillis() * 1000 << Math.min(last.attempts(), 20);
			Set<String> changed = new LinkedHashSet<>();
			record.entries().forEach((entry) -> changed.addAll(entry.changedColumns()));
			tally.retries.add(new Object[] { changed.isEmpty() ? null : String.join(",", changed), last.attempts() + 1,
					delayMicros, last.id() });
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Connection " + this.connectionId + ": app row " + record.appId() + " of " + this.table.name()
					+ " failed as " + reason + " (" + detail + ")" + (retry ? "; queued for a later run" : ""));
		}
	}

	/** What a chunk did: its outcome rows, counts and the writes that record them. */
	private static final class Tally {

		private final List<OutcomeRow> rows = new ArrayList<>();

		private final List<Done> done = new ArrayList<>();

		private final List<Object[]> appUpdates = new ArrayList<>();

		private final List<Object[]> retries = new ArrayList<>();

		private long created;

		private long updated;

		private long deleted;

		private long failed;

		private long filtered;

		void skipped(@Nullable String salesforceId, long appId, List<OutboxEntry> entries, OutcomeReason reason,
				String detail) {
			this.rows.add(new OutcomeRow(RecordOutcome.SKIPPED, reason, detail, salesforceId, appId, null, null));
			entries.forEach((entry) -> this.done.add(new Done(entry.id(), "SKIPPED", detail)));
		}

	}

	/** One record per app row: a row that changed more than once is sent once. */
	private static List<OutboundRecord> merge(List<? extends OutboundRecord> items) {
		Map<Long, OutboundRecord> byRow = new LinkedHashMap<>();
		for (OutboundRecord item : items) {
			byRow.merge(item.appId(), item, (first, next) -> {
				List<OutboxEntry> entries = new ArrayList<>(first.entries());
				entries.addAll(next.entries());
				Map<String, @Nullable Object> fields = new LinkedHashMap<>(first.fields());
				fields.putAll(next.fields());
				return new OutboundRecord(entries, next.appId(), next.salesforceId(), next.externalId(), fields);
			});
		}
		return new ArrayList<>(byRow.values());
	}

	/**
	 * Last writer wins: the updates whose record Salesforce changed after the app did (to
	 * the second, as MariaDB stores times) are not sent; answers why, by record.
	 */
	private Map<OutboundRecord, String> lastWriterWins(List<OutboundRecord> records) {
		List<String> ids = records.stream()
			.filter((record) -> record.salesforceId() != null && record.last().operation() == Operation.UPDATE)
			.map((record) -> String.valueOf(record.salesforceId()))
			.toList();
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<String, JsonNode> current = query(ids);
		Map<OutboundRecord, String> salesforceWon = new HashMap<>();
		for (OutboundRecord record : records) {
			JsonNode salesforce = (record.salesforceId() != null) ? current.get(record.salesforceId()) : null;
			Instant modstamp = instant(salesforce, "SystemModstamp");
			Instant changedAt = record.entries()
				.stream()
				.map(OutboxEntry::changedAt)
				.max(Instant::compareTo)
				.orElseThrow()
				.truncatedTo(ChronoUnit.SECONDS);
			if (record.last().operation() == Operation.UPDATE && modstamp != null
					&& modstamp.truncatedTo(ChronoUnit.SECONDS).isAfter(changedAt)) {
				salesforceWon.put(record, "Salesforce changed the record at " + modstamp
						+ ", after the app's change at " + changedAt + ": last writer wins, Salesforce's values stay");
			}
		}
		return salesforceWon;
	}

	/**
	 * Writes the records; those Salesforce could not lock are tried again with backoff.
	 */
	private List<Written> writeWithRetries(List<OutboundRecord> records) {
		Map<OutboundRecord, RecordResult> results = new LinkedHashMap<>();
		List<OutboundRecord> pending = records;
		Duration delay = this.properties.lockRetryDelay();
		for (int attempt = 0; !pending.isEmpty(); attempt++) {
			List<Written> written = writeOnce(pending);
			List<OutboundRecord> again = new ArrayList<>();
			for (Written write : written) {
				results.put(write.record(), write.result());
				if (write.result().isTransient() && attempt < this.properties.lockRetries()) {
					again.add(write.record());
				}
			}
			if (!again.isEmpty()) {
				sleep(delay);
				delay = delay.multipliedBy(2);
			}
			pending = again;
		}
		return records.stream().map((record) -> new Written(record, results.get(record))).toList();
	}

	private List<Written> writeOnce(List<OutboundRecord> records) {
		List<Written> written = new ArrayList<>();
		String object = this.definition.salesforceObject();
		int batch = Math.min(this.definition.sizes().outboundBatch(), SalesforceCollections.MAX_BATCH);
		List<OutboundRecord> deletes = records.stream()
			.filter((record) -> record.last().operation() == Operation.DELETE)
			.toList();
		List<OutboundRecord> byId = records.stream()
			.filter((record) -> record.last().operation() != Operation.DELETE && record.salesforceId() != null)
			.toList();
		List<OutboundRecord> byExternalId = records.stream()
			.filter((record) -> record.last().operation() != Operation.DELETE && record.salesforceId() == null)
			.toList();
		for (List<OutboundRecord> slice : slices(deletes, batch)) {
			List<RecordResult> results = this.collections
				.delete(slice.stream().map((record) -> String.valueOf(record.salesforceId())).toList());
			pair(slice, results, written);
		}
		for (List<OutboundRecord> slice : slices(byId, batch)) {
			List<Map<String, @Nullable Object>> bodies = new ArrayList<>();
			for (OutboundRecord record : slice) {
				Map<String, @Nullable Object> body = new LinkedHashMap<>();
				body.put("Id", record.salesforceId());
				body.putAll(record.fields());
				bodies.add(body);
			}
			pair(slice, this.collections.update(object, bodies), written);
		}
		List<Map<String, @Nullable Object>> upserts = new ArrayList<>();
		for (OutboundRecord record : byExternalId) {
			Map<String, @Nullable Object> body = new LinkedHashMap<>();
			body.put(AppTable.EXTERNAL_ID_FIELD, record.externalId());
			body.putAll(record.fields());
			upserts.add(body);
		}
		if (upserts.size() > this.properties.bulkThreshold()) {
			pair(byExternalId, this.bulk.upsert(object, AppTable.EXTERNAL_ID_FIELD, upserts), written);
		}
		else {
			for (int offset = 0; offset < upserts.size(); offset += batch) {
				int end = Math.min(upserts.size(), offset + batch);
				pair(byExternalId.subList(offset, end),
						this.collections.upsert(object, AppTable.EXTERNAL_ID_FIELD, upserts.subList(offset, end)),
						written);
			}
		}
		return written;
	}

	private static void pair(List<OutboundRecord> records, List<RecordResult> results, List<Written> written) {
		for (int i = 0; i < records.size(); i++) {
			written.add(new Written(records.get(i), results.get(i)));
		}
	}

	private static <T> List<List<T>> slices(List<T> items, int size) {
		List<List<T>> slices = new ArrayList<>();
		for (int offset = 0; offset < items.size(); offset += size) {
			slices.add(items.subList(offset, Math.min(items.size(), offset + size)));
		}
		return slices;
	}

	/** The CreatedDate and SystemModstamp of the records written, by Id. */
	private Map<String, JsonNode> systemModstamps(List<Written> written) {
		List<String> ids = written.stream()
			.filter((write) -> write.result().success() && write.record().last().operation() != Operation.DELETE)
			.map((write) -> (write.result().id() != null) ? write.result().id() : write.record().salesforceId())
			.filter((id) -> id != null)
			.map(String::valueOf)
			.toList();
		return query(ids);
	}

	/**
	 * The CreatedDate and SystemModstamp of records by Id, with Collections retrieves of
	 * up to 2,000 records: one call for a chunk of 2,000, where queries of 200 Ids took
	 * ten.
	 */
	private Map<String, JsonNode> query(List<String> ids) {
		// Ids come from app rows: only well-formed ones are asked for.
		List<String> valid = ids.stream().filter(SalesforceId::isValid).distinct().toList();
		if (valid.isEmpty()) {
			return Map.of();
		}
		return this.collections.retrieve(this.definition.salesforceObject(), valid,
				List.of("Id", "CreatedDate", "SystemModstamp"));
	}

	/**
	 * The Id and SystemModstamp on the app rows, so the next inbound run sees them
	 * synced: one statement per {@value #ROWS_PER_STATEMENT} rows, each row's values
	 * chosen by its id, which costs the database a fraction of a statement per row.
	 */
	private void storeSalesforceIds(List<Object[]> updates) {
		if (updates.isEmpty()) {
			return;
		}
		SyncWrites.uncaptured(this.jdbc, () -> {
			for (List<Object[]> slice : slices(updates, ROWS_PER_STATEMENT)) {
				String byId = "CASE id" + " WHEN ? THEN ?".repeat(slice.size()) + " END";
				List<@Nullable Object> arguments = new ArrayList<>();
				for (int value = 0; value < 3; value++) {
					for (Object[] update : slice) {
						arguments.add(update[3]);
						arguments.add(update[value]);
					}
				}
				slice.forEach((update) -> arguments.add(update[3]));
				this.jdbc.update("UPDATE " + this.table.name() + " SET " + this.table.keyColumn() + " = " + byId
						+ ", external_updated_at = COALESCE(" + byId + ", external_updated_at), external_created_at ="
						+ " COALESCE(external_created_at, " + byId + ") WHERE id IN (" + placeholders(slice.size())
						+ ")", arguments.toArray());
			}
		});
	}

	/**
	 * The outbox rows' statuses: one statement per status and error and up to
	 * {@value #ROWS_PER_STATEMENT} rows.
	 */
	private void markDone(StepExecution step, List<Done> done) {
		Map<Outcome, List<Long>> byOutcome = new LinkedHashMap<>();
		for (Done row : done) {
			byOutcome.computeIfAbsent(new Outcome(row.status(), truncate(row.error())), (key) -> new ArrayList<>())
				.add(row.outboxId());
		}
		byOutcome.forEach((outcome, ids) -> {
			for (List<Long> slice : slices(ids, ROWS_PER_STATEMENT)) {
				List<@Nullable Object> arguments = new ArrayList<>(
						Arrays.asList(outcome.status(), outcome.error(), step.getJobExecutionId()));
				arguments.addAll(slice);
				this.jdbc.update(
						"UPDATE sync_outbox SET status = ?, last_error = ?, job_execution_id = ?,"
								+ " processed_at = UTC_TIMESTAMP(6) WHERE id IN (" + placeholders(slice.size()) + ")",
						arguments.toArray());
			}
		});
	}

	/** An outbox row's status after a run, and why. */
	private record Outcome(String status, @Nullable String error) {
	}

	private static String placeholders(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
	}

	/** A change that failed transiently goes back to the outbox as a new row, later. */
	private void requeue(List<Object[]> retries) {
		if (retries.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("INSERT INTO sync_outbox (connection_id, object_type, app_table, app_id, operation,"
				+ " changed_columns, salesforce_id, changed_at, attempts, available_at) SELECT connection_id,"
				+ " object_type, app_table, app_id, operation, ?, salesforce_id, changed_at, ?,"
				+ " UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND FROM sync_outbox WHERE id = ?", retries);
	}

	private static String detail(List<SalesforceError> errors) {
		if (errors.isEmpty()) {
			return "Salesforce gave no reason";
		}
		SalesforceError error = errors.get(0);
		return error.code() + ": " + error.message() + (error.fields().isEmpty() ? "" : " " + error.fields());
	}

	private static @Nullable Instant instant(@Nullable JsonNode record, String field) {
		String text = (record != null) ? record.path(field).asString("") : "";
		return text.isEmpty() ? null : ColumnType.dateTime(text);
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static @Nullable String truncate(@Nullable String text) {
		return (text != null && text.length() > 1000) ? text.substring(0, 1000) : text;
	}

	private static void sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting to retry locked records", ex);
		}
	}

}
