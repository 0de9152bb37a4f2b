package dev.sfsync.salesforce;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import dev.sfsync.system.EmulatorAdmin;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

/**
 * An org on the emulator for the client's tests, made through the emulator's admin
 * client: a connected app with a JWT key, an integration user and seeded contacts, and
 * the ways to sign in to it and the clients of one run.
 */
record EmulatorOrg(EmulatorAdmin admin, EmulatorAdmin.Org org, KeyPair keys) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static EmulatorOrg create(String baseUrl) {
		return create(baseUrl, 3);
	}

	static EmulatorOrg create(String baseUrl, int contacts) {
		KeyPair keys;
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			keys = generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		EmulatorAdmin admin = new EmulatorAdmin(baseUrl);
		EmulatorAdmin.Org org = admin.org("Client Org", Map.of(),
				Map.of("publicKey", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())));
		admin.post("/emulator/orgs/" + org.id() + "/seed", Map.of("objects", Map.of("Contact", contacts)));
		admin.resetApiCalls(org);
		return new EmulatorOrg(admin, org, keys);
	}

	String baseUrl() {
		return this.admin.baseUrl();
	}

	String id() {
		return this.org.id();
	}

	String consumerKey() {
		return this.org.consumerKey();
	}

	String consumerSecret() {
		return this.org.consumerSecret();
	}

	String username() {
		return this.org.username();
	}

	SalesforceLogin password() {
		return new SalesforceLogin.UsernamePassword(baseUrl(), consumerKey(), consumerSecret(), username(),
				this.org.password());
	}

	SalesforceLogin jwt() {
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(this.keys.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		return new SalesforceLogin.JwtBearer(baseUrl(), consumerKey(), username(), pem, "https://login.salesforce.com");
	}

	SalesforceLogin refreshToken() {
		return new SalesforceLogin.RefreshToken(baseUrl(), consumerKey(), consumerSecret(),
				this.admin.refreshToken(this.org));
	}

	/** A client for one run, with no budget in the way and quick retries. */
	SalesforceClient client() {
		return client(RestClient.builder());
	}

	/** A client whose API calls go through a builder of the test's own. */
	SalesforceClient client(RestClient.Builder builder) {
		SalesforceSession session = new SalesforceSession(id(), password(),
				new SalesforceAuthenticator(RestClient.builder(), Clock.systemUTC(), JSON));
		return new SalesforceClient(session, builder, "v63.0", new ApiBudget(1.0, 1.0),
				new Retries(2, java.time.Duration.ofMillis(20), java.time.Duration.ofMillis(100)), JSON);
	}

	/** Every contact Id, read through query locators. */
	static Set<String> contactIds(SalesforceClient client) {
		Set<String> ids = new HashSet<>();
		JsonNode page = client.query("SELECT Id FROM Contact", 2000, false);
		page.get("records").forEach((record) -> ids.add(record.get("Id").asString()));
		while (page.has("nextRecordsUrl")) {
			page = client.get("query more", page.get("nextRecordsUrl").asString());
			page.get("records").forEach((record) -> ids.add(record.get("Id").asString()));
		}
		return ids;
	}

	/** API calls of one kind the emulator served to this org. */
	int callsOf(String kind) {
		return this.admin.apiCalls(this.org).getOrDefault(kind, 0);
	}

	/**
	 * An admin request about this org: {@code path} follows {@code /emulator/orgs/{id}}.
	 */
	void admin(String method, String path, @Nullable String body) {
		this.admin.send(method, "/emulator/orgs/" + id() + path, body);
	}

}
