package dev.sfsync.inbound;

import java.time.Instant;
import java.util.Map;

import dev.sfsync.outcome.OutcomeReason;
import org.jspecify.annotations.Nullable;

/**
 * What happens to one Salesforce record: written to the app, deleted there, skipped or
 * failed.
 */
public sealed interface InboundDecision
		permits InboundDecision.Write, InboundDecision.Delete, InboundDecision.Skip, InboundDecision.Fail {

	/**
	 * Create or update the app row.
	 *
	 * @param create whether the row is new
	 * @param columns the mapped columns' new values
	 * @param createdAt the record's CreatedDate in Salesforce
	 * @param modstamp the record's SystemModstamp, kept to recognise outdated re-reads
	 */
	record Write(boolean create, Map<String, @Nullable Object> columns, @Nullable Instant createdAt,
			Instant modstamp) implements InboundDecision {
	}

	/** Mark the app row deleted: the record is in Salesforce's Recycle Bin or gone. */
	record Delete(Instant modstamp) implements InboundDecision {
	}

	/** Intentionally not synced, with the catalog's reason. */
	record Skip(OutcomeReason reason) implements InboundDecision {
	}

	/** Could not be processed, with the catalog's reason and the technical detail. */
	record Fail(OutcomeReason reason, String detail) implements InboundDecision {
	}

}
