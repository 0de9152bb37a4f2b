package dev.sfsync.outcome;

import dev.sfsync.catalog.Direction;
import org.jspecify.annotations.Nullable;

/**
 * The record outcome catalog: why a record was skipped or failed, with the exact message
 * and explanation users see in sync activity (from the "Sync activity" help page, plus
 * Marketo's "no changes to fields of interest").
 */
public enum OutcomeReason {

	MISSING_EMAIL_ADDRESS(Direction.INBOUND, RecordOutcome.SKIPPED, "Missing email address",
			"The Lead or Contact has no email address. Contacts in the app must have an email address."),
	INVALID_EMAIL_ADDRESS(Direction.INBOUND, RecordOutcome.SKIPPED, "Invalid email address",
			"The Lead or Contact has an invalid email address (for example, it contains invalid characters)."),
	LEAD_ALREADY_CONVERTED(Direction.INBOUND, RecordOutcome.SKIPPED, "Lead already converted",
			"This Lead has been converted to a Contact in Salesforce."),
	DO_NOT_SYNC(Direction.INBOUND, RecordOutcome.SKIPPED, "Do not sync",
			"The record is flagged to not sync into the app (for example, excluded by sync rules)."),
	MISSING_EXTERNAL_ID(Direction.INBOUND, RecordOutcome.SKIPPED, "Missing external ID",
			"The record has no Salesforce ID."),
	OUTDATED_RECORD(Direction.INBOUND, RecordOutcome.SKIPPED, "Outdated record",
			"More recent data for this Salesforce ID has already been synced."),
	NO_ACCOUNT_ASSOCIATION(Direction.INBOUND, RecordOutcome.SKIPPED, "No account association",
			"The record could not be associated with an account in the app."),
	WRITE_MODE_MISMATCH(Direction.INBOUND, RecordOutcome.SKIPPED, "Write mode mismatch",
			"The record didn’t match the configured write mode (for example, update-only when no existing record was found)."),
	OPPORTUNITY_NOT_FOUND(Direction.INBOUND, RecordOutcome.SKIPPED, "Opportunity not found",
			"The associated opportunity does not exist in the app."),
	MISSING_IDENTIFIER(Direction.INBOUND, RecordOutcome.SKIPPED, "Missing identifier",
			"No email or user ID was provided to resolve a contact."),
	CONTACT_NOT_FOUND(Direction.INBOUND, RecordOutcome.SKIPPED, "Contact not found",
			"No contact matches the provided identifier."),
	CONFLICTING_IDENTIFIER(Direction.INBOUND, RecordOutcome.SKIPPED, "Conflicting identifier",
			"The provided identifiers resolved to different contacts (for example, a contact was found by email but has a different user ID)."),
	MISSING_EVENT_NAME(Direction.INBOUND, RecordOutcome.SKIPPED, "Missing event name",
			"A custom event has no event name."),
	NO_CHANGES_TO_FIELDS_OF_INTEREST(Direction.INBOUND, RecordOutcome.SKIPPED, "No changes to fields of interest",
			"None of the fields this sync maps changed, so there was nothing to update."),
	UNKNOWN_REASON(Direction.INBOUND, RecordOutcome.SKIPPED, "Unknown reason",
			"The record was skipped for an unknown reason."),

	MALFORMED_DATA(Direction.INBOUND, RecordOutcome.FAILED, "Malformed data",
			"The Salesforce record data was malformed or missing required fields and could not be processed."),
	FAILED_TO_ENCODE_DATA(Direction.INBOUND, RecordOutcome.FAILED, "Failed to encode data",
			"The record data could not be encoded for storage."),
	INVALID_TIMESTAMP(Direction.INBOUND, RecordOutcome.FAILED, "Invalid timestamp",
			"The record’s timestamp was missing or could not be read as a valid date."),
	INBOUND_UNKNOWN_ERROR(Direction.INBOUND, RecordOutcome.FAILED, "Unknown error",
			"An unexpected error occurred while processing the record."),

	OBJECT_WRITE_DISABLED(Direction.OUTBOUND, RecordOutcome.SKIPPED, "Object write disabled",
			"Writing to this Salesforce object type is turned off (for example, Write changes to Salesforce leads and contacts is off)."),
	NO_FIELDS_TO_UPDATE(Direction.OUTBOUND, RecordOutcome.SKIPPED, "No fields to update",
			"No fields were eligible to sync based on your field mapping and write rules."),

	INSUFFICIENT_PERMISSIONS(Direction.OUTBOUND, RecordOutcome.FAILED, "Insufficient permissions",
			"The integration user lacks permission to create or update this record (for example, due to sharing rules)."),
	REQUIRED_FIELD_MISSING(Direction.OUTBOUND, RecordOutcome.FAILED, "Required field missing",
			"A field required by Salesforce is empty in the app."),
	INVALID_PICKLIST_VALUE(Direction.OUTBOUND, RecordOutcome.FAILED, "Invalid picklist value",
			"A field value doesn’t exist in the Salesforce picklist."),
	FIELD_LENGTH_EXCEEDED(Direction.OUTBOUND, RecordOutcome.FAILED, "Field length exceeded",
			"A field value is longer than the Salesforce field allows."),
	VALIDATION_RULE_FAILURE(Direction.OUTBOUND, RecordOutcome.FAILED, "Validation rule failure",
			"A Salesforce validation rule rejected the record."),
	RECORD_LOCKED(Direction.OUTBOUND, RecordOutcome.FAILED, "Record locked",
			"Salesforce couldn’t lock the record for update, usually due to too many concurrent updates to the same record."),
	INVALID_CROSS_REFERENCE(Direction.OUTBOUND, RecordOutcome.FAILED, "Invalid cross reference",
			"The record references another record that’s invalid or doesn’t exist. Check that the referenced records exist."),
	DUPLICATE_RECORD(Direction.OUTBOUND, RecordOutcome.FAILED, "Duplicate record",
			"The record is a duplicate of an existing Salesforce record."),
	OUTBOUND_UNKNOWN_ERROR(Direction.OUTBOUND, RecordOutcome.FAILED, "Unknown error",
			"An unexpected error occurred while processing the record.");

	private final Direction direction;

	private final RecordOutcome outcome;

	private final String message;

	private final String explanation;

	OutcomeReason(Direction direction, RecordOutcome outcome, String message, String explanation) {
		this.direction = direction;
		this.outcome = outcome;
		this.message = message;
		this.explanation = explanation;
	}

	/** {@link Direction#INBOUND} covers backfills too. */
	public Direction direction() {
		return this.direction;
	}

	public RecordOutcome outcome() {
		return this.outcome;
	}

	/**
	 * The short message shown on the record, word for word from the product documents.
	 */
	public String message() {
		return this.message;
	}

	/** What the message means, in plain language. */
	public String explanation() {
		return this.explanation;
	}

	/**
	 * What a record skipped for this reason waits for, as the page says it ("its
	 * account"): a record it refers to that a later run may bring. Null for a reason that
	 * no later record changes.
	 */
	public @Nullable String waitsFor() {
		return switch (this) {
			case NO_ACCOUNT_ASSOCIATION -> "its account";
			case OPPORTUNITY_NOT_FOUND -> "its opportunity";
			case CONTACT_NOT_FOUND -> "its contact";
			default -> null;
		};
	}

}
