package dev.sfsync.emulator;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import dev.sfsync.system.EmulatorAdmin;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** OAuth, sessions, versions, limits and error shapes of the emulator, over HTTP. */
class EmulatorAuthIntegrationTests extends EmulatorTestSupport {

	@Test
	void passwordFlowAnswersSalesforcesTokenShape() {
		EmulatorHttp.Response token = http
			.token(Map.of("grant_type", "password", "client_id", DemoSeed.CONSUMER_KEY, "client_secret",
					DemoSeed.CONSUMER_SECRET, "username", DemoSeed.USERNAME, "password", DemoSeed.PASSWORD));
		assertThat(token.status()).isEqualTo(200);
		JsonNode body = token.json();
		assertThat(body.propertyNames()).containsExactly("access_token", "instance_url", "id", "token_type",
				"issued_at", "signature");
		assertThat(body.get("access_token").asString()).matches("00D[0-9A-Za-z]{12}![0-9A-Za-z_-]{72}");
		assertThat(body.get("instance_url").asString()).isEqualTo(emulator.baseUrl());
		assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.get("issued_at").asString()).matches("\\d{13}");
		assertThat(body.get("id").asString()).matches(emulator.baseUrl() + "/id/00D\\w{15}/005\\w{15}");
	}

	@Test
	void wrongCredentialsGetSalesforcesOAuthErrors() {
		assertThat(http.token(Map.of("grant_type", "password", "client_id", "nope")).json().toString())
			.isEqualTo("{\"error\":\"invalid_client_id\",\"error_description\":\"client identifier invalid\"}");
		assertThat(http
			.token(Map.of("grant_type", "password", "client_id", DemoSeed.CONSUMER_KEY, "client_secret", "wrong",
					"username", DemoSeed.USERNAME, "password", DemoSeed.PASSWORD))
			.json()
			.toString())
			.isEqualTo("{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}");
		EmulatorHttp.Response badPassword = http
			.token(Map.of("grant_type", "password", "client_id", DemoSeed.CONSUMER_KEY, "client_secret",
					DemoSeed.CONSUMER_SECRET, "username", DemoSeed.USERNAME, "password", "wrong"));
		assertThat(badPassword.status()).isEqualTo(400);
		assertThat(badPassword.json().toString())
			.isEqualTo("{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}");
		assertThat(http.token(Map.of("grant_type", "client_magic")).json().get("error").asString())
			.isEqualTo("unsupported_grant_type");
	}

	@Test
	void refreshTokenFlowIssuesANewSessionAndRejectsUnknownTokens() {
		EmulatorAdmin.Org org = http.newOrg("Refresh Org");
		String refreshToken = http
			.admin("POST", "/emulator/orgs/" + org.id() + "/refresh-tokens",
					Map.of("username", org.username(), "consumerKey", org.consumerKey()))
			.json()
			.get("refresh_token")
			.asString();
		EmulatorHttp.Response refreshed = http.token(Map.of("grant_type", "refresh_token", "refresh_token",
				refreshToken, "client_id", org.consumerKey(), "client_secret", org.consumerSecret()));
		assertThat(refreshed.status()).isEqualTo(200);
		http.useToken(refreshed.json().get("access_token").asString());
		assertThat(http.get("/services/data/v63.0/limits").status()).isEqualTo(200);
		assertThat(http
			.token(Map.of("grant_type", "refresh_token", "refresh_token", "5Aepnope", "client_id", org.consumerKey()))
			.json()
			.toString())
			.isEqualTo("{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}");
	}

	@Test
	void jwtBearerFlowVerifiesSignatureIssuerAudienceAndExpiry() throws Exception {
		EmulatorAdmin.Org org = http.newOrg("JWT Org");
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair keys = generator.generateKeyPair();
		JsonNode app = http.admin("POST", "/emulator/orgs/" + org.id() + "/apps",
				Map.of("name", "jwt", "publicKey", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())))
			.json();
		String consumerKey = app.get("consumerKey").asString();
		Instant now = Instant.now();
		EmulatorHttp.Response ok = jwt(keys, consumerKey, org.username(), "https://login.salesforce.com",
				now.plusSeconds(120));
		assertThat(ok.status()).isEqualTo(200);
		assertThat(ok.json().get("scope").asString()).isEqualTo("id full api");

		KeyPair other = KeyPairGenerator.getInstance("RSA").generateKeyPair();
		assertThat(jwt(other, consumerKey, org.username(), "https://login.salesforce.com", now.plusSeconds(120)).json()
			.get("error_description")
			.asString()).isEqualTo("invalid assertion");
		assertThat(jwt(keys, "unknown", org.username(), "https://login.salesforce.com", now.plusSeconds(120)).json()
			.get("error")
			.asString()).isEqualTo("invalid_client_id");
		assertThat(jwt(keys, consumerKey, org.username(), "https://evil.example", now.plusSeconds(120)).json()
			.get("error_description")
			.asString()).isEqualTo("audience is invalid");
		assertThat(jwt(keys, consumerKey, org.username(), "https://login.salesforce.com", now.minusSeconds(10)).json()
			.get("error")
			.asString()).isEqualTo("invalid_grant");
		assertThat(
				jwt(keys, consumerKey, "nobody@example.com", "https://login.salesforce.com", now.plusSeconds(60)).json()
					.get("error_description")
					.asString())
			.isEqualTo("user hasn't approved this consumer");
	}

	@Test
	void unknownOrExpiredSessionsGet401InvalidSessionId() {
		EmulatorAdmin.Org org = http.newOrg("Session Org");
		assertThat(http.get("/services/data/v63.0/limits").status()).isEqualTo(200);
		http.admin("POST", "/emulator/orgs/" + org.id() + "/faults/expire-sessions", Map.of());
		EmulatorHttp.Response expired = http.get("/services/data/v63.0/limits");
		assertThat(expired.status()).isEqualTo(401);
		assertThat(expired.header("WWW-Authenticate")).isEqualTo("Token");
		assertThat(expired.body()).isEqualTo(
				"[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\",\"fields\":[]}]");
		http.useToken("00Dnope!nope");
		assertThat(http.get("/services/data/v63.0/limits").status()).isEqualTo(401);
	}

	@Test
	void versionsFrom50To65AreListedAndOthersAreNotFound() {
		JsonNode versions = http.get("/services/data").json();
		assertThat(versions).hasSize(16);
		assertThat(versions.get(0).toString())
			.isEqualTo("{\"label\":\"Winter '21\",\"url\":\"/services/data/v50.0\",\"version\":\"50.0\"}");
		assertThat(versions.get(13).toString())
			.isEqualTo("{\"label\":\"Spring '25\",\"url\":\"/services/data/v63.0\",\"version\":\"63.0\"}");
		http.newOrg("Version Org");
		assertThat(http.get("/services/data/v49.0/limits").status()).isEqualTo(404);
		assertThat(http.get("/services/data/v66.0/limits").json().get(0).get("errorCode").asString())
			.isEqualTo("NOT_FOUND");
		assertThat(http.get("/services/data/v50.0/limits").status()).isEqualTo(200);
	}

	@Test
	void everyCallCountsAgainstTheAllocationAndASpentAllocationIsRefused() {
		EmulatorAdmin.Org org = http.newOrg("Limits Org");
		EmulatorHttp.Response first = http.get("/services/data/v63.0/limits");
		assertThat(first.header("Sforce-Limit-Info")).isEqualTo("api-usage=1/100000");
		assertThat(first.json().get("DailyApiRequests").toString()).isEqualTo("{\"Max\":100000,\"Remaining\":99999}");
		assertThat(http.get("/services/data/v63.0/limits").header("Sforce-Limit-Info")).isEqualTo("api-usage=2/100000");
		assertThat(http.get("/services/data/v63.0/query?q=SELECT+Id+FROM+Account").header("Sforce-Limit-Info"))
			.isEqualTo("api-usage=3/100000");
		assertThat(http.admin("GET", "/emulator/orgs/" + org.id() + "/api-calls", null).json().toString())
			.as("calls by kind, and by object type for those that name one")
			.isEqualTo("{\"used\":3,\"max\":100000,\"byKind\":{\"limits\":2,\"query\":1},"
					+ "\"byObject\":{\"Account\":{\"query\":1}}}");
		http.admin("POST", "/emulator/orgs/" + org.id() + "/faults/exhaust-api", Map.of());
		EmulatorHttp.Response refused = http.get("/services/data/v63.0/limits");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).isEqualTo(
				"[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\",\"fields\":[]}]");
		assertThat(refused.header("Sforce-Limit-Info")).isEqualTo("api-usage=100000/100000");
		assertThat(emulator.bean(Orgs.class).find(org.id()).orElseThrow().requestsInFlight())
			.as("a refused request is not left in flight")
			.isZero();
	}

	@Test
	void aDisabledApiAndInjected503sUseSalesforcesShapes() {
		EmulatorAdmin.Org org = http.newOrg("Faults Org");
		http.admin("PUT", "/emulator/orgs/" + org.id() + "/faults", Map.of("unavailableRate", 1.0));
		EmulatorHttp.Response unavailable = http.get("/services/data/v63.0/limits");
		assertThat(unavailable.status()).isEqualTo(503);
		assertThat(unavailable.json().get(0).get("errorCode").asString()).isEqualTo("SERVER_UNAVAILABLE");
		http.admin("DELETE", "/emulator/orgs/" + org.id() + "/faults", null);
		http.admin("PUT", "/emulator/orgs/" + org.id() + "/api-enabled", Map.of("enabled", false));
		EmulatorHttp.Response disabled = http.get("/services/data/v63.0/limits");
		assertThat(disabled.status()).isEqualTo(403);
		assertThat(disabled.body()).isEqualTo("[{\"message\":\"The REST API is not enabled for this Organization.\","
				+ "\"errorCode\":\"API_DISABLED_FOR_ORG\",\"fields\":[]}]");
	}

	@Test
	void theConcurrentLongRunningRequestLimitRefusesAnotherRequest() throws Exception {
		EmulatorAdmin.Org org = http.newOrg("Concurrency Org");
		http.admin("PUT", "/emulator/orgs/" + org.id() + "/limits",
				Map.of("concurrentLongRunningRequests", 1, "longRunningMillis", 100));
		http.admin("PUT", "/emulator/orgs/" + org.id() + "/faults", Map.of("latencyMillis", 1500));
		java.util.concurrent.CompletableFuture<EmulatorHttp.Response> slow = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> http.get("/services/data/v63.0/limits"));
		Org emulated = emulator.bean(Orgs.class).find(org.id()).orElseThrow();
		await("the slow request counts as long-running").atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.failFast("the slow request ended first", slow::isDone)
			.until(() -> emulated.longRunningRequests(Instant.now()) == 1);
		http.admin("DELETE", "/emulator/orgs/" + org.id() + "/faults", null);
		EmulatorHttp.Response refused = http.get("/services/data/v63.0/limits");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body())
			.isEqualTo("[{\"message\":\"ConcurrentRequests (Concurrent API Requests) Limit exceeded.\","
					+ "\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\",\"fields\":[]}]");
		assertThat(slow.get().status()).isEqualTo(200);
		assertThat(http.get("/services/data/v63.0/limits").status()).isEqualTo(200);
	}

	@Test
	void aDroppedConnectionCutsTheResponseOffHalfWay() {
		EmulatorAdmin.Org org = http.newOrg("Drop Org");
		http.admin("PUT", "/emulator/orgs/" + org.id() + "/faults", Map.of("dropConnectionRate", 1.0));
		try {
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> http.get("/services/data/v63.0/limits"))
				.withRootCauseInstanceOf(java.io.IOException.class);
		}
		finally {
			http.admin("DELETE", "/emulator/orgs/" + org.id() + "/faults", null);
		}
		assertThat(http.get("/services/data/v63.0/limits").status()).isEqualTo(200);
	}

	@Test
	void badInputGetsSalesforcesErrorShapeNeverAStackTrace() {
		http.newOrg("Bad Input Org");
		EmulatorHttp.Response malformed = http.post("/services/data/v63.0/sobjects/Contact", "{\"LastName\": ");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.json().get(0).get("errorCode").asString()).isEqualTo("JSON_PARSER_ERROR");
		EmulatorHttp.Response unknownPath = http.get("/services/data/v63.0/nothing/here");
		assertThat(unknownPath.status()).isEqualTo(404);
		assertThat(unknownPath.body()).doesNotContain("Exception").doesNotContain("trace");
		assertThat(
				http.send("PUT", "/services/data/v63.0/limits", "{}", true).json().get(0).get("errorCode").asString())
			.isEqualTo("METHOD_NOT_ALLOWED");
		assertThat(http.admin("POST", "/emulator/orgs", Map.of()).json().get(0).get("errorCode").asString())
			.isEqualTo("INVALID_INPUT");
	}

	private static EmulatorHttp.Response jwt(KeyPair keys, String issuer, String subject, String audience,
			Instant expiry) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256),
				new JWTClaimsSet.Builder().issuer(issuer)
					.subject(subject)
					.audience(audience)
					.expirationTime(Date.from(expiry))
					.build());
		jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
		return http.token(Map.of("grant_type", OAuthController.JWT_BEARER, "assertion", jwt.serialize()));
	}

}
