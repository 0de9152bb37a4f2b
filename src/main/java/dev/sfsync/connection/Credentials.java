package dev.sfsync.connection;

import org.jspecify.annotations.Nullable;

/**
 * A connection's secrets: which ones a flow needs depends on the flow. Stored only
 * encrypted (or referenced from a Secret), never returned by the API, never shown by
 * {@code toString()}.
 *
 * @param clientSecret the connected app's consumer secret
 * @param password the integration user's password (username-password flow)
 * @param refreshToken the refresh token (refresh token flow)
 * @param privateKey the PKCS#8 PEM private key (JWT bearer flow)
 */
public record Credentials(@Nullable String clientSecret, @Nullable String password, @Nullable String refreshToken,
		@Nullable String privateKey) {

	@Override
	public String toString() {
		return "Credentials[(hidden)]";
	}

}
