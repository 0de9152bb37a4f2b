package dev.sfsync.outbound;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.outbound.OutboxEntry.Operation;
import dev.sfsync.salesforce.BulkPolling;
import dev.sfsync.salesforce.RecordResult;
import dev.sfsync.salesforce.SalesforceBulkIngest;
import dev.sfsync.salesforce.SalesforceClient;
import dev.sfsync.salesforce.SalesforceCollections;
import dev.sfsync.salesforce.SalesforceId;
import dev.sfsync.store.AppTable;
import dev.sfsync.store.ColumnType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Sends one object type's outbound records to Salesforce: records with a Salesforce Id
 * are updated (or deleted) by Id, new ones upserted by
 * {@value AppTable#EXTERNAL_ID_FIELD} so that a replay never duplicates them, through
 * sObject Collections calls of at most the object's outbound batch size
 * ({@code allOrNone=false}), or one Bulk API 2.0 job above the bulk threshold. Before
 * sending it applies last-writer-wins, and records Salesforce could not lock are sent
 * again through Spring's {@link RetryTemplate}, with a backoff the caller can choose. It
 * knows nothing of the database; {@link OutboundWriter} records what it answers.
 */
final class OutboundSender {

	private final SalesforceCollections collections;

	private final SalesforceBulkIngest bulk;

	private final JobDefinition definition;

	private final int bulkThreshold;

	private final RetryTemplate lockRetries;

	OutboundSender(SalesforceClient client, BulkPolling polling, JobDefinition definition,
			OutboundProperties properties) {
		this(client, polling, definition, properties.bulkThreshold(), lockBackOff(properties));
	}

	/**
	 * @param lockBackOff how long to wait before sending locked records again, and how
	 * many times
	 */
	OutboundSender(SalesforceClient client, BulkPolling polling, JobDefinition definition, int bulkThreshold,
			BackOff lockBackOff) {
		this.collections = new SalesforceCollections(client);
		this.bulk = new SalesforceBulkIngest(client, polling);
		this.definition = definition;
		this.bulkThreshold = bulkThreshold;
		this.lockRetries = new RetryTemplate(
				RetryPolicy.builder().backOff(lockBackOff).predicate(LockedRecords.class::isInstance).build());
	}

	/** The properties' backoff: {@code lock-retries} times, doubling from the delay. */
	static BackOff lockBackOff(OutboundProperties properties) {
		ExponentialBackOff backOff = new ExponentialBackOff(properties.lockRetryDelay().toMillis(), 2);
		backOff.setMaxAttempts(properties.lockRetries());
		return backOff;
	}

	/** One record's answer from Salesforce, whichever call produced it. */
	record Sent(OutboundRecord record, RecordResult result) {
	}

	/** Some records came back locked; the retry sends them again. */
	private static final class LockedRecords extends RuntimeException {

		LockedRecords(int count) {
			super(count + " records locked in Salesforce", null, false, false);
		}

	}

	/**
	 * Last writer wins: the updates whose record Salesforce changed after the app did (to
	 * the second, as MariaDB stores times) are not to be sent; answers why, by record.
	 */
	Map<OutboundRecord, String> salesforceWon(List<OutboundRecord> records) {
		List<String> ids = records.stream()
			.filter((record) -> record.salesforceId() != null && record.last().operation() == Operation.UPDATE)
			.map((record) -> String.valueOf(record.salesforceId()))
			.toList();
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<String, JsonNode> current = retrieve(ids);
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
	 * Sends the records; those Salesforce could not lock are sent again while the backoff
	 * allows, and keep their last answer after that.
	 */
	List<Sent> send(List<OutboundRecord> records) {
		Map<OutboundRecord, RecordResult> results = new LinkedHashMap<>();
		List<List<OutboundRecord>> pending = new ArrayList<>(List.of(records));
		try {
			this.lockRetries.execute(() -> {
				List<OutboundRecord> locked = new ArrayList<>();
				for (Sent sent : sendOnce(pending.get(0))) {
					results.put(sent.record(), sent.result());
					if (sent.result().isTransient()) {
						locked.add(sent.record());
					}
				}
				if (!locked.isEmpty()) {
					pending.set(0, locked);
					throw new LockedRecords(locked.size());
				}
				return null;
			});
		}
		catch (RetryException ex) {
			if (!(ex.getLastException() instanceof LockedRecords)) {
				throw (ex.getLastException() instanceof RuntimeException failure) ? failure
						: new IllegalStateException(ex.getLastException());
			}
		}
		return records.stream().map((record) -> new Sent(record, results.get(record))).toList();
	}

	private List<Sent> sendOnce(List<OutboundRecord> records) {
		List<Sent> sent = new ArrayList<>();
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
		for (List<OutboundRecord> slice : OutboxStore.slices(deletes, batch)) {
			pair(slice, this.collections
				.delete(slice.stream().map((record) -> String.valueOf(record.salesforceId())).toList()), sent);
		}
		for (List<OutboundRecord> slice : OutboxStore.slices(byId, batch)) {
			List<Map<String, @Nullable Object>> bodies = new ArrayList<>();
			for (OutboundRecord record : slice) {
				Map<String, @Nullable Object> body = new LinkedHashMap<>();
				body.put("Id", record.salesforceId());
				body.putAll(record.fields());
				bodies.add(body);
			}
			pair(slice, this.collections.update(object, bodies), sent);
		}
		List<Map<String, @Nullable Object>> upserts = new ArrayList<>();
		for (OutboundRecord record : byExternalId) {
			Map<String, @Nullable Object> body = new LinkedHashMap<>();
			body.put(AppTable.EXTERNAL_ID_FIELD, record.externalId());
			body.putAll(record.fields());
			upserts.add(body);
		}
		if (upserts.size() > this.bulkThreshold) {
			pair(byExternalId, this.bulk.upsert(object, AppTable.EXTERNAL_ID_FIELD, upserts), sent);
		}
		else {
			for (int offset = 0; offset < upserts.size(); offset += batch) {
				int end = Math.min(upserts.size(), offset + batch);
				pair(byExternalId.subList(offset, end),
						this.collections.upsert(object, AppTable.EXTERNAL_ID_FIELD, upserts.subList(offset, end)),
						sent);
			}
		}
		return sent;
	}

	private static void pair(List<OutboundRecord> records, List<RecordResult> results, List<Sent> sent) {
		for (int i = 0; i < records.size(); i++) {
			sent.add(new Sent(records.get(i), results.get(i)));
		}
	}

	/** The CreatedDate and SystemModstamp of the records written, by Id. */
	Map<String, JsonNode> stamps(List<Sent> sent) {
		List<String> ids = sent.stream()
			.filter((one) -> one.result().success() && one.record().last().operation() != Operation.DELETE)
			.map((one) -> (one.result().id() != null) ? one.result().id() : one.record().salesforceId())
			.filter((id) -> id != null)
			.map(String::valueOf)
			.toList();
		return retrieve(ids);
	}

	/**
	 * The CreatedDate and SystemModstamp of records by Id, with Collections retrieves of
	 * up to 2,000 records: one call for a chunk of 2,000, where queries of 200 Ids took
	 * ten.
	 */
	private Map<String, JsonNode> retrieve(List<String> ids) {
		// Ids come from app rows: only well-formed ones are asked for.
		List<String> valid = ids.stream().filter(SalesforceId::isValid).distinct().toList();
		if (valid.isEmpty()) {
			return Map.of();
		}
		return this.collections.retrieve(this.definition.salesforceObject(), valid,
				List.of("Id", "CreatedDate", "SystemModstamp"));
	}

	static @Nullable Instant instant(@Nullable JsonNode record, String field) {
		String text = (record != null) ? record.path(field).asString("") : "";
		return text.isEmpty() ? null : ColumnType.dateTime(text);
	}

}
