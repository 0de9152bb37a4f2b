package dev.sfsync.inbound;

import java.time.Instant;
import java.util.Map;

import dev.sfsync.outcome.RecordOutcome;
import org.jspecify.annotations.Nullable;

/**
 * A change to one app row that a chunk writes: a create, an update, a delete, or a
 * converted Lead's re-link (an update).
 *
 * @param salesforceId the record's Salesforce Id
 * @param appId the existing row's id, null for a create
 * @param outcome {@code CREATED}, {@code UPDATED} or {@code DELETED}
 * @param columns the mapped columns' new values (empty for a delete and a re-link)
 * @param createdAt the record's CreatedDate
 * @param modstamp the record's SystemModstamp
 * @param conversion the Lead conversion to apply instead of writing columns, or null
 */
record AppChange(String salesforceId, @Nullable Long appId, RecordOutcome outcome,
		Map<String, @Nullable Object> columns, @Nullable Instant createdAt, Instant modstamp,
		InboundDecision.@Nullable Convert conversion) {

	static AppChange of(InboundItem item, InboundDecision decision) {
		if (decision instanceof InboundDecision.Write write) {
			return new AppChange(item.salesforceId(), item.state().appId(),
					write.create() ? RecordOutcome.CREATED : RecordOutcome.UPDATED, write.columns(), write.createdAt(),
					write.modstamp(), null);
		}
		if (decision instanceof InboundDecision.Delete delete) {
			return new AppChange(item.salesforceId(), item.state().appId(), RecordOutcome.DELETED, Map.of(), null,
					delete.modstamp(), null);
		}
		if (decision instanceof InboundDecision.Convert convert) {
			return new AppChange(item.salesforceId(), item.state().appId(), RecordOutcome.UPDATED, Map.of(),
					convert.createdAt(), convert.modstamp(), convert);
		}
		throw new IllegalArgumentException("Not a change: " + decision);
	}

}
