package dev.sfsync.salesforce;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

/**
 * An org on the emulator for the client's tests, made over the emulator's admin API: a
 * connected app (with a JWT key), an integration user and seeded contacts.
 */
record EmulatorOrg(String baseUrl, String id, String consumerKey, String consumerSecret, String username,
		KeyPair keys) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static EmulatorOrg create(String baseUrl) {
		return create(baseUrl, 3);
	}

	static EmulatorOrg create(String baseUrl, int contacts) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair keys = generator.generateKeyPair();
			String id = post(baseUrl, "/emulator/orgs", Map.of("name", "Client Org")).get("id").asString();
			JsonNode app = post(baseUrl, "/emulator/orgs/" + id + "/apps", Map.of("name", "sfsync", "publicKey",
					Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())));
			String username = "integration@" + id.toLowerCase() + ".example";
			post(baseUrl, "/emulator/orgs/" + id + "/users", Map.of("username", username, "password", "pw-1"));
			post(baseUrl, "/emulator/orgs/" + id + "/seed", Map.of("objects", Map.of("Contact", contacts)));
			send(baseUrl, "DELETE", "/emulator/orgs/" + id + "/api-calls", null);
			return new EmulatorOrg(baseUrl, id, app.get("consumerKey").asString(), app.get("consumerSecret").asString(),
					username, keys);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	SalesforceLogin password() {
		return new SalesforceLogin.UsernamePassword(this.baseUrl, this.consumerKey, this.consumerSecret, this.username,
				"pw-1");
	}

	SalesforceLogin jwt() {
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(this.keys.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		return new SalesforceLogin.JwtBearer(this.baseUrl, this.consumerKey, this.username, pem,
				"https://login.salesforce.com");
	}

	SalesforceLogin refreshToken() {
		String token = post(this.baseUrl, "/emulator/orgs/" + this.id + "/refresh-tokens",
				Map.of("username", this.username, "consumerKey", this.consumerKey))
			.get("refresh_token")
			.asString();
		return new SalesforceLogin.RefreshToken(this.baseUrl, this.consumerKey, this.consumerSecret, token);
	}

	/** A client for one run, with no budget in the way and quick retries. */
	SalesforceClient client() {
		return client(RestClient.builder());
	}

	/** A client whose API calls go through a builder of the test's own. */
	SalesforceClient client(RestClient.Builder builder) {
		SalesforceSession session = new SalesforceSession(this.id, password(),
				new SalesforceAuthenticator(RestClient.builder(), Clock.systemUTC()));
		return new SalesforceClient(session, builder, "v63.0", new ApiBudget(1.0, 1.0),
				new Retries(2, java.time.Duration.ofMillis(20), java.time.Duration.ofMillis(100)));
	}

	/** Every contact Id, read through query locators. */
	static java.util.Set<String> contactIds(SalesforceClient client) {
		java.util.Set<String> ids = new java.util.HashSet<>();
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
		return JSON.readTree(send(this.baseUrl, "GET", "/emulator/orgs/" + this.id + "/api-calls", null))
			.path("byKind")
			.path(kind)
			.asInt();
	}

	void admin(String method, String path, String body) {
		send(this.baseUrl, method, "/emulator/orgs/" + this.id + path, body);
	}

	private static JsonNode post(String baseUrl, String path, Object body) {
		return JSON.readTree(send(baseUrl, "POST", path, JSON.writeValueAsString(body)));
	}

	private static String send(String baseUrl, String method, String path, String body) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
				.header("Content-Type", "application/json")
				.method(method,
						(body != null) ? HttpRequest.BodyPublishers.ofString(body)
								: HttpRequest.BodyPublishers.noBody())
				.build();
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
