package dev.sfsync.emulator;

import java.security.KeyFactory;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The emulator's admin API under {@code /emulator/}, clearly not Salesforce's own: orgs,
 * connected apps and users, API call counters, and injected faults.
 */
@RestController
class AdminController {

	private final Orgs orgs;

	private final Sessions sessions;

	private final Faults faults;

	AdminController(Orgs orgs, Sessions sessions, Faults faults) {
		this.orgs = orgs;
		this.sessions = sessions;
		this.faults = faults;
	}

	/** A new org. */
	record NewOrg(String name, @Nullable Long dailyApiRequests) {
	}

	/**
	 * A new user and its permissions. Spring MVC logs the bodies it reads with their
	 * {@code toString()}, which hides the password.
	 */
	record NewUser(String username, String password, @Nullable String email, @Nullable Boolean apiEnabled,
			@Nullable Set<String> unreadableObjects, @Nullable Set<String> readOnlyObjects,
			@Nullable Set<String> readOnlyFields) {

		@Override
		public String toString() {
			return "NewUser[username=" + this.username + ", password=(hidden)]";
		}

	}

	/**
	 * A new connected app; the public key is a base64 X.509 SubjectPublicKeyInfo (PEM
	 * body).
	 */
	record NewApp(String name, @Nullable String consumerKey, @Nullable String consumerSecret,
			@Nullable String publicKey) {

		@Override
		public String toString() {
			return "NewApp[name=" + this.name + ", consumerKey=" + this.consumerKey + ", consumerSecret=(hidden)]";
		}

	}

	/**
	 * A created connected app: its consumer key and secret.
	 *
	 * @param name the app's name
	 * @param consumerKey the OAuth client id
	 * @param consumerSecret the OAuth client secret
	 */
	record CreatedApp(String name, String consumerKey, String consumerSecret) {

		@Override
		public String toString() {
			return "CreatedApp[name=" + this.name + ", consumerKey=" + this.consumerKey + ", consumerSecret=(hidden)]";
		}

	}

	/**
	 * A refresh token granted through consent, in the shape of Salesforce's token
	 * response.
	 *
	 * @param refreshToken the refresh token
	 */
	record GrantedRefreshToken(@JsonProperty("refresh_token") String refreshToken) {

		@Override
		public String toString() {
			return "GrantedRefreshToken[refreshToken=(hidden)]";
		}

	}

	/**
	 * A user's consent to an app, which yields a refresh token (the web flow's outcome).
	 */
	record Consent(String username, String consumerKey) {
	}

	/** Latency and a share of 503 answers. */
	record FaultSettings(@Nullable Long latencyMillis, @Nullable Double unavailableRate, @Nullable Long lockHoldMillis,
			@Nullable Double dropConnectionRate) {
	}

	@GetMapping("/emulator/orgs")
	List<Map<String, Object>> orgs() {
		return this.orgs.all().stream().map(this::describe).toList();
	}

	@PostMapping("/emulator/orgs")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> createOrg(@RequestBody NewOrg request) {
		require(request.name() != null && !request.name().isBlank(), "name is required");
		Org org = this.orgs.create(request.name());
		if (request.dailyApiRequests() != null) {
			require(request.dailyApiRequests() > 0, "dailyApiRequests must be positive");
			org.setDailyApiRequests(request.dailyApiRequests());
		}
		return describe(org);
	}

	@GetMapping("/emulator/orgs/{orgId}")
	Map<String, Object> org(@PathVariable String orgId) {
		return describe(find(orgId));
	}

	@PostMapping("/emulator/orgs/{orgId}/users")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> createUser(@PathVariable String orgId, @RequestBody NewUser request) {
		Org org = find(orgId);
		require(request.username() != null && request.password() != null, "username and password are required");
		require(this.orgs.byUsername(request.username()).isEmpty(),
				"username " + request.username() + " is taken: usernames are unique across orgs");
		OrgUser user = new OrgUser(org.nextId("005"), request.username(), request.password(),
				(request.email() != null) ? request.email() : request.username(),
				!Boolean.FALSE.equals(request.apiEnabled()), orEmpty(request.unreadableObjects()),
				orEmpty(request.readOnlyObjects()), orEmpty(request.readOnlyFields()));
		org.putUser(user);
		return Map.of("id", user.id(), "username", user.username());
	}

	@PostMapping("/emulator/orgs/{orgId}/apps")
	@ResponseStatus(HttpStatus.CREATED)
	CreatedApp createApp(@PathVariable String orgId, @RequestBody NewApp request) {
		Org org = find(orgId);
		require(request.name() != null, "name is required");
		String consumerKey = (request.consumerKey() != null) ? request.consumerKey()
				: "3MVG9" + UUID.randomUUID().toString().replace("-", "");
		require(this.orgs.byConsumerKey(consumerKey).isEmpty(), "consumerKey " + consumerKey + " is taken");
		String consumerSecret = (request.consumerSecret() != null) ? request.consumerSecret()
				: UUID.randomUUID().toString().replace("-", "").toUpperCase();
		org.addApp(new ConnectedApp(request.name(), consumerKey, consumerSecret, publicKey(request.publicKey())));
		return new CreatedApp(request.name(), consumerKey, consumerSecret);
	}

	@PostMapping("/emulator/orgs/{orgId}/refresh-tokens")
	@ResponseStatus(HttpStatus.CREATED)
	GrantedRefreshToken consent(@PathVariable String orgId, @RequestBody Consent request) {
		Org org = find(orgId);
		OrgUser user = org.user(request.username())
			.orElseThrow(() -> new IllegalArgumentException("no user " + request.username() + " in org " + orgId));
		require(org.app(request.consumerKey()).isPresent(), "no connected app " + request.consumerKey());
		return new GrantedRefreshToken(
				this.sessions.refreshTokenFor(new Sessions.Grant(org.id(), user.id(), request.consumerKey())));
	}

	@GetMapping("/emulator/orgs/{orgId}/api-calls")
	Map<String, Object> apiCalls(@PathVariable String orgId) {
		Org org = find(orgId);
		Map<String, Object> calls = new LinkedHashMap<>();
		calls.put("used", org.apiRequestsUsed());
		calls.put("max", org.dailyApiRequests());
		calls.put("byKind", org.callsByKind());
		calls.put("byObject", org.callsByObject());
		return calls;
	}

	@DeleteMapping("/emulator/orgs/{orgId}/api-calls")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void resetApiCalls(@PathVariable String orgId) {
		find(orgId).resetApiUsage();
	}

	@PutMapping("/emulator/orgs/{orgId}/faults")
	Map<String, Object> setFaults(@PathVariable String orgId, @RequestBody FaultSettings request) {
		Org org = find(orgId);
		double rate = (request.unavailableRate() != null) ? request.unavailableRate() : 0;
		long latency = (request.latencyMillis() != null) ? request.latencyMillis() : 0;
		require(rate >= 0 && rate <= 1, "unavailableRate must be from 0 to 1");
		require(latency >= 0 && latency <= 600_000, "latencyMillis must be from 0 to 600000");
		long lockHold = (request.lockHoldMillis() != null) ? request.lockHoldMillis() : 0;
		require(lockHold >= 0 && lockHold <= 60_000, "lockHoldMillis must be from 0 to 60000");
		double drop = (request.dropConnectionRate() != null) ? request.dropConnectionRate() : 0;
		require(drop >= 0 && drop <= 1, "dropConnectionRate must be from 0 to 1");
		this.faults.set(org.id(), new Faults.Settings(Duration.ofMillis(latency), rate, drop));
		org.data().setLockHoldMillis(lockHold);
		return Map.of("latencyMillis", latency, "unavailableRate", rate, "lockHoldMillis", lockHold,
				"dropConnectionRate", drop);
	}

	@DeleteMapping("/emulator/orgs/{orgId}/faults")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void clearFaults(@PathVariable String orgId) {
		Org org = find(orgId);
		this.faults.clear(org.id());
		org.data().setLockHoldMillis(0);
	}

	@PostMapping("/emulator/orgs/{orgId}/faults/expire-sessions")
	Map<String, Object> expireSessions(@PathVariable String orgId) {
		return Map.of("expired", this.sessions.expireAll(find(orgId).id()));
	}

	/**
	 * Revokes every refresh token of an org, as an admin revoking the connected app's
	 * access does: signing in with one is refused until the user grants a new one.
	 */
	@PostMapping("/emulator/orgs/{orgId}/faults/revoke-refresh-tokens")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revokeRefreshTokens(@PathVariable String orgId) {
		this.sessions.revokeRefreshTokens(find(orgId).id());
	}

	@PostMapping("/emulator/orgs/{orgId}/faults/exhaust-api")
	Map<String, Object> exhaustApi(@PathVariable String orgId) {
		Org org = find(orgId);
		org.exhaustApiRequests();
		return Map.of("used", org.apiRequestsUsed(), "max", org.dailyApiRequests());
	}

	/** The org's limits: daily allocation and concurrent long-running requests. */
	record Limits(@Nullable Long dailyApiRequests, @Nullable Integer concurrentLongRunningRequests,
			@Nullable Long longRunningMillis) {
	}

	@PutMapping("/emulator/orgs/{orgId}/limits")
	Map<String, Object> limits(@PathVariable String orgId, @RequestBody Limits request) {
		Org org = find(orgId);
		if (request.dailyApiRequests() != null) {
			require(request.dailyApiRequests() > 0, "dailyApiRequests must be positive");
			org.setDailyApiRequests(request.dailyApiRequests());
		}
		if (request.concurrentLongRunningRequests() != null || request.longRunningMillis() != null) {
			int limit = (request.concurrentLongRunningRequests() != null) ? request.concurrentLongRunningRequests()
					: org.concurrentLongRunningLimit();
			long threshold = (request.longRunningMillis() != null) ? request.longRunningMillis()
					: org.longRunningThreshold().toMillis();
			require(limit > 0 && threshold > 0, "limits must be positive");
			org.setConcurrency(limit, Duration.ofMillis(threshold));
		}
		return Map.of("dailyApiRequests", org.dailyApiRequests(), "concurrentLongRunningRequests",
				org.concurrentLongRunningLimit(), "longRunningMillis", org.longRunningThreshold().toMillis());
	}

	@PutMapping("/emulator/orgs/{orgId}/api-enabled")
	Map<String, Object> apiEnabled(@PathVariable String orgId, @RequestBody Map<String, Boolean> request) {
		Org org = find(orgId);
		require(request.get("enabled") != null, "enabled (true or false) is required");
		org.setApiEnabled(request.get("enabled"));
		return Map.of("enabled", org.apiEnabled());
	}

	private Org find(String orgId) {
		return this.orgs.find(orgId).orElseThrow(SalesforceApiException::notFound);
	}

	private Map<String, Object> describe(Org org) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("id", org.id());
		description.put("name", org.name());
		description.put("apiUsage", Map.of("used", org.apiRequestsUsed(), "max", org.dailyApiRequests()));
		description.put("users",
				org.users().stream().map((user) -> Map.of("id", user.id(), "username", user.username())).toList());
		description.put("apps",
				org.apps()
					.stream()
					.map((app) -> Map.of("name", app.name(), "consumerKey", app.consumerKey()))
					.toList());
		return description;
	}

	private static @Nullable RSAPublicKey publicKey(@Nullable String encoded) {
		if (encoded == null || encoded.isBlank()) {
			return null;
		}
		String body = encoded.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
		try {
			return (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
		}
		catch (GeneralSecurityException | IllegalArgumentException | ClassCastException ex) {
			throw new IllegalArgumentException("publicKey is not a base64 X.509 RSA public key: " + ex.getMessage());
		}
	}

	private static Set<String> orEmpty(@Nullable Set<String> values) {
		return (values != null) ? values : Set.of();
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
