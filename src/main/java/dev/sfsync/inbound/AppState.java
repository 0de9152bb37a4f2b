package dev.sfsync.inbound;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the app already knows about a Salesforce record, found by the page enricher in one
 * query per page: the stored row, and the lookups the rules need. The inbound rules never
 * do I/O.
 *
 * @param appId the app row's id, null when the record is new to the app
 * @param storedModstamp the SystemModstamp the app row was written from
 * @param storedColumns the app row's mapped columns, to tell whether anything changed
 * @param accountKnown whether the record's account is in the app
 * @param opportunityKnown whether the record's opportunity is in the app
 * @param contactByEmail the app contact found by the record's email, if any
 * @param contactByUserId the app contact found by the record's user id, if any
 * @param deleted whether the app row is marked deleted
 * @param linkedContact Leads: the Salesforce Contact the app row is linked to, once the
 * Lead's conversion was applied
 * @param convertedContact Leads: the app contact synced from the Contact a converted Lead
 * became, when that Contact arrived in the app first
 * @param unlinked whether the app row was found by the external id sfsync created the
 * record with ({@code Sfsync_Id__c}), not by the record's Id: an app row whose outbound
 * create reached Salesforce but whose run died before it stored the Id
 * @param decided the last skip or failure of the record that a run recorded, or null
 */
public record AppState(@Nullable Long appId, @Nullable Instant storedModstamp,
		Map<String, @Nullable Object> storedColumns, boolean accountKnown, boolean opportunityKnown,
		@Nullable Long contactByEmail, @Nullable Long contactByUserId, boolean deleted, @Nullable String linkedContact,
		@Nullable Long convertedContact, boolean unlinked, @Nullable Decided decided) {

	/** A record the app has never seen, with nothing known around it. */
	public static final AppState NEW = new AppState(null, null, Map.of(), false, false, null, null, false, null, null,
			false, null);

	/**
	 * A run's last skip or failure of a record.
	 *
	 * @param reason the outcome reason's name
	 * @param modstamp the SystemModstamp of the version it decided on
	 */
	public record Decided(String reason, @Nullable Instant modstamp) {
	}

	public AppState(@Nullable Long appId, @Nullable Instant storedModstamp, Map<String, @Nullable Object> storedColumns,
			boolean accountKnown, boolean opportunityKnown, @Nullable Long contactByEmail,
			@Nullable Long contactByUserId, boolean deleted, @Nullable String linkedContact,
			@Nullable Long convertedContact) {
		this(appId, storedModstamp, storedColumns, accountKnown, opportunityKnown, contactByEmail, contactByUserId,
				deleted, linkedContact, convertedContact, false, null);
	}

	public AppState(@Nullable Long appId, @Nullable Instant storedModstamp, Map<String, @Nullable Object> storedColumns,
			boolean accountKnown, boolean opportunityKnown, @Nullable Long contactByEmail,
			@Nullable Long contactByUserId) {
		this(appId, storedModstamp, storedColumns, accountKnown, opportunityKnown, contactByEmail, contactByUserId,
				false, null, null, false, null);
	}

	public AppState {
		storedColumns = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(storedColumns));
	}

	public boolean exists() {
		return this.appId != null;
	}

	/**
	 * Whether the stored row was written from a newer version than {@code modstamp}.
	 * Compared to the second: MariaDB's Connector/J session drops fractions of a second
	 * (the server reports itself as 5.5.5), Salesforce keeps milliseconds.
	 */
	public boolean storedNewerThan(Instant modstamp) {
		return this.storedModstamp != null && seconds(this.storedModstamp).isAfter(seconds(modstamp));
	}

	/** Whether the stored row was written from {@code modstamp} or a newer version. */
	public boolean storedAtLeast(Instant modstamp) {
		return this.storedModstamp != null && !seconds(this.storedModstamp).isBefore(seconds(modstamp));
	}

	private static Instant seconds(Instant instant) {
		return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
	}

}
