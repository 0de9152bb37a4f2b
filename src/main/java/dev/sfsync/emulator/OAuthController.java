package dev.sfsync.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.bind.annotation.RestController;

/**
 * Salesforce's OAuth 2.0 endpoints: the token endpoint's username-password flow
 * (development only), refresh token flow, JWT bearer flow and the web-server flow's code
 * grant, and the web-server flow's sign-in and approval page, with Salesforce's success
 * and error shapes.
 */
@RestController
class OAuthController {

	static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	private static final Set<String> AUDIENCES = Set.of("https://login.salesforce.com", "https://test.salesforce.com");

	private final Orgs orgs;

	private final Sessions sessions;

	private final Clock clock;

	OAuthController(Orgs orgs, Sessions sessions, Clock clock) {
		this.orgs = orgs;
		this.sessions = sessions;
		this.clock = clock;
	}

	/**
	 * A successful sign-in, in Salesforce's shape. Spring MVC logs the bodies it writes
	 * with their {@code toString()}, which hides the token.
	 *
	 * @param accessToken the session's bearer token
	 * @param scope the granted scopes, for the JWT bearer flow
	 * @param instanceUrl where the org's API is
	 * @param id the identity URL
	 * @param tokenType always {@code Bearer}
	 * @param issuedAt when, in epoch milliseconds
	 * @param signature the HMAC-SHA256 of id and issuedAt under the consumer secret
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Granted(@JsonProperty("access_token") String accessToken,
			@JsonProperty("refresh_token") @Nullable String refreshToken, @Nullable String scope,
			@JsonProperty("instance_url") String instanceUrl, String id, @JsonProperty("token_type") String tokenType,
			@JsonProperty("issued_at") String issuedAt, String signature) {

		@Override
		public String toString() {
			return "Granted[instanceUrl=" + this.instanceUrl + ", id=" + this.id + ", issuedAt=" + this.issuedAt
					+ ", accessToken=(hidden)]";
		}

	}

	/**
	 * The form is read from the request, not bound to an argument: Spring MVC logs a
	 * handler's arguments at TRACE, and this form carries the secrets.
	 */
	@PostMapping(path = "/services/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<?> token(HttpServletRequest request) {
		String grantType = request.getParameter("grant_type");
		if (grantType == null) {
			return error(HttpStatus.BAD_REQUEST, "unsupported_grant_type", "grant type not supported");
		}
		try {
			return switch (grantType) {
				case "password" -> password(request);
				case "refresh_token" -> refreshToken(request);
				case "authorization_code" -> authorizationCode(request);
				case JWT_BEARER -> jwtBearer(request);
				default -> error(HttpStatus.BAD_REQUEST, "unsupported_grant_type", "grant type not supported");
			};
		}
		catch (Refused ex) {
			return ex.answer;
		}
	}

	/** A connected app of an org, as a token request names it. */
	private record Client(Org org, ConnectedApp app) {
	}

	/** A token request refused, with Salesforce's answer. */
	private static final class Refused extends RuntimeException {

		private final transient ResponseEntity<?> answer;

		Refused(ResponseEntity<?> answer) {
			super(null, null, false, false);
			this.answer = answer;
		}

	}

	/**
	 * The request's connected app ({@code client_id}), checked against its consumer
	 * secret when the grant needs one or the request gives one.
	 * @throws Refused Salesforce's {@code invalid_client_id} or {@code invalid_client}
	 */
	private Client client(HttpServletRequest request, boolean secretRequired) {
		String clientId = request.getParameter("client_id");
		Org org = (clientId != null) ? this.orgs.byConsumerKey(clientId).orElse(null) : null;
		if (org == null) {
			throw new Refused(error(HttpStatus.BAD_REQUEST, "invalid_client_id", "client identifier invalid"));
		}
		ConnectedApp app = org.app(clientId).orElseThrow();
		String secret = request.getParameter("client_secret");
		if ((secretRequired || secret != null) && !app.consumerSecret().equals(secret)) {
			throw new Refused(error(HttpStatus.BAD_REQUEST, "invalid_client", "invalid client credentials"));
		}
		return new Client(org, app);
	}

	private ResponseEntity<?> password(HttpServletRequest request) {
		Client client = client(request, true);
		Org org = client.org();
		ConnectedApp app = client.app();
		String username = request.getParameter("username");
		OrgUser user = (username != null) ? org.user(username).orElse(null) : null;
		if (user == null || !user.password().equals(request.getParameter("password"))) {
			return error(HttpStatus.BAD_REQUEST, "invalid_grant", "authentication failure");
		}
		return success(new Sessions.Grant(org.id(), user.id(), app.consumerKey()), app, null, request);
	}

	/**
	 * The web-server flow's first step: Salesforce's sign-in page, where the user signs
	 * in and allows the app, then goes back to the app's callback with a code and the
	 * app's state.
	 */
	@GetMapping(path = "/services/oauth2/authorize", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> authorize(@RequestParam(name = "response_type", required = false) @Nullable String type,
			@RequestParam(name = "client_id", required = false) @Nullable String clientId,
			@RequestParam(name = "redirect_uri", required = false) @Nullable String redirectUri,
			@RequestParam(required = false) @Nullable String state) {
		String refused = refusal(type, clientId, redirectUri);
		if (refused != null) {
			return ResponseEntity.badRequest().contentType(MediaType.TEXT_HTML).body(page(refused, null, null, null));
		}
		return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(page(null, clientId, redirectUri, state));
	}

	/**
	 * The sign-in page's form: a user of the app's org with the right password allows the
	 * app, and goes back to its callback with a code.
	 */
	@PostMapping(path = "/services/oauth2/authorize", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<String> approve(HttpServletRequest request) {
		String clientId = request.getParameter("client_id");
		String redirectUri = request.getParameter("redirect_uri");
		String state = request.getParameter("state");
		String refused = refusal("code", clientId, redirectUri);
		if (refused != null) {
			return ResponseEntity.badRequest().contentType(MediaType.TEXT_HTML).body(page(refused, null, null, null));
		}
		Org org = this.orgs.byConsumerKey(clientId).orElseThrow();
		String username = request.getParameter("username");
		OrgUser user = (username != null) ? org.user(username).orElse(null) : null;
		if (user == null || !user.password().equals(request.getParameter("password"))) {
			return ResponseEntity.ok()
				.contentType(MediaType.TEXT_HTML)
				.body(page("Please check your username and password.", clientId, redirectUri, state));
		}
		String code = this.sessions.authorizationCode(new Sessions.Grant(org.id(), user.id(), clientId), redirectUri);
		UriComponentsBuilder back = UriComponentsBuilder.fromUriString(redirectUri).queryParam("code", code);
		if (state != null) {
			back.queryParam("state", state);
		}
		return ResponseEntity.status(HttpStatus.FOUND).location(back.encode().build().toUri()).build();
	}

	/** Why an authorize request is refused, or null. */
	private @Nullable String refusal(@Nullable String type, @Nullable String clientId, @Nullable String redirectUri) {
		if (!"code".equals(type)) {
			return "unsupported_response_type: only response_type=code is supported";
		}
		if (clientId == null || this.orgs.byConsumerKey(clientId).isEmpty()) {
			return "invalid_client_id: client identifier invalid";
		}
		if (redirectUri == null || !redirectUri.matches("https?://[^\\s?#]+")) {
			return "redirect_uri_mismatch: redirect_uri must be an http(s) URL";
		}
		return null;
	}

	/** The sign-in page, every value escaped. */
	private static String page(@Nullable String message, @Nullable String clientId, @Nullable String redirectUri,
			@Nullable String state) {
		StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
				+ "<title>Login | Salesforce (emulator)</title></head><body><main><h1>Salesforce (emulator)</h1>");
		if (message != null) {
			html.append("<p id=\"error\" role=\"alert\">").append(HtmlUtils.htmlEscape(message)).append("</p>");
		}
		if (clientId != null && redirectUri != null) {
			html.append("<form method=\"post\" action=\"/services/oauth2/authorize\">")
				.append(hidden("response_type", "code"))
				.append(hidden("client_id", clientId))
				.append(hidden("redirect_uri", redirectUri))
				.append((state != null) ? hidden("state", state) : "")
				.append("<p><label>Username <input id=\"username\" name=\"username\" autocomplete=\"username\"></label></p>")
				.append("<p><label>Password <input id=\"password\" name=\"password\" type=\"password\"")
				.append(" autocomplete=\"current-password\"></label></p>")
				.append("<p>Signing in allows the app to access your data.</p>")
				.append("<p><button id=\"allow\" type=\"submit\">Log In and Allow</button></p></form>");
		}
		return html.append("</main></body></html>").toString();
	}

	private static String hidden(String name, String value) {
		return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + HtmlUtils.htmlEscape(value) + "\">";
	}

	/** The web-server flow's second step: the app trades the code for its tokens. */
	private ResponseEntity<?> authorizationCode(HttpServletRequest request) {
		ConnectedApp app = client(request, true).app();
		String code = request.getParameter("code");
		String redirectUri = request.getParameter("redirect_uri");
		Sessions.Grant grant = (code != null && redirectUri != null)
				? this.sessions.redeem(code, app.consumerKey(), redirectUri).orElse(null) : null;
		if (grant == null) {
			return error(HttpStatus.BAD_REQUEST, "invalid_grant", "invalid authorization code");
		}
		return success(grant, app, "api refresh_token", request, this.sessions.refreshTokenFor(grant));
	}

	private ResponseEntity<?> refreshToken(HttpServletRequest request) {
		ConnectedApp app = client(request, false).app();
		String refreshToken = request.getParameter("refresh_token");
		Sessions.Grant grant = (refreshToken != null) ? this.sessions.refresh(refreshToken).orElse(null) : null;
		if (grant == null || !grant.consumerKey().equals(app.consumerKey())) {
			return error(HttpStatus.BAD_REQUEST, "invalid_grant", "expired access/refresh token");
		}
		return success(grant, app, null, request);
	}

	private ResponseEntity<?> jwtBearer(HttpServletRequest request) {
		SignedJWT jwt;
		JWTClaimsSet claims;
		try {
			jwt = SignedJWT.parse(String.valueOf(request.getParameter("assertion")));
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			return error(HttpStatus.BAD_REQUEST, "invalid_grant", "invalid assertion");
		}
		String issuer = claims.getIssuer();
		Org org = (issuer != null) ? this.orgs.byConsumerKey(issuer).orElse(null) : null;
		if (org == null) {
			return error(HttpStatus.BAD_REQUEST, "invalid_client_id", "client identifier invalid");
		}
		ConnectedApp app = org.app(issuer).orElseThrow();
		if (app.publicKey() == null || !JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
				|| !verifies(jwt, app)) {
			return error(HttpStatus.BAD_REQUEST, "invalid_grant", "invalid assertion");
		}
		List<String> audience = claims.getAudience();
		String self = baseUrl(request);
		if (audience.isEmpty() || audience.stream().noneMatch((aud) -> AUDIENCES.contains(aud) || aud.equals(self))) {
			return error(HttpStatus.BAD_REQUEST, "invalid_grant", "audience is invalid");
		}
		Date expiry = claims.getExpirationTime();
		Instant now = this.clock.instant();
		if (expiry == null || expiry.toInstant().isBefore(now) || expiry.toInstant().isAfter(now.plusSeconds(5 * 60))) {
			return error(HttpStatus.BAD_REQUEST, "invalid_grant", "expired authorization code");
		}
		String subject = (claims.getClaim("prn") instanceof String prn) ? prn : claims.getSubject();
		OrgUser user = (subject != null) ? org.user(subject).orElse(null) : null;
		if (user == null) {
			return error(HttpStatus.BAD_REQUEST, "invalid_grant", "user hasn't approved this consumer");
		}
		return success(new Sessions.Grant(org.id(), user.id(), app.consumerKey()), app, "id full api", request);
	}

	private boolean verifies(SignedJWT jwt, ConnectedApp app) {
		try {
			return jwt.verify(new RSASSAVerifier(app.publicKey()));
		}
		catch (JOSEException ex) {
			return false;
		}
	}

	private ResponseEntity<?> success(Sessions.Grant grant, ConnectedApp app, @Nullable String scope,
			HttpServletRequest request) {
		return success(grant, app, scope, request, null);
	}

	private ResponseEntity<?> success(Sessions.Grant grant, ConnectedApp app, @Nullable String scope,
			HttpServletRequest request, @Nullable String refreshToken) {
		Sessions.Session session = this.sessions.open(grant);
		String base = baseUrl(request);
		String id = base + "/id/" + grant.orgId() + "/" + grant.userId();
		String issuedAt = Long.toString(session.issuedAt().toEpochMilli());
		return ResponseEntity.ok(new Granted(session.accessToken(), refreshToken, scope, base, id, "Bearer", issuedAt,
				sign(id + issuedAt, app.consumerSecret())));
	}

	private static String sign(String data, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	static String baseUrl(HttpServletRequest request) {
		return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
	}

	private static ResponseEntity<?> error(HttpStatus status, String error, String description) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("error_description", description);
		return ResponseEntity.status(status).body(body);
	}

}
