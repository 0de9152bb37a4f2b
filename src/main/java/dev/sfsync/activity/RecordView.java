package dev.sfsync.activity;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * @param detail the technical detail recorded with it, such as what Salesforce said, or
 * null
 * @param field the Salesforce field the detail names ({@code [Email]} at its end), or
 * null
 * @param salesforceId the Salesforce Id, or null
 * @param appId the app's id, or null
 * @param label what names the record for people, such as "Ada Lovelace
 * (ada@example.com)": from the app row, or for a record the app does not hold from its
 * Salesforce payload; null when nothing names it
 * @param salesforceUrl the record in Salesforce (the org's instance URL and the Id), or
 * null
 * @param externalCreatedAt when it was created in Salesforce
 * @param externalUpdatedAt when it was last changed in Salesforce
 * @param recordedAt when sfsync recorded the outcome
 * @param waitsFor what a record skipped for a missing parent waits for ("its account"),
 * while later runs decide it again; null otherwise
 * @param syncedIn the later run that wrote a record skipped for a missing parent, once
 * its parent arrived; null otherwise
 */
record RecordView(long id, int position, @Nullable String step, @Nullable String operation, String outcome,
		String status, String message, @Nullable String explanation, @Nullable String detail, @Nullable String field,
		@Nullable String salesforceId, @Nullable Long appId, @Nullable String label, @Nullable String salesforceUrl,
		@Nullable Instant externalCreatedAt, @Nullable Instant externalUpdatedAt, Instant recordedAt,
		@Nullable String waitsFor, @Nullable Long syncedIn) {

	/**
	 * What may follow the instance URL in a link: an Id's 15 or 18 letters and digits.
	 */
	private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");

	/** The fields Salesforce names at the end of an error: {@code … [Email, Phone]}. */
	private static final Pattern FIELDS = Pattern.compile("\\[([A-Za-z0-9_]+(?:, ?[A-Za-z0-9_]+)*)]\\s*$");

	/** The fields a detail names at its end, or null. */
	static @Nullable String field(@Nullable String detail) {
		if (detail == null) {
			return null;
		}
		Matcher matcher = FIELDS.matcher(detail);
		return matcher.find() ? matcher.group(1) : null;
	}

	/**
	 * The same record with what the app row says of it: its id when the log has none (an
	 * inbound run's new rows), and its label when the log kept none.
	 */
	RecordView withAppRow(@Nullable Long appId, @Nullable String label) {
		return new RecordView(this.id, this.position, this.step, this.operation, this.outcome, this.status,
				this.message, this.explanation, this.detail, this.field, this.salesforceId,
				(this.appId != null) ? this.appId : appId, (label != null) ? label : this.label, this.salesforceUrl,
				this.externalCreatedAt, this.externalUpdatedAt, this.recordedAt, this.waitsFor, this.syncedIn);
	}

	/** The same record linked to the org it is in. */
	RecordView withInstance(@Nullable String instanceUrl) {
		String url = (instanceUrl != null && this.salesforceId != null && ID.matcher(this.salesforceId).matches())
				? instanceUrl.replaceAll("/+$", "") + "/" + this.salesforceId : null;
		return new RecordView(this.id, this.position, this.step, this.operation, this.outcome, this.status,
				this.message, this.explanation, this.detail, this.field, this.salesforceId, this.appId, this.label, url,
				this.externalCreatedAt, this.externalUpdatedAt, this.recordedAt, this.waitsFor, this.syncedIn);
	}

	/**
	 * The same skipped record as its wait for a parent stands: "Waiting" while later runs
	 * decide it again, synced in a later run, or skipped (no wait) once the wait is over.
	 */
	RecordView withWait(@Nullable String state, @Nullable Long resolvedIn) {
		boolean waiting = "WAITING".equals(state);
		return new RecordView(this.id, this.position, this.step, this.operation, this.outcome,
				waiting ? "Waiting" : this.status, this.message, this.explanation, this.detail, this.field,
				this.salesforceId, this.appId, this.label, this.salesforceUrl, this.externalCreatedAt,
				this.externalUpdatedAt, this.recordedAt, waiting ? this.waitsFor : null,
				(!waiting && "RESOLVED".equals(state)) ? resolvedIn : null);
	}

}
