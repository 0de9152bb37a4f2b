package dev.sfsync.outbound;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What to write to Salesforce for one app row: the fields to send, and how to find the
 * record there.
 *
 * @param entries the outbox rows it stands for (several when one app row changed more
 * than once)
 * @param appId the app row
 * @param salesforceId the record's Id when the app row has one; without it the record is
 * upserted by the external id
 * @param externalId the value of the external id field that identifies the app row in
 * Salesforce
 * @param fields Salesforce field to value, in JSON form
 */
record OutboundRecord(List<OutboxEntry> entries, long appId, @Nullable String salesforceId, String externalId,
		Map<String, @Nullable Object> fields) {

	OutboundRecord {
		entries = List.copyOf(entries);
	}

	OutboxEntry last() {
		return this.entries.get(this.entries.size() - 1);
	}

}
