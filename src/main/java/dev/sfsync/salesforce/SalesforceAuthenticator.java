package dev.sfsync.salesforce;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Signs in to Salesforce's OAuth 2.0 token endpoint with a connection's login. A refusal
 * ({@code invalid_grant}, {@code invalid_client}) fails the run as an authentication
 * failure, and so does a login URL that is not an allowed login server, checked before
 * every sign-in so that no secret is sent anywhere else.
 */
public final class SalesforceAuthenticator {

	private static final Log logger = LogFactory.getLog(SalesforceAuthenticator.class);

	private final RestClient http;

	private final Clock clock;

	private final LoginUrls loginUrls;

	private final JsonMapper json;

	/**
	 * An authenticator that signs in at any login URL: for tests that talk to an emulator
	 * directly. The application's signs in only at {@link LoginUrls}' servers.
	 */
	public SalesforceAuthenticator(RestClient.Builder builder, Clock clock, JsonMapper json) {
		this(builder, clock, LoginUrls.any(), json);
	}

	public SalesforceAuthenticator(RestClient.Builder builder, Clock clock, LoginUrls loginUrls, JsonMapper json) {
		this.http = builder.build();
		this.clock = clock;
		this.loginUrls = loginUrls;
		this.json = json;
	}

	/** The clock sessions tell token and usage ages by. */
	Clock clock() {
		return this.clock;
	}

	public AccessToken login(SalesforceLogin login) {
		return token(tokenEndpoint(login));
	}

	/**
	 * The web-server flow's last step: trades the code Salesforce sent to the callback
	 * for a session and a refresh token, which the connection keeps.
	 */
	public Authorized authorize(SalesforceLogin.AuthorizationCode code) {
		JsonNode body = tokenEndpoint(code);
		if (!body.path("refresh_token").isString()) {
			throw new SalesforceException(
					"Salesforce granted no refresh token: the connected app needs the"
							+ " refresh_token (offline access) scope",
					200, List.of(), SalesforceException.Handling.RUN,
					dev.sfsync.outcome.RunFailureCause.AUTHENTICATION_FAILURE);
		}
		return new Authorized(token(body), body.path("refresh_token").asString());
	}

	/** What the web-server flow granted: a session, and a refresh token for the next. */
	public record Authorized(AccessToken token, String refreshToken) {

		@Override
		public String toString() {
			return "Authorized[instanceUrl=" + this.token.instanceUrl() + ", refreshToken=(hidden)]";
		}

	}

	/**
	 * Posts a login's grant to its token endpoint, after checking the login URL, and
	 * answers the endpoint's JSON.
	 */
	private JsonNode tokenEndpoint(SalesforceLogin login) {
		this.loginUrls.check(login);
		TokenRequestForm form = new TokenRequestForm();
		if (login instanceof SalesforceLogin.JwtBearer jwt) {
			form.add("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer").add("assertion", assertion(jwt));
		}
		else if (login instanceof SalesforceLogin.RefreshToken refresh) {
			form.add("grant_type", "refresh_token").add("client_id", refresh.clientId());
			if (refresh.clientSecret() != null) {
				form.add("client_secret", refresh.clientSecret());
			}
			form.add("refresh_token", refresh.refreshToken());
		}
		else if (login instanceof SalesforceLogin.AuthorizationCode code) {
			form.add("grant_type", "authorization_code")
				.add("client_id", code.clientId())
				.add("client_secret", code.clientSecret())
				.add("code", code.code())
				.add("redirect_uri", code.redirectUri());
		}
		else if (login instanceof SalesforceLogin.UsernamePassword password) {
			form.add("grant_type", "password")
				.add("client_id", password.clientId())
				.add("client_secret", password.clientSecret())
				.add("username", password.username())
				.add("password", password.password());
		}
		String url = login.loginUrl().replaceAll("/+$", "") + "/services/oauth2/token";
		if (logger.isDebugEnabled()) {
			logger.debug("Signing in to Salesforce at " + url + " with " + form);
		}
		try {
			return this.http.post()
				.uri(url)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				// Written as it is: RestClient does not log a streamed body.
				.body(form)
				.exchange((request, response) -> {
					String body = new String(response.getBody().readAllBytes(),
							java.nio.charset.StandardCharsets.UTF_8);
					int status = response.getStatusCode().value();
					String contentType = (response.getHeaders().getContentType() != null)
							? response.getHeaders().getContentType().toString() : null;
					if (status != 200) {
						SalesforceException failure = SalesforceErrors.from(this.json, "login", status, contentType,
								body, false);
						if (status < 500) {
							// Every refusal of a login is the connection's, not a passing
							// fault.
							throw new SalesforceException(failure.getMessage(), status, failure.errors(),
									SalesforceException.Handling.RUN,
									dev.sfsync.outcome.RunFailureCause.AUTHENTICATION_FAILURE);
						}
						throw failure;
					}
					return parsed(body);
				});
		}
		catch (ResourceAccessException ex) {
			throw SalesforceErrors.noResponse("login at " + login.loginUrl(), ex);
		}
	}

	private JsonNode parsed(String body) {
		try {
			return this.json.readTree(body);
		}
		catch (JacksonException ex) {
			return MissingNode.getInstance();
		}
	}

	/**
	 * The session a successful sign-in answered. A body that is not one fails without
	 * quoting it: it may hold the token.
	 */
	private AccessToken token(JsonNode token) {
		if (!token.path("access_token").isString() || !token.path("instance_url").isString()) {
			throw new SalesforceException(
					"Salesforce login answered HTTP 200 without an access token and instance URL in JSON", 200,
					List.of(), SalesforceException.Handling.RUN, dev.sfsync.outcome.RunFailureCause.UNKNOWN_ERROR);
		}
		return new AccessToken(token.path("access_token").asString(), token.path("instance_url").asString(),
				Instant.ofEpochMilli(token.path("issued_at").asLong(this.clock.millis())));
	}

	private String assertion(SalesforceLogin.JwtBearer jwt) {
		try {
			Instant now = this.clock.instant();
			SignedJWT assertion = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256),
					new JWTClaimsSet.Builder().issuer(jwt.clientId())
						.subject(jwt.username())
						.audience((jwt.audience() != null) ? jwt.audience() : jwt.loginUrl())
						.expirationTime(Date.from(now.plusSeconds(150)))
						.build());
			assertion.sign(new RSASSASigner(privateKey(jwt.privateKeyPem())));
			return assertion.serialize();
		}
		catch (JOSEException | GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("The jwt-bearer login's privateKey is not a PKCS#8 RSA private key in"
					+ " PEM (-----BEGIN PRIVATE KEY-----): " + ex.getClass().getSimpleName());
		}
	}

	private static RSAPrivateKey privateKey(String pem) throws GeneralSecurityException {
		String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
		return (RSAPrivateKey) KeyFactory.getInstance("RSA")
			.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
	}

}
