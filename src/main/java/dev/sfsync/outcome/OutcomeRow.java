package dev.sfsync.outcome;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One record's outcome in one step, as the outcome log stores it.
 *
 * @param outcome what happened
 * @param reason why it was skipped or failed; null for a record that changed
 * @param detail the technical detail of a failure, or what changed
 * @param salesforceId the record's Salesforce Id, when it has one
 * @param appId the app row's id, when there is one
 * @param externalCreatedAt the record's CreatedDate in Salesforce
 * @param externalUpdatedAt the record's SystemModstamp in Salesforce
 * @param label what names the record for people, from its payload, kept for a record with
 * no app row to read it from (a skipped or failed inbound record); otherwise null
 */
public record OutcomeRow(RecordOutcome outcome, @Nullable OutcomeReason reason, @Nullable String detail,
		@Nullable String salesforceId, @Nullable Long appId, @Nullable Instant externalCreatedAt,
		@Nullable Instant externalUpdatedAt, @Nullable String label) {

	/** An outcome with no label of its own. */
	public OutcomeRow(RecordOutcome outcome, @Nullable OutcomeReason reason, @Nullable String detail,
			@Nullable String salesforceId, @Nullable Long appId, @Nullable Instant externalCreatedAt,
			@Nullable Instant externalUpdatedAt) {
		this(outcome, reason, detail, salesforceId, appId, externalCreatedAt, externalUpdatedAt, null);
	}

	public static OutcomeRow skipped(OutcomeReason reason, @Nullable String salesforceId, @Nullable Long appId,
			@Nullable Instant createdAt, @Nullable Instant updatedAt, @Nullable String label) {
		return new OutcomeRow(reason.outcome(), reason, null, salesforceId, appId, createdAt, updatedAt, label);
	}

}
