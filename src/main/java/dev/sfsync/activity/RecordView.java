package dev.sfsync.activity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What happened to one record in a run.
 *
 * @param id the outcome log row's id; the records of a block of successes share it
 * @param position the record's place in its block, 1 for a row of its own
 * @param step the step that handled it
 * @param operation the step for people, such as "Pull updates"
 * @param outcome CREATED, UPDATED, DELETED, SKIPPED or FAILED
 * @param status Success, Skipped or Failed
 * @param message the short message, such as "Missing email address"
 * @param explanation what the message means, or null for a success
 * @param detail the technical detail recorded with it, or null
 * @param salesforceId the Salesforce Id, or null
 * @param appId the app's id, or null
 * @param externalCreatedAt when it was created in Salesforce
 * @param externalUpdatedAt when it was last changed in Salesforce
 * @param recordedAt when sfsync recorded the outcome
 * @param waitsFor what a record skipped for a missing parent waits for ("its account"),
 * while later runs decide it again; null otherwise
 * @param syncedIn the later run that wrote a record skipped for a missing parent, once
 * its parent arrived; null otherwise
 */
record RecordView(long id, int position, @Nullable String step, @Nullable String operation, String outcome,
		String status, String message, @Nullable String explanation, @Nullable String detail,
		@Nullable String salesforceId, @Nullable Long appId, @Nullable Instant externalCreatedAt,
		@Nullable Instant externalUpdatedAt, Instant recordedAt, @Nullable String waitsFor, @Nullable Long syncedIn) {

	/** The same record with the app id found for it. */
	RecordView withAppId(@Nullable Long appId) {
		return new RecordView(this.id, this.position, this.step, this.operation, this.outcome, this.status,
				this.message, this.explanation, this.detail, this.salesforceId, appId, this.externalCreatedAt,
				this.externalUpdatedAt, this.recordedAt, this.waitsFor, this.syncedIn);
	}

	/**
	 * The same skipped record as its wait for a parent stands: "Waiting" while later runs
	 * decide it again, synced in a later run, or skipped (no wait) once the wait is over.
	 */
	RecordView withWait(@Nullable String state, @Nullable Long resolvedIn) {
		if ("WAITING".equals(state)) {
			return new RecordView(this.id, this.position, this.step, this.operation, this.outcome, "Waiting",
					this.message, this.explanation, this.detail, this.salesforceId, this.appId, this.externalCreatedAt,
					this.externalUpdatedAt, this.recordedAt, this.waitsFor, null);
		}
		return new RecordView(this.id, this.position, this.step, this.operation, this.outcome, this.status,
				this.message, this.explanation, this.detail, this.salesforceId, this.appId, this.externalCreatedAt,
				this.externalUpdatedAt, this.recordedAt, null, "RESOLVED".equals(state) ? resolvedIn : null);
	}

}
