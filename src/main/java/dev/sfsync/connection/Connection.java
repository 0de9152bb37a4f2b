package dev.sfsync.connection;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A connection as the API shows it: everything but its secrets.
 *
 * @param id the connection's id (the tenant)
 * @param name its display name
 * @param enabled false when paused: no run starts for it
 * @param loginUrl the Salesforce login server
 * @param authFlow how it signs in
 * @param clientId the connected app's consumer key
 * @param username the integration user
 * @param credentials where its secrets are: {@code stored (encrypted)}, a Secret
 * reference, or {@code none}
 * @param apiVersion the REST API version it calls
 * @param settings its sync settings
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param instanceUrl the org's instance URL, as Salesforce gave it at the last sign-in,
 * or null before the first
 * @param signedInAt when it last signed in, or null
 * @param signInRefusedAt when Salesforce last refused its sign-in, or null
 * @param signInRefusal what Salesforce said then, or null
 */
public record Connection(String id, String name, boolean enabled, @Nullable String loginUrl,
		@Nullable AuthFlow authFlow, @Nullable String clientId, @Nullable String username, String credentials,
		String apiVersion, ConnectionSettings settings, Instant createdAt, Instant updatedAt,
		@Nullable String instanceUrl, @Nullable Instant signedInAt, @Nullable Instant signInRefusedAt,
		@Nullable String signInRefusal) {

	/**
	 * Whether Salesforce refused its last sign-in: it needs reconnecting (new
	 * credentials, or the integration user made able to sign in again, then Reconnect).
	 */
	public boolean needsReconnect() {
		return this.signInRefusedAt != null
				&& (this.signedInAt == null || this.signInRefusedAt.isAfter(this.signedInAt));
	}

}
