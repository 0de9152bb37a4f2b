package dev.sfsync.connection;

import org.jspecify.annotations.Nullable;

/**
 * What creating or updating a connection takes. Secrets come either inline (then stored
 * encrypted) or as a reference: {@code env:PREFIX} (variables
 * {@code PREFIX_CLIENT_SECRET}, {@code _PASSWORD}, {@code _REFRESH_TOKEN},
 * {@code _PRIVATE_KEY}) or {@code file:/dir} (a mounted Kubernetes Secret with files
 * {@code clientSecret}, {@code password}, {@code refreshToken}, {@code privateKey}).
 *
 * @param id the connection's id: lower-case letters, digits and dashes
 * @param name its display name
 * @param loginUrl the Salesforce login server
 * @param authFlow how it signs in
 * @param clientId the connected app's consumer key
 * @param username the integration user
 * @param credentials inline secrets, stored encrypted
 * @param credentialsRef where to read the secrets instead
 * @param apiVersion the REST API version, {@code v63.0} by default
 * @param settings its sync settings
 */
public record ConnectionRequest(String id, @Nullable String name, String loginUrl, AuthFlow authFlow, String clientId,
		@Nullable String username, @Nullable Credentials credentials, @Nullable String credentialsRef,
		@Nullable String apiVersion, @Nullable ConnectionSettings settings) {
}
