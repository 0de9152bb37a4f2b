package dev.sfsync.inbound;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A converted Lead whose app contact is not linked to its Contact yet.
 *
 * @param leadId the Lead's Salesforce Id
 * @param contactId the Salesforce Id of the Contact it was converted into
 * @param leadRowId the app contact synced from the Lead, null when there is none
 * @param contactRowId the app contact synced from the Contact, when it arrived first
 * @param linked whether the Lead's app contact already points at the Contact
 * @param createdAt the Lead's CreatedDate
 * @param modstamp the Lead's SystemModstamp
 */
record LeadConversion(String leadId, @Nullable String contactId, @Nullable Long leadRowId, @Nullable Long contactRowId,
		boolean linked, @Nullable Instant createdAt, @Nullable Instant modstamp) {

	/** Whether there is anything to re-link. */
	boolean pending() {
		return this.leadRowId != null && this.contactId != null && !this.linked;
	}

}
