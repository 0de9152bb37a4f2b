package dev.sfsync.operations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import dev.sfsync.emulator.Emulator;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.system.SfsyncProcess;
import dev.sfsync.system.TestDatabase;
import dev.sfsync.system.TestEmulator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar's command line, run as separate processes on the test database. */
class SfsyncCliIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path workingDirectory;

	@BeforeAll
	static void startFromKnownState() {
		TestDatabase.get().reset();
	}

	@Test
	void helpListsTheCommandsAndExitCodes() throws Exception {
		SfsyncProcess help = SfsyncProcess.start(this.workingDirectory, Map.of(), "--help");
		assertThat(help.exitCode(TIMEOUT)).isZero();
		assertThat(help.output()).contains("run <job> [--connection=<id>]")
			.contains("serve (default)")
			.contains("  0  the run completed")
			.contains(" 78  sfsync could not start");
	}

	@Test
	void theEmulatorRunsAloneOnItsPortWithTheDemoOrg() throws Exception {
		int port;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path jobs = Files.createDirectories(this.workingDirectory.resolve("jobs"));
		Files.writeString(jobs.resolve("shipment__c.yaml"), """
				object: Shipment__c
				table: shipments
				schedule: "0 */5 * * * ?"
				fields:
				  Tracking__c: { column: tracking, direction: in, type: string, length: 40 }
				""");
		SfsyncProcess emulator = SfsyncProcess.start(this.workingDirectory, Map.of(), "emulator", "--port",
				String.valueOf(port), "--records", "10", "--sfsync.catalog.location=file:" + jobs + "/");
		try {
			emulator.awaitOutput("Salesforce emulator is up at http://localhost:" + port, TIMEOUT);
			assertThat(emulator.output()).contains("10 records per object");
			HttpResponse<String> versions = get("http://localhost:" + port + "/services/data", null);
			assertThat(versions.statusCode()).isEqualTo(200);
			assertThat(versions.body()).contains("\"version\":\"65.0\"");
			String token = JSON
				.readTree(post("http://localhost:" + port + "/services/oauth2/token",
						"grant_type=password&client_id=" + Emulator.DEMO_CLIENT_ID + "&client_secret="
								+ Emulator.DEMO_CLIENT_SECRET + "&username=" + Emulator.DEMO_USERNAME + "&password="
								+ Emulator.DEMO_PASSWORD)
					.body())
				.get("access_token")
				.asString();
			HttpResponse<String> shipments = get(
					"http://localhost:" + port + "/services/data/v63.0/query?q=SELECT+COUNT()+FROM+Shipment__c", token);
			assertThat(JSON.readTree(shipments.body()).get("totalSize").asInt())
				.as("the custom object of the catalog it was given, seeded")
				.isEqualTo(10);
		}
		finally {
			emulator.stop(TIMEOUT);
		}
		SfsyncProcess bad = SfsyncProcess.start(this.workingDirectory, Map.of(), "emulator", "--seed", "lots");
		assertThat(bad.exitCode(TIMEOUT)).isEqualTo(RunExitCode.USAGE.code());
		assertThat(bad.output()).contains("sfsync.emulator.seed must be demo or none; was lots");
		Path empty = Files.createDirectories(this.workingDirectory.resolve("empty"));
		SfsyncProcess noCatalog = SfsyncProcess.start(this.workingDirectory, Map.of(), "emulator",
				"--sfsync.catalog.location=file:" + empty + "/");
		assertThat(noCatalog.exitCode(TIMEOUT)).isEqualTo(RunExitCode.CONFIGURATION_ERROR.code());
		assertThat(noCatalog.output()).contains("Invalid job definition file:" + empty + "/: no job definitions found");
	}

	@Test
	void connectionCommandsCreateTestPauseAndShowConnections() throws Exception {
		Emulator emulator = TestEmulator.get();
		EmulatorAdmin.Org org = new EmulatorAdmin(emulator.baseUrl()).org("CLI Org", Map.of());
		Path file = this.workingDirectory.resolve("connection.json");
		Files.writeString(file, """
				{"id": "cli-demo", "loginUrl": "%s", "authFlow": "USERNAME_PASSWORD",
				 "clientId": "%s", "username": "%s",
				 "credentials": {"clientSecret": "%s", "password": "%s"}}
				""".formatted(emulator.baseUrl(), org.consumerKey(), org.username(), org.consumerSecret(),
				org.password()));
		SfsyncProcess created = connection("create", "--file", file.toString());
		assertThat(created.exitCode(TIMEOUT)).as(created.output()).isZero();
		assertThat(created.output()).contains("\"credentials\":\"stored (encrypted)\"")
			.doesNotContain(org.consumerSecret())
			.doesNotContain(org.password());
		SfsyncProcess tested = connection("test", "cli-demo");
		assertThat(tested.exitCode(TIMEOUT)).as(tested.output()).isZero();
		assertThat(tested.output()).contains("cli-demo: Connected to Salesforce");
		assertThat(connection("pause", "cli-demo").exitCode(TIMEOUT)).isZero();
		SfsyncProcess listed = connection("list");
		assertThat(listed.exitCode(TIMEOUT)).isZero();
		assertThat(listed.output()).contains("cli-demo\tcli-demo\tpaused\tUSERNAME_PASSWORD");
		SfsyncProcess unknown = connection("show", "nope");
		assertThat(unknown.exitCode(TIMEOUT)).isEqualTo(2);
		assertThat(unknown.output()).contains("No connection nope");
	}

	private SfsyncProcess connection(String... args) throws Exception {
		String[] command = new String[args.length + 1];
		command[0] = "connection";
		System.arraycopy(args, 0, command, 1, args.length);
		Map<String, String> environment = new java.util.HashMap<>(SfsyncProcess.onTestDatabase());
		environment.put("SFSYNC_CREDENTIALS_KEY", "dGVzdC1rZXktZm9yLXNmc3luYy10ZXN0cy0zMmJ5dGU=");
		return SfsyncProcess.start(this.workingDirectory, environment, command);
	}

	@Test
	void anUnknownCommandExitsWithTheUsageCode() throws Exception {
		SfsyncProcess bogus = SfsyncProcess.start(this.workingDirectory, Map.of(), "bogus");
		assertThat(bogus.exitCode(TIMEOUT)).isEqualTo(RunExitCode.USAGE.code());
		assertThat(bogus.output()).contains("Unknown command 'bogus'.");
	}

	@Test
	void runsRetentionThenRefusesToRunTheCompletedRunAgain() throws Exception {
		SfsyncProcess first = run("runDate=2026-03-01");
		assertThat(first.exitCode(TIMEOUT)).as(first.output()).isZero();
		assertThat(first.output()).containsPattern("activity-retention execution=\\d+ status=COMPLETED exit=COMPLETED"
				+ " read=0 written=0 skipped=0 failed=0 duration=");
		SfsyncProcess again = run("runDate=2026-03-01");
		assertThat(again.exitCode(TIMEOUT)).isEqualTo(RunExitCode.ALREADY_COMPLETE.code());
		assertThat(again.output()).contains("already COMPLETED");
	}

	@Test
	void aFailingRunExitsNonZeroAndTheSameCommandRestartsIt() throws Exception {
		execute("RENAME TABLE sync_record_outcome_log TO sync_record_outcome_away");
		SfsyncProcess failing;
		try {
			failing = run("runDate=2026-02-01");
			assertThat(failing.exitCode(TIMEOUT)).isEqualTo(RunExitCode.UNKNOWN_ERROR.code());
		}
		finally {
			execute("RENAME TABLE sync_record_outcome_away TO sync_record_outcome_log");
		}
		assertThat(failing.output()).contains("status=FAILED exit=UNKNOWN_ERROR")
			.contains("Launch it again with the same parameters to restart it");
		SfsyncProcess restart = run("runDate=2026-02-01");
		assertThat(restart.exitCode(TIMEOUT)).as(restart.output()).isZero();
		assertThat(restart.output()).contains("Restarting activity-retention").contains("status=COMPLETED");
	}

	@Test
	void anInvalidJobCatalogStopsStartupWithAMessageThatNamesTheFile() throws Exception {
		Path jobs = Files.createDirectories(this.workingDirectory.resolve("jobs"));
		Files.writeString(jobs.resolve("contact.yaml"), """
				object: Contact
				table: contacts
				schedule: "0 */5 * * * ?"
				sizes:
				  page: 9000
				fields:
				  Email: { column: email, direction: both }
				""");
		SfsyncProcess invalid = SfsyncProcess.start(this.workingDirectory, SfsyncProcess.onTestDatabase(), "run",
				"activity-retention", "--sfsync.catalog.location=file:" + jobs + "/");
		assertThat(invalid.exitCode(TIMEOUT)).isEqualTo(RunExitCode.CONFIGURATION_ERROR.code());
		assertThat(invalid.output()).contains("Invalid job definition jobs/contact.yaml: key 'sizes.page' has value"
				+ " '9000'; allowed: a whole number from 200 to 2000");
	}

	private static HttpResponse<String> get(String url, @Nullable String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> post(String url, String form) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private SfsyncProcess run(String... parameters) throws Exception {
		String[] args = new String[parameters.length + 2];
		args[0] = "run";
		args[1] = "activity-retention";
		System.arraycopy(parameters, 0, args, 2, parameters.length);
		return SfsyncProcess.start(this.workingDirectory, SfsyncProcess.onTestDatabase(), args);
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
