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
 */
public record OutcomeRow(RecordOutcome outcome, @Nullable OutcomeReason reason, @Nullable String detail,
		@Nullable String salesforceId, @Nullable Long appId, @Nullable Instant externalCreatedAt,
		@Nullable Instant externalUpdatedAt) {

	public static OutcomeRow skipped(OutcomeReason reason, @Nullable String salesforceId, @Nullable Long appId,
			@Nullable Instant createdAt, @Nullable Instant updatedAt) {
		return new OutcomeRow(reason.outcome(), reason, null, salesforceId, appId, createdAt, updatedAt);
	}

}
