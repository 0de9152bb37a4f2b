package dev.sfsync.connection;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The key that encrypts stored credentials.
 *
 * @param key a base64 AES key of 32 bytes (for example {@code openssl rand -base64 32}),
 * from the environment ({@code SFSYNC_CREDENTIALS_KEY}) or a Kubernetes Secret
 */
@ConfigurationProperties("sfsync.credentials")
public record CredentialsProperties(@Nullable String key) {

	@Override
	public String toString() {
		return "CredentialsProperties[key=(hidden)]";
	}

}
