package dev.sfsync.outbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.sfsync.catalog.Direction;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.outbound.OutboundSender.Sent;
import dev.sfsync.outbound.OutboxEntry.Operation;
import dev.sfsync.outbound.OutboxStore.Processed;
import dev.sfsync.outbound.OutboxStore.Retry;
import dev.sfsync.outbound.OutboxStore.SalesforceIds;
import dev.sfsync.outbound.OutboxStore.Status;
import dev.sfsync.outcome.OutcomeLog;
import dev.sfsync.outcome.OutcomeReason;
import dev.sfsync.outcome.OutcomeRow;
import dev.sfsync.outcome.RecordOutcome;
import dev.sfsync.salesforce.RecordResult;
import dev.sfsync.salesforce.SalesforceError;
import dev.sfsync.store.AppTable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The outbound step's {@link ItemWriter}: ties the {@link OutboundSender} and the
 * {@link OutboxStore} to the chunk. It merges a chunk's changes to one record per app
 * row, leaves out those that Salesforce changed last, has the rest sent, and turns each
 * answer into the record's outcome with the catalog's reason and into the writes that
 * record it, all in the chunk transaction: a failed change that is transient goes back to
 * the outbox for a later run while attempts remain.
 */
final class OutboundWriter implements ItemWriter<OutboundRecord>, StepExecutionListener {

	private static final Log logger = LogFactory.getLog(OutboundWriter.class);

	private final OutboxStore store;

	private final OutcomeLog outcomes;

	private final OutboundSender sender;

	private final String connectionId;

	private final JobDefinition definition;

	private final AppTable table;

	private final OutboundMapper mapper;

	private final OutboundProperties properties;

	private @Nullable StepExecution step;

	OutboundWriter(OutboxStore store, OutcomeLog outcomes, OutboundSender sender, String connectionId,
			JobDefinition definition, AppTable table, OutboundMapper mapper, OutboundProperties properties) {
		this.store = store;
		this.outcomes = outcomes;
		this.sender = sender;
		this.connectionId = connectionId;
		this.definition = definition;
		this.table = table;
		this.mapper = mapper;
		this.properties = properties;
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
		Map<OutboundRecord, String> salesforceWon = this.sender.salesforceWon(records);
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
		List<Sent> sent = this.sender.send(send);
		Map<String, JsonNode> stamps = this.sender.stamps(sent);
		for (Sent one : sent) {
			// A replayed delete (its first run died before committing) finds the record
			// gone.
			boolean alreadyDeleted = one.record().last().operation() == Operation.DELETE
					&& one.result().errorCode().equals("ENTITY_IS_DELETED");
			if (one.result().success() || alreadyDeleted) {
				succeeded(tally, one, stamps);
			}
			else {
				failed(tally, one);
			}
		}
		this.store.storeSalesforceIds(this.table, tally.appUpdates);
		this.store.markProcessed(step.getJobExecutionId(), tally.processed);
		this.store.requeue(tally.retries);
		this.outcomes.append(this.connectionId, this.definition.name(), tally.rows);
		this.outcomes.count(tally.created, tally.updated, tally.deleted);
		// As for inbound, failed records are the step's skips and intentional skips its
		// filtered ones (the mapper's are counted by the step): the job repository's
		// counts equal the outcome log.
		step.setWriteSkipCount(step.getWriteSkipCount() + tally.failed);
		step.setFilterCount(step.getFilterCount() + tally.filtered);
		if (tally.failed > 0) {
			logger.warn("Step " + step.getStepName() + " of " + this.definition.jobName(Direction.OUTBOUND)
					+ " for connection " + this.connectionId + ": " + tally.failed + " of " + sent.size()
					+ " records failed (" + tally.retries.size() + " queued for a later run, the others stay failed"
					+ " until re-queued); their reasons are in sync_record_outcome");
		}
	}

	private void succeeded(Tally tally, Sent sent, Map<String, JsonNode> stamps) {
		OutboundRecord record = sent.record();
		RecordResult result = sent.result();
		String id = (result.id() != null) ? result.id() : record.salesforceId();
		JsonNode stamp = (id != null) ? stamps.get(id) : null;
		Instant createdAt = OutboundSender.instant(stamp, "CreatedDate");
		Instant modstamp = OutboundSender.instant(stamp, "SystemModstamp");
		RecordOutcome outcome = (record.last().operation() == Operation.DELETE) ? RecordOutcome.DELETED
				: (record.salesforceId() == null && !Boolean.FALSE.equals(result.created())) ? RecordOutcome.CREATED
						: RecordOutcome.UPDATED;
		tally.created += (outcome == RecordOutcome.CREATED) ? 1 : 0;
		tally.updated += (outcome == RecordOutcome.UPDATED) ? 1 : 0;
		tally.deleted += (outcome == RecordOutcome.DELETED) ? 1 : 0;
		tally.rows.add(new OutcomeRow(outcome, null, String.join(", ", record.fields().keySet()), id, record.appId(),
				createdAt, modstamp));
		record.entries().forEach((entry) -> tally.processed.add(new Processed(entry.id(), Status.SENT, null)));
		if (outcome != RecordOutcome.DELETED && id != null) {
			tally.appUpdates.add(new SalesforceIds(record.appId(), id, modstamp, createdAt));
		}
	}

	/**
	 * A failed record: its reason, and a new outbox row for a later run when the failure
	 * was transient and attempts remain.
	 */
	private void failed(Tally tally, Sent sent) {
		OutboundRecord record = sent.record();
		String code = sent.result().errorCode();
		OutcomeReason reason = OutboundReasons.of(code);
		String detail = detail(sent.result().errors());
		tally.failed++;
		tally.rows.add(new OutcomeRow(RecordOutcome.FAILED, reason, detail, record.salesforceId(), record.appId(), null,
				null));
		OutboxEntry last = record.last();
		boolean retry = OutboundReasons.transientCode(code) && last.attempts() + 1 < this.properties.maxAttempts();
		Status status = retry ? Status.RETRIED : Status.FAILED;
		record.entries().forEach((entry) -> tally.processed.add(new Processed(entry.id(), status, detail)));
		if (retry) {
			long delayMicros = this.properties.retryDelay().toMillis() * 1000 << Math.min(last.attempts(), 20);
			Set<String> changed = new LinkedHashSet<>();
			record.entries().forEach((entry) -> changed.addAll(entry.changedColumns()));
			tally.retries.add(new Retry(last.id(), changed.isEmpty() ? null : String.join(",", changed),
					last.attempts() + 1, delayMicros));
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Connection " + this.connectionId + ": app row " + record.appId() + " of " + this.table.name()
					+ " failed as " + reason + " (" + detail + ")" + (retry ? "; queued for a later run" : ""));
		}
	}

	/** What a chunk did: its outcome rows, counts and the writes that record them. */
	private static final class Tally {

		private final List<OutcomeRow> rows = new ArrayList<>();

		private final List<Processed> processed = new ArrayList<>();

		private final List<SalesforceIds> appUpdates = new ArrayList<>();

		private final List<Retry> retries = new ArrayList<>();

		private long created;

		private long updated;

		private long deleted;

		private long failed;

		private long filtered;

		void skipped(@Nullable String salesforceId, long appId, List<OutboxEntry> entries, OutcomeReason reason,
				String detail) {
			this.rows.add(new OutcomeRow(RecordOutcome.SKIPPED, reason, detail, salesforceId, appId, null, null));
			entries.forEach((entry) -> this.processed.add(new Processed(entry.id(), Status.SKIPPED, detail)));
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

	private static String detail(List<SalesforceError> errors) {
		if (errors.isEmpty()) {
			return "Salesforce gave no reason";
		}
		SalesforceError error = errors.get(0);
		return error.code() + ": " + error.message() + (error.fields().isEmpty() ? "" : " " + error.fields());
	}

}
