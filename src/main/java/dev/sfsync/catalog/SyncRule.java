package dev.sfsync.catalog;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The record rules an object type can opt into in {@code jobs/}. Each one produces a skip
 * reason of the record outcome catalog when it does not hold.
 */
public enum SyncRule {

	/** Skip Leads and Contacts without a valid email address. */
	REQUIRE_EMAIL("require-email"),

	/** Skip Leads that Salesforce has already converted. */
	SKIP_CONVERTED_LEADS("skip-converted-leads"),

	/** Apply the connection's sync rules (field filters): "Do not sync". */
	SYNC_FILTER("sync-filter"),

	/** Skip records whose stored SystemModstamp is newer: "Outdated record". */
	SKIP_OUTDATED("skip-outdated"),

	/**
	 * Skip records that cannot be associated with an account, when the connection
	 * requires it.
	 */
	REQUIRE_ACCOUNT("require-account"),

	/**
	 * Respect the connection's write mode: create-only, update-only or create-and-update.
	 */
	WRITE_MODE("write-mode"),

	/** Skip records whose opportunity is not in the app. */
	REQUIRE_OPPORTUNITY("require-opportunity"),

	/** Resolve the contact of a custom event by email and/or user id. */
	RESOLVE_CONTACT("resolve-contact"),

	/** Skip custom events without an event name. */
	REQUIRE_EVENT_NAME("require-event-name");

	/**
	 * The app column whose value {@link #RESOLVE_CONTACT} finds a contact by email with.
	 */
	public static final String CONTACT_EMAIL_COLUMN = "contact_email";

	/**
	 * The app column whose value {@link #RESOLVE_CONTACT} finds a contact by user id
	 * with.
	 */
	public static final String APP_USER_ID_COLUMN = "app_user_id";

	/** The app column {@link #REQUIRE_EVENT_NAME} requires a value in. */
	public static final String EVENT_NAME_COLUMN = "event_name";

	private final String id;

	SyncRule(String id) {
		this.id = id;
	}

	/**
	 * The Salesforce objects whose records this rule looks up in the app: an object type
	 * with the rule waits for their first syncs.
	 */
	public java.util.List<String> needs() {
		return switch (this) {
			case REQUIRE_ACCOUNT -> java.util.List.of("Account");
			case REQUIRE_OPPORTUNITY -> java.util.List.of("Opportunity");
			case RESOLVE_CONTACT -> java.util.List.of("Contact", "Lead");
			default -> java.util.List.of();
		};
	}

	@JsonValue
	public String id() {
		return this.id;
	}

}
