package dev.sfsync.inbound;

import java.time.Instant;
import java.util.Map;

import dev.sfsync.outcome.OutcomeReason;
import org.jspecify.annotations.Nullable;

/**
 * What happens to one Salesforce record: written to the app, deleted there, a converted
 * Lead's app contact re-linked, skipped or failed.
 */
public sealed interface InboundDecision permits InboundDecision.Write, InboundDecision.Delete, InboundDecision.Convert,
		InboundDecision.Skip, InboundDecision.Fail {

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

	/**
	 * A converted Lead whose app contact is not linked to its Contact yet: re-link it to
	 * the Contact, or merge it into the Contact's own app contact when that arrived
	 * first, so one person stays one contact.
	 *
	 * @param contactId the Salesforce Id of the Contact the Lead became
	 * @param contactRowId the app contact synced from that Contact, null when there is
	 * none
	 * @param createdAt the Lead's CreatedDate
	 * @param modstamp the Lead's SystemModstamp
	 */
	record Convert(String contactId, @Nullable Long contactRowId, @Nullable Instant createdAt,
			Instant modstamp) implements InboundDecision {
	}

	/** Intentionally not synced, with the catalog's reason. */
	record Skip(OutcomeReason reason) implements InboundDecision {
	}

	/** Could not be processed, with the catalog's reason and the technical detail. */
	record Fail(OutcomeReason reason, String detail) implements InboundDecision {
	}

}
