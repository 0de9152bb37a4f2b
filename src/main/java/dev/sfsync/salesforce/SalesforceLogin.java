package dev.sfsync.salesforce;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How a connection signs in to its org: the JWT bearer flow (production), the refresh
 * token flow, or username and password (development only). Each flow checks that it has
 * the fields it needs and names the missing ones. No {@code toString()} shows a secret.
 */
public sealed interface SalesforceLogin permits SalesforceLogin.JwtBearer, SalesforceLogin.RefreshToken,
		SalesforceLogin.UsernamePassword, SalesforceLogin.AuthorizationCode {

	/**
	 * The login server, for example {@code https://login.salesforce.com} or the
	 * emulator's URL.
	 */
	String loginUrl();

	/** The connected app's consumer key. */
	String clientId();

	/**
	 * JWT bearer: an assertion signed with the connected app's private key.
	 *
	 * @param loginUrl the login server
	 * @param clientId the consumer key ({@code iss})
	 * @param username the integration user ({@code sub})
	 * @param privateKeyPem the PKCS#8 private key, PEM
	 * @param audience the {@code aud} claim; the login URL when null
	 */
	record JwtBearer(String loginUrl, String clientId, String username, String privateKeyPem,
			@Nullable String audience) implements SalesforceLogin {

		public JwtBearer {
			require("jwt-bearer", "loginUrl", loginUrl, "clientId", clientId, "username", username, "privateKey",
					privateKeyPem);
		}

		@Override
		public String toString() {
			return "JwtBearer[loginUrl=" + this.loginUrl + ", clientId=" + this.clientId + ", username=" + this.username
					+ ", privateKey=(hidden)]";
		}

	}

	/**
	 * Refresh token: a token the user granted through the web flow.
	 *
	 * @param loginUrl the login server
	 * @param clientId the consumer key
	 * @param clientSecret the consumer secret, when the app requires it
	 * @param refreshToken the refresh token
	 */
	record RefreshToken(String loginUrl, String clientId, @Nullable String clientSecret,
			String refreshToken) implements SalesforceLogin {

		public RefreshToken {
			require("refresh-token", "loginUrl", loginUrl, "clientId", clientId, "refreshToken", refreshToken);
		}

		@Override
		public String toString() {
			return "RefreshToken[loginUrl=" + this.loginUrl + ", clientId=" + this.clientId
					+ ", clientSecret=(hidden), refreshToken=(hidden)]";
		}

	}

	/**
	 * Username and password, for development against the emulator or a sandbox.
	 *
	 * @param loginUrl the login server
	 * @param clientId the consumer key
	 * @param clientSecret the consumer secret
	 * @param username the user
	 * @param password the password (with the security token appended, on a real org)
	 */
	record UsernamePassword(String loginUrl, String clientId, String clientSecret, String username,
			String password) implements SalesforceLogin {

		public UsernamePassword {
			require("username-password", "loginUrl", loginUrl, "clientId", clientId, "clientSecret", clientSecret,
					"username", username, "password", password);
		}

		@Override
		public String toString() {
			return "UsernamePassword[loginUrl=" + this.loginUrl + ", clientId=" + this.clientId + ", username="
					+ this.username + ", clientSecret=(hidden), password=(hidden)]";
		}

	}

	/**
	 * The web-server flow's code: the user signed in at Salesforce and allowed the app,
	 * which trades the code for an access and a refresh token.
	 *
	 * @param loginUrl the login server the user signed in at
	 * @param clientId the consumer key
	 * @param clientSecret the consumer secret
	 * @param code the authorization code Salesforce sent to the callback
	 * @param redirectUri the callback the code was sent to
	 */
	record AuthorizationCode(String loginUrl, String clientId, String clientSecret, String code,
			String redirectUri) implements SalesforceLogin {

		public AuthorizationCode {
			require("web-server", "loginUrl", loginUrl, "clientId", clientId, "clientSecret", clientSecret, "code",
					code, "redirectUri", redirectUri);
		}

		@Override
		public String toString() {
			return "AuthorizationCode[loginUrl=" + this.loginUrl + ", clientId=" + this.clientId + ", redirectUri="
					+ this.redirectUri + ", clientSecret=(hidden), code=(hidden)]";
		}

	}

	private static void require(String flow, @Nullable String... namesAndValues) {
		List<String> names = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			names.add(namesAndValues[i]);
			String value = namesAndValues[i + 1];
			if (value == null || value.isBlank()) {
				missing.add(namesAndValues[i]);
			}
		}
		if (!missing.isEmpty()) {
			throw new MissingLoginFieldsException(flow, names, missing);
		}
	}

}
