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
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Salesforce's OAuth 2.0 token endpoint: the username-password flow (development only),
 * the refresh token flow and the JWT bearer flow, with Salesforce's success and error
 * shapes.
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

	@PostMapping(path = "/services/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<Map<String, Object>> token(@RequestParam MultiValueMap<String, String> form,
			HttpServletRequest request) {
		String grantType = form.getFirst("grant_type");
		if (grantType == null) {
			return error(HttpStatus.BAD_REQUEST, "unsupported_grant_type", "grant type not supported");
		}
		return switch (grantType) {
			case "password" -> password(form, request);
			case "refresh_token" -> refreshToken(form, request);
			case JWT_BEARER -> jwtBearer(form, request);
			default -> error(HttpStatus.BAD_REQUEST, "unsupported_grant_type", "grant type not supported");
		};
	}

	private ResponseEntity<Map<String, Object>> password(MultiValueMap<String, String> form,
			HttpServletRequest request) {
		String clientId = form.getFirst("client_id");
		Org org = (clientId != null) ? this.orgs.byConsumerKey(clientId).orElse(null) : null;
		if (org == null) {
			return error(HttpStatus.BAD_REQUEST, "invalid_client_id", "client identifier invalid");
		}
		ConnectedApp app = org.app(clientId).orElseThrow();
		if (!app.consumerSecret().equals(form.getFirst("client_secret"))) {
			return error(HttpStatus.BAD_REQUEST, "invalid_client", "invalid client credentials");
		}
		String username = form.getFirst("username");
		OrgUser user = (username != null) ? org.user(username).orElse(null) : null;
		if (user == null || !user.password().equals(form.getFirst("password"))) {
			return error(HttpStatus.BAD_REQUEST, "invalid_grant", "authentication failure");
		}
		return success(new Sessions.Grant(org.id(), user.id(), app.consumerKey()), app, null, request);
	}

	private ResponseEntity<Map<String, Object>> refreshToken(MultiValueMap<String, String> form,
			HttpServletRequest request) {
		String clientId = form.getFirst("client_id");
		Org org = (clientId != null) ? this.orgs.byConsumerKey(clientId).orElse(null) : null;
		if (org == null) {
			return error(HttpStatus.BAD_REQUEST, "invalid_client_id", "client identifier invalid");
		}
		ConnectedApp app = org.app(clientId).orElseThrow();
		String secret = form.getFirst("client_secret");
		if (secret != null && !app.consumerSecret().equals(secret)) {
			return error(HttpStatus.BAD_REQUEST, "invalid_client", "invalid client credentials");
		}
		String refreshToken = form.getFirst("refresh_token");
		Sessions.Grant grant = (refreshToken != null) ? this.sessions.refresh(refreshToken).orElse(null) : null;
		if (grant == null || !grant.consumerKey().equals(clientId)) {
			return error(HttpStatus.BAD_REQUEST, "invalid_grant", "expired access/refresh token");
		}
		return success(grant, app, null, request);
	}

	private ResponseEntity<Map<String, Object>> jwtBearer(MultiValueMap<String, String> form,
			HttpServletRequest request) {
		SignedJWT jwt;
		JWTClaimsSet claims;
		try {
			jwt = SignedJWT.parse(String.valueOf(form.getFirst("assertion")));
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

	private ResponseEntity<Map<String, Object>> success(Sessions.Grant grant, ConnectedApp app, @Nullable String scope,
			HttpServletRequest request) {
		Sessions.Session session = this.sessions.open(grant);
		String base = baseUrl(request);
		String id = base + "/id/" + grant.orgId() + "/" + grant.userId();
		String issuedAt = Long.toString(session.issuedAt().toEpochMilli());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", session.accessToken());
		if (scope != null) {
			body.put("scope", scope);
		}
		body.put("instance_url", base);
		body.put("id", id);
		body.put("token_type", "Bearer");
		body.put("issued_at", issuedAt);
		body.put("signature", sign(id + issuedAt, app.consumerSecret()));
		return ResponseEntity.ok(body);
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

	private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String error, String description) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("error_description", description);
		return ResponseEntity.status(status).body(body);
	}

}
