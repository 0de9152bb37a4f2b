package dev.sfsync.salesforce;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Upserts by an external id field the cheapest way: sObject Collections (200 records a
 * call) up to a threshold, one Bulk API 2.0 ingest job above it.
 */
public final class SalesforceUpserts {

	private final SalesforceCollections collections;

	private final SalesforceBulkIngest bulk;

	private final int bulkThreshold;

	public SalesforceUpserts(SalesforceClient client, BulkPolling polling, int bulkThreshold) {
		if (bulkThreshold < SalesforceCollections.MAX_BATCH) {
			throw new IllegalArgumentException("The Bulk threshold must be at least " + SalesforceCollections.MAX_BATCH
					+ " records; was " + bulkThreshold);
		}
		this.collections = new SalesforceCollections(client);
		this.bulk = new SalesforceBulkIngest(client, polling);
		this.bulkThreshold = bulkThreshold;
	}

	/** One result per record, in input order, whichever API wrote them. */
	public List<RecordResult> upsert(String objectName, String externalIdField,
			List<Map<String, @Nullable Object>> records) {
		return (records.size() > this.bulkThreshold) ? this.bulk.upsert(objectName, externalIdField, records)
				: this.collections.upsert(objectName, externalIdField, records);
	}

}
