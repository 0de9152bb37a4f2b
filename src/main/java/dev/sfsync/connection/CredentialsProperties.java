package dev.sfsync.connection;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key that encrypts stored credentials, and where referenced credentials may be read
 * from.
 *
 * @param key a base64 AES key of 32 bytes (for example {@code openssl rand -base64 32}),
 * from the environment ({@code SFSYNC_CREDENTIALS_KEY}) or a Kubernetes Secret
 * @param allowedRoots where a {@code credentialsRef} may point: {@code file:/dir/} roots
 * (a reference names a folder inside one) and {@code env:PREFIX} prefixes (a reference's
 * prefix starts with one); by default the Secrets mounted under
 * {@code /var/run/secrets/sfsync/} and the variables {@code SFSYNC_CONNECTION_*}
 */
@ConfigurationProperties("sfsync.credentials")
public record CredentialsProperties(@Nullable String key, @DefaultValue( {
		"file:/var/run/secrets/sfsync/", "env:SFSYNC_CONNECTION_" }) List<String> allowedRoots){

	public CredentialsProperties {
		allowedRoots = List.copyOf(allowedRoots);
		// Fails startup with the key and the entry when one is not a root.
		SecretRoots.of(allowedRoots);
	}

	@Override
	public String toString() {
		return "CredentialsProperties[key=(hidden), allowedRoots=" + this.allowedRoots + "]";
	}

}
