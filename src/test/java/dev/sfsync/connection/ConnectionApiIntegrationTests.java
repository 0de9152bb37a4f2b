package dev.sfsync.connection;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.sfsync.emulator.Emulator;
import dev.sfsync.system.ApiClient;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.system.IntegrationTestSupport;
import dev.sfsync.system.TestEmulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connections API over real HTTP, on the real database, against an org of its own on
 * the test JVM's emulator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConnectionApiIntegrationTests extends IntegrationTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The integration user's password: long and distinct, so that a leak of it shows. */
	private static final String ORG_PASSWORD = "connection-api-password-5a1f9c";

	private static Emulator emulator;

	private static EmulatorAdmin.Org org;

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	@TempDir
	Path secretFolder;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void anOrg() {
		emulator = TestEmulator.get();
		org = new EmulatorAdmin(emulator.baseUrl()).org("Connection API Org", Map.of("password", ORG_PASSWORD));
	}

	@Test
	void createTestPauseResumeAndDeleteAConnectionWithoutEverShowingItsSecrets() throws Exception {
		HttpResponse<String> created = send("POST", "/api/connections", connectionTo("acme", org.password()));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.body()).doesNotContain(org.password()).doesNotContain(org.consumerSecret());
		JsonNode connection = JSON.readTree(created.body());
		assertThat(connection.get("credentials").asString()).isEqualTo("stored (encrypted)");
		assertThat(connection.get("enabled").asBoolean()).isTrue();
		byte[] stored = this.jdbc.queryForObject("SELECT credentials_ciphertext FROM connections WHERE id = 'acme'",
				byte[].class);
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(org.password());

		JsonNode test = JSON.readTree(send("POST", "/api/connections/acme/test", null).body());
		assertThat(test.get("ok").asBoolean()).isTrue();
		assertThat(test.get("apiUsage").get("max").asLong()).isEqualTo(100000);
		assertThat(this.meters.get("sfsync.salesforce.api.max").tag("connection", "acme").gauge().value())
			.isEqualTo(100000);
		assertThat(this.meters.get("sfsync.salesforce.api.used").tag("connection", "acme").gauge().value())
			.isGreaterThan(0);

		assertThat(send("POST", "/api/connections/acme/pause", null).statusCode()).isEqualTo(204);
		assertThat(JSON.readTree(send("GET", "/api/connections/acme", null).body()).get("enabled").asBoolean())
			.isFalse();
		assertThat(send("POST", "/api/connections/acme/resume", null).statusCode()).isEqualTo(204);

		HttpResponse<String> wrong = send("PUT", "/api/connections/acme", connectionTo("acme", "not-the-password"));
		assertThat(wrong.statusCode()).isEqualTo(200);
		JsonNode failed = JSON.readTree(send("POST", "/api/connections/acme/test", null).body());
		assertThat(failed.get("ok").asBoolean()).isFalse();
		assertThat(failed.get("message").asString()).startsWith("Authentication failure: ")
			.endsWith("Reconnect Salesforce from the Overview tab.")
			.doesNotContain("not-the-password");

		assertThat(send("DELETE", "/api/connections/acme", null).statusCode()).isEqualTo(204);
		assertThat(send("GET", "/api/connections/acme", null).statusCode()).isEqualTo(404);
		assertThat(send("DELETE", "/api/connections/acme", null).statusCode()).isEqualTo(404);
	}

	@Test
	void credentialsCanComeFromAMountedSecretInstead() throws Exception {
		Files.writeString(this.secretFolder.resolve("clientSecret"), org.consumerSecret());
		Files.writeString(this.secretFolder.resolve("password"), org.password() + "\n");
		Map<String, Object> request = new java.util.LinkedHashMap<>(connectionTo("globex", "unused"));
		request.remove("credentials");
		request.put("credentialsRef", "file:" + this.secretFolder);
		HttpResponse<String> created = send("POST", "/api/connections", request);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(JSON.readTree(created.body()).get("credentials").asString()).isEqualTo("file:" + this.secretFolder);
		assertThat(JSON.readTree(send("POST", "/api/connections/globex/test", null).body()).get("ok").asBoolean())
			.isTrue();
	}

	@Test
	void badRequestsAreRefusedWithAMessageThatSaysWhy() throws Exception {
		Map<String, Object> noUser = new java.util.LinkedHashMap<>(connectionTo("initech", org.password()));
		noUser.remove("username");
		HttpResponse<String> missing = send("POST", "/api/connections", noUser);
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(missing.body()).get("detail").asString()).isEqualTo(
				"The username-password login needs loginUrl, clientId, clientSecret, username, password; missing: username");
		Map<String, Object> badSchedule = new java.util.LinkedHashMap<>(connectionTo("initech", org.password()));
		badSchedule.put("settings", Map.of("schedules", Map.of("contact", "every minute")));
		assertThat(JSON.readTree(send("POST", "/api/connections", badSchedule).body()).get("detail").asString())
			.isEqualTo("settings.schedules.contact 'every minute' is not a Quartz cron expression with seconds,"
					+ " such as \"0 */15 * * * ?\"");
		badSchedule.put("settings", Map.of("schedules", Map.of("contact-reconcile", "sometimes")));
		assertThat(JSON.readTree(send("POST", "/api/connections", badSchedule).body()).get("detail").asString())
			.isEqualTo("settings.schedules.contact-reconcile 'sometimes' is not a Quartz cron expression with"
					+ " seconds, such as \"0 0 3 ? * SUN\", or never");
		badSchedule.put("settings", Map.of("schedules", Map.of("widget-reconcile", "never")));
		assertThat(JSON.readTree(send("POST", "/api/connections", badSchedule).body()).get("detail").asString())
			.startsWith("settings.schedules has 'widget', which is not an object type of the job catalog");
		HttpResponse<String> badId = send("POST", "/api/connections", connectionTo("Not An Id", org.password()));
		assertThat(JSON.readTree(badId.body()).get("detail").asString())
			.startsWith("id 'Not An Id' is not a connection id");
	}

	@Test
	void everyCallNeedsALoginAndStateChangesNeedTheCsrfToken() throws Exception {
		HttpResponse<String> anonymous = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/connections")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(send("POST", "/api/connections", connectionTo("hooli", org.password())).statusCode()).isEqualTo(201);
		HttpResponse<String> noToken = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/connections/hooli/pause"))
				.header("Authorization", new ApiClient(this.port, "admin", "admin-test").authorization())
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		// The CSRF check runs before sign-in, so Spring Security answers with its login
		// challenge.
		assertThat(noToken.statusCode()).isIn(401, 403);
		assertThat(JSON.readTree(send("GET", "/api/connections/hooli", null).body()).get("enabled").asBoolean())
			.isTrue();
	}

	private Map<String, Object> connectionTo(String id, String password) {
		Map<String, Object> request = new java.util.LinkedHashMap<>();
		request.put("id", id);
		request.put("loginUrl", emulator.baseUrl());
		request.put("authFlow", "USERNAME_PASSWORD");
		request.put("clientId", org.consumerKey());
		request.put("username", org.username());
		request.put("credentials", Map.of("clientSecret", org.consumerSecret(), "password", password));
		return request;
	}

	private HttpResponse<String> send(String method, String path, Object body) throws Exception {
		return new ApiClient(this.port, "admin", "admin-test").send(method, path, body);
	}

}
