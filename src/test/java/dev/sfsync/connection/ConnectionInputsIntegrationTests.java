package dev.sfsync.connection;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.emulator.Emulator;
import dev.sfsync.inbound.InboundLaunches;
import dev.sfsync.operations.JobParametersDefaults.Launch;
import dev.sfsync.system.ApiClient;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.system.IntegrationTestSupport;
import dev.sfsync.system.TestEmulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs are checked when saved, not when a run fails: every refusal of the connections
 * API over real HTTP (400 with field, value and allowed), an allowed connection working
 * end to end against the emulator, and rows planted in the database past the API failing
 * their test and their run with a clear message and writing nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConnectionInputsIntegrationTests extends IntegrationTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String INJECTION = "email = (SELECT GROUP_CONCAT(email) FROM contacts), connection_id";

	/** The integration user's password: long and distinct, so that a leak of it shows. */
	private static final String ORG_PASSWORD = "connection-inputs-password-3e8b21";

	private static Emulator emulator;

	private static EmulatorAdmin.Org org;

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobCatalog catalog;

	@Autowired
	InboundLaunches launches;

	@Autowired
	JobRegistry registry;

	@Autowired
	JobOperator operator;

	@TempDir
	Path secretFolder;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void aSeededOrg() {
		emulator = TestEmulator.get();
		EmulatorAdmin admin = new EmulatorAdmin(emulator.baseUrl());
		org = admin.org("Connection Inputs Org", Map.of("password", ORG_PASSWORD));
		admin.post("/emulator/orgs/" + org.id() + "/seed", Map.of("records", 5));
	}

	@Test
	void refusesLoginUrlsThatAreNotAllowedLoginServersLookalikesIncluded() throws Exception {
		assertRefused(with("lookalike", "loginUrl", "https://login.salesforce.com.evil.com"), "loginUrl",
				"https://login.salesforce.com.evil.com",
				"loginUrl 'https://login.salesforce.com.evil.com' is not an allowed Salesforce login URL: it is not a"
						+ " Salesforce login server nor one this deployment allows");
		assertRefused(with("userinfo", "loginUrl", "https://login.salesforce.com@evil.com"), "loginUrl",
				"https://(hidden)@evil.com", "loginUrl 'https://(hidden)@evil.com' is not an allowed Salesforce"
						+ " login URL: it has user info (user@host)");
		assertRefused(with("bad-port", "loginUrl", "http://127.0.0.1:80899"), "loginUrl", "http://127.0.0.1:80899",
				"loginUrl 'http://127.0.0.1:80899' is not an allowed Salesforce login URL: its port is not a port");
		assertRefused(with("metadata", "loginUrl", "http://169.254.169.254"), "loginUrl", "http://169.254.169.254",
				null);
		assertRefused(with("plain", "loginUrl", "http://login.salesforce.com"), "loginUrl",
				"http://login.salesforce.com", null);
		assertRefused(with("other-port", "loginUrl", "https://login.salesforce.com:8443"), "loginUrl",
				"https://login.salesforce.com:8443", null);
		JsonNode secret = assertRefused(with("secret-url", "loginUrl", "https://admin:hunter2@login.salesforce.com"),
				"loginUrl", "https://(hidden)@login.salesforce.com", null);
		assertThat(secret.toString()).doesNotContain("hunter2");
		assertThat(secret.get("allowed")).extracting(JsonNode::asString)
			.containsExactly("https://login.salesforce.com", "https://test.salesforce.com",
					"https://*.my.salesforce.com", "https://*.sandbox.my.salesforce.com", "http://localhost:*",
					"http://127.0.0.1:*");
	}

	@Test
	void refusesSecretReferencesOutsideTheAllowedRoots() throws Exception {
		String tmp = Path.of(System.getProperty("java.io.tmpdir")).toString();
		JsonNode etc = assertRefused(reference("etc", "file:/etc"), "credentialsRef", "file:/etc",
				"credentialsRef 'file:/etc' is not allowed: its folder is not inside an allowed root; allowed: file:"
						+ tmp + "/, env:SFSYNC_CONNECTION_");
		assertThat(etc.get("allowed")).extracting(JsonNode::asString)
			.containsExactly("file:" + tmp + "/", "env:SFSYNC_CONNECTION_");
		assertRefused(reference("dots", "file:" + this.secretFolder + "/../../etc"), "credentialsRef",
				"file:" + this.secretFolder + "/../../etc", null);
		assertRefused(reference("relative", "file:secrets/acme"), "credentialsRef", "file:secrets/acme", null);
		JsonNode pasted = assertRefused(reference("pasted", "hunter2-pasted-secret"), "credentialsRef", null,
				"credentialsRef is not a reference; expected env:PREFIX or file:/path/to/secret/dir");
		assertThat(pasted.toString()).doesNotContain("hunter2");
		assertRefused(reference("datasource", "env:SPRING_DATASOURCE"), "credentialsRef", "env:SPRING_DATASOURCE",
				"credentialsRef 'env:SPRING_DATASOURCE' is not allowed: its variable prefix does not start with an"
						+ " allowed prefix; allowed: file:" + tmp + "/, env:SFSYNC_CONNECTION_");
		assertRefused(reference("lower", "env:sfsync_connection_acme"), "credentialsRef", "env:sfsync_connection_acme",
				null);
		Files.createSymbolicLink(this.secretFolder.resolve("escape"), Path.of("/etc"));
		assertRefused(reference("escape", "file:" + this.secretFolder.resolve("escape")), "credentialsRef",
				"file:" + this.secretFolder.resolve("escape"), null);
		// Inside the roots, the reference is read: these variables are not set, so the
		// login lacks its secrets, named and never shown.
		assertRefused(reference("env-ok", "env:SFSYNC_CONNECTION_ACME"), "credentials.clientSecret", null,
				"The username-password login needs loginUrl, clientId, clientSecret, username, password; missing:"
						+ " clientSecret, password");
	}

	@Test
	void refusesFieldOverridesThatAreNotMappedColumnsOrSalesforceFieldNames() throws Exception {
		JsonNode injection = assertRefused(
				settings("inject", Map.of("fieldOverrides", Map.of("contact", Map.of("Email", INJECTION)))),
				"settings.fieldOverrides.contact.Email", INJECTION, null);
		assertThat(injection.get("detail").asString()).startsWith("settings.fieldOverrides.contact.Email: Email names"
				+ " column '" + INJECTION + "', which contact does not map; allowed: the columns jobs/contact.yaml"
				+ " maps: email, first_name, last_name, title, phone, salesforce_account_id, salesforce_owner_id,"
				+ " email_opt_out");
		assertThat(injection.get("allowed")).extracting(JsonNode::asString)
			.containsExactly("email", "first_name", "last_name", "title", "phone", "salesforce_account_id",
					"salesforce_owner_id", "email_opt_out");
		assertRefused(
				settings("system-column",
						Map.of("fieldOverrides", Map.of("contact", Map.of("Email", "connection_id")))),
				"settings.fieldOverrides.contact.Email", "connection_id", null);
		assertRefused(
				settings("lead-column",
						Map.of("fieldOverrides", Map.of("contact", Map.of("Company__c", "company_name")))),
				"settings.fieldOverrides.contact.Company__c", "company_name", null);
		JsonNode soql = assertRefused(
				settings("soql-key",
						Map.of("fieldOverrides",
								Map.of("contact", Map.of("Id, (SELECT Password__c FROM Users__r)", "title")))),
				"settings.fieldOverrides.contact", "Id, (SELECT Password__c FROM Users__r)", null);
		assertThat(soql.get("allowed").get(0).asString()).startsWith("a Salesforce field name");
		assertRefused(
				settings("two-fields",
						Map.of("fieldOverrides",
								Map.of("contact", Map.of("MobilePhone", "phone", "OtherPhone", "phone")))),
				"settings.fieldOverrides.contact.OtherPhone", "phone", null);
	}

	@Test
	void refusesSettingsForObjectTypesTheCatalogDoesNotHave() throws Exception {
		List<String> objectTypes = this.catalog.definitions().stream().map((definition) -> definition.name()).toList();
		for (String setting : List.of("writeModes", "outboundWrites", "fieldOverrides", "syncRules", "schedules")) {
			Object value = switch (setting) {
				case "writeModes" -> "CREATE_ONLY";
				case "outboundWrites" -> false;
				case "fieldOverrides" -> Map.of("Email", "email");
				case "syncRules" -> "Email = null";
				default -> "0 * * * * ?";
			};
			JsonNode refused = assertRefused(
					settings("unknown-" + setting.toLowerCase(),
							Map.of(setting, Map.of("contacts; DROP TABLE contacts", value))),
					"settings." + setting, "contacts; DROP TABLE contacts",
					"settings." + setting + " has 'contacts; DROP TABLE contacts',"
							+ " which is not an object type of the job catalog");
			assertThat(refused.get("allowed")).extracting(JsonNode::asString).containsExactlyElementsOf(objectTypes);
		}
		assertThat(JSON
			.readTree(send("POST", "/api/connections",
					settings("bad-cron", Map.of("schedules", Map.of("contact", "every minute"))))
				.body())
			.get("allowed")
			.get(0)
			.asString()).startsWith("a Quartz cron expression");
		JsonNode badMode = JSON.readTree(send("POST", "/api/connections",
				settings("bad-mode", Map.of("writeModes", Map.of("contact", "SOMETIMES"))))
			.body());
		// A body Jackson cannot read is UnreadableRequestBodies' to refuse: by key, never
		// quoting what was found.
		assertThat(badMode.get("status").asInt()).isEqualTo(400);
		assertThat(badMode.get("detail").asString())
			.startsWith("The request body has a value of the wrong type or shape in 'settings.writeModes.contact'");
		assertThat(badMode.toString()).doesNotContain("SOMETIMES");
	}

	@Test
	void refusesASyncRuleThatIsNotSoqlAtThePositionOfTheError() throws Exception {
		JsonNode refused = assertRefused(
				settings("bad-rule",
						Map.of("syncRules",
								Map.of("lead", "LeadSource = 'Do Not Sync'\n   OR Email LIKE '%@example.com' AND"))),
				"settings.syncRules.lead", "LeadSource = 'Do Not Sync'\n   OR Email LIKE '%@example.com' AND",
				"settings.syncRules.lead is not a valid SOQL condition: unexpected token: '<EOF>' at row 2, column 37");
		assertThat(refused.get("row").asInt()).isEqualTo(2);
		assertThat(refused.get("column").asInt()).isEqualTo(37);
		JsonNode escape = assertRefused(
				settings("escape-rule", Map.of("syncRules", Map.of("lead", "Id != null) OR (Id = null"))),
				"settings.syncRules.lead", "Id != null) OR (Id = null", null);
		assertThat(escape.get("column").asInt()).isEqualTo(11);
		JsonNode noFilter = assertRefused(settings("no-filter", Map.of("syncRules", Map.of("event", "Subject = 'x'"))),
				"settings.syncRules", "event", "settings.syncRules.event: event does not apply sync rules (its job"
						+ " definition has no sync-filter rule)");
		assertThat(noFilter.get("allowed")).extracting(JsonNode::asString)
			.containsExactly("account", "contact", "lead");
	}

	@Test
	void refusesApiVersionsSfsyncDoesNotSupport() throws Exception {
		for (String version : List.of("v49.0", "v66.0", "63.0", "v63.1", "v63.0/../../services/apexrest/x")) {
			JsonNode refused = assertRefused(with("api-" + version.hashCode(), "apiVersion", version), "apiVersion",
					version, "apiVersion '" + version + "' is not a supported Salesforce API version: v50.0 to v65.0");
			assertThat(refused.get("allowed").get(0).asString()).startsWith("v50.0 … v65.0");
		}
	}

	@Test
	void refusalsNameAMissingSecretWithoutShowingAnySecret() throws Exception {
		Map<String, Object> noPassword = connectionTo("no-password", emulator.baseUrl());
		noPassword.put("credentials", Map.of("clientSecret", org.consumerSecret()));
		JsonNode refused = assertRefused(noPassword, "credentials.password", null,
				"The username-password login needs loginUrl, clientId, clientSecret, username, password; missing:"
						+ " password");
		assertThat(refused.get("allowed")).extracting(JsonNode::asString)
			.containsExactly("loginUrl", "clientId", "clientSecret", "username", "password");
		assertThat(refused.toString()).doesNotContain(org.consumerSecret());
		Map<String, Object> both = connectionTo("both", emulator.baseUrl());
		both.put("credentialsRef", "file:" + this.secretFolder);
		assertRefused(both, "credentialsRef", "file:" + this.secretFolder,
				"Give either credentials or credentialsRef, not both");
	}

	@Test
	void anAllowedConnectionWithCheckedSettingsWorksEndToEnd() throws Exception {
		Map<String, Object> request = connectionTo("allowed", "http://127.0.0.1:" + emulator.port());
		request.put("apiVersion", "v65.0");
		request.put("settings",
				Map.of("fieldOverrides", Map.of("contact", Map.of("title", "title")), "syncRules",
						Map.of("lead", "LeadSource = 'Do Not Sync' OR (Email LIKE '%@blocked.example')"), "schedules",
						Map.of("contact", "0 */15 * * * ?"), "writeModes", Map.of("contact", "CREATE_AND_UPDATE")));
		HttpResponse<String> created = send("POST", "/api/connections", request);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode test = JSON.readTree(send("POST", "/api/connections/allowed/test", null).body());
		assertThat(test.get("ok").asBoolean()).as(test.toString()).isTrue();

		JobExecution backfill = runNext("contact", "allowed");

		assertThat(backfill.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM contacts WHERE connection_id = 'allowed'",
				Integer.class))
			.isPositive();
	}

	@Test
	void theTestReadsTheSameForEveryNetworkFailureAndForServersThatAreNotSalesforce() throws Exception {
		int closed;
		try (ServerSocket free = new ServerSocket(0)) {
			closed = free.getLocalPort();
		}
		try (ServerSocket hangUp = new ServerSocket(0)) {
			Thread hangingUp = new Thread(() -> hangUpOn(hangUp), "hang-up");
			hangingUp.setDaemon(true);
			hangingUp.start();
			List<String> urls = List.of("http://127.0.0.1:" + closed, "http://127.0.0.1:" + hangUp.getLocalPort(),
					"http://localhost:" + this.port);
			List<String> messages = new ArrayList<>();
			for (int i = 0; i < urls.size(); i++) {
				HttpResponse<String> created = send("POST", "/api/connections",
						connectionTo("probe-" + i, urls.get(i)));
				assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
				JsonNode test = JSON.readTree(send("POST", "/api/connections/probe-" + i + "/test", null).body());
				assertThat(test.get("ok").asBoolean()).isFalse();
				messages.add(test.get("message").asString());
			}
			assertThat(messages).containsOnly(ConnectionService.NO_ANSWER);
		}
	}

	@Test
	void rowsPlantedPastTheApiFailTheirTestAndTheirRunsWithAClearMessageAndWriteNothing() throws Exception {
		for (String id : List.of("planted-url", "planted-column", "planted-ref", "planted-version")) {
			HttpResponse<String> created = send("POST", "/api/connections", connectionTo(id, emulator.baseUrl()));
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		}
		this.jdbc.update("UPDATE connections SET login_url = 'https://login.salesforce.com.evil.com'"
				+ " WHERE id = 'planted-url'");
		this.jdbc.update("UPDATE connections SET settings = ? WHERE id = 'planted-column'",
				JSON.writeValueAsString(Map.of("fieldOverrides", Map.of("contact", Map.of("Email", INJECTION)))));
		this.jdbc.update("UPDATE connections SET credentials_ciphertext = NULL, credentials_ref = 'file:/etc'"
				+ " WHERE id = 'planted-ref'");
		this.jdbc.update("UPDATE connections SET api_version = 'v63.0/../x' WHERE id = 'planted-version'");

		assertThat(testMessage("planted-url")).startsWith("Authentication failure: The connection's loginUrl"
				+ " https://login.salesforce.com.evil.com is not an allowed login server (it is not a Salesforce"
				+ " login server nor one this deployment allows); nothing was sent to it.");
		assertThat(testMessage("planted-ref"))
			.startsWith("credentialsRef 'file:/etc' is not allowed (its folder is" + " not inside an allowed root)");
		assertThat(testMessage("planted-version")).isEqualTo("The connection's apiVersion 'v63.0/../x' is not a"
				+ " supported Salesforce API version: v50.0 to v65.0");

		JobExecution url = runNext("contact", "planted-url");
		assertThat(url.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(url.getExitStatus().getExitCode()).isEqualTo("AUTHENTICATION_FAILURE");
		assertThat(url.getExitStatus().getExitDescription())
			.contains("The connection's loginUrl https://login.salesforce.com.evil.com is not an allowed login server");
		JobExecution column = runNext("contact", "planted-column");
		assertThat(column.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(column.getExitStatus().getExitDescription())
			.contains("A field mapping override of contact is not" + " allowed: Email names column '" + INJECTION
					+ "', which contact does not map")
			.contains("Fix the connection's settings.fieldOverrides.contact");
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN"
						+ " (?, ?) AND (STATUS <> 'FAILED' OR READ_COUNT > 0 OR WRITE_COUNT > 0)",
				Integer.class, url.getId(), column.getId()))
			.as("no step read or wrote anything")
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM contacts WHERE connection_id LIKE 'planted-%'",
				Integer.class))
			.isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM sync_record_outcome WHERE connection_id LIKE 'planted-%'", Integer.class))
			.isZero();
	}

	private JobExecution runNext(String objectType, String connectionId) throws Exception {
		Launch launch = this.launches.next(this.catalog.find(objectType).orElseThrow(), connectionId);
		return this.operator.start(this.registry.getJob(launch.jobName()), launch.parameters());
	}

	private String testMessage(String id) throws Exception {
		JsonNode test = JSON.readTree(send("POST", "/api/connections/" + id + "/test", null).body());
		assertThat(test.get("ok").asBoolean()).isFalse();
		return test.get("message").asString();
	}

	/**
	 * Accepts connections and closes them at once: a port where something else listens.
	 */
	private static void hangUpOn(ServerSocket server) {
		while (!server.isClosed()) {
			try (Socket socket = server.accept()) {
				socket.setSoLinger(true, 0);
			}
			catch (IOException ex) {
				// Closed by the test.
			}
		}
	}

	/**
	 * Posts a request that must be refused, and checks the refusal's shape and that
	 * nothing was saved.
	 */
	private JsonNode assertRefused(Map<String, Object> request, String field, String value, String detail)
			throws Exception {
		HttpResponse<String> response = send("POST", "/api/connections", request);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("field").asString()).as(response.body()).isEqualTo(field);
		if (value == null) {
			assertThat(problem.get("value").isNull()).as(response.body()).isTrue();
		}
		else {
			assertThat(problem.get("value").asString()).as(response.body()).isEqualTo(value);
		}
		assertThat(problem.get("allowed").isArray()).as(response.body()).isTrue();
		assertThat(problem.get("allowed")).as(response.body()).isNotEmpty();
		if (detail != null) {
			assertThat(problem.get("detail").asString()).isEqualTo(detail);
		}
		assertThat(send("GET", "/api/connections/" + request.get("id"), null).statusCode()).isEqualTo(404);
		return problem;
	}

	private Map<String, Object> with(String id, String key, Object value) {
		Map<String, Object> request = connectionTo(id, emulator.baseUrl());
		request.put(key, value);
		return request;
	}

	private Map<String, Object> reference(String id, String reference) {
		Map<String, Object> request = connectionTo(id, emulator.baseUrl());
		request.remove("credentials");
		request.put("credentialsRef", reference);
		return request;
	}

	private Map<String, Object> settings(String id, Map<String, Object> settings) {
		return with(id, "settings", settings);
	}

	private static Map<String, Object> connectionTo(String id, String loginUrl) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("id", id);
		request.put("loginUrl", loginUrl);
		request.put("authFlow", "USERNAME_PASSWORD");
		request.put("clientId", org.consumerKey());
		request.put("username", org.username());
		request.put("credentials", Map.of("clientSecret", org.consumerSecret(), "password", org.password()));
		return request;
	}

	private HttpResponse<String> send(String method, String path, Object body) throws Exception {
		return new ApiClient(this.port, "admin", "admin-test").send(method, path, body);
	}

}
