package dev.sfsync.operations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import dev.sfsync.system.SfsyncProcess;
import dev.sfsync.system.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar's command line, run as separate processes on the test database. */
class SfsyncCliIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

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
		SfsyncProcess emulator = SfsyncProcess.start(this.workingDirectory, Map.of(), "emulator", "--port",
				String.valueOf(port), "--records", "10");
		try {
			emulator.awaitOutput("Salesforce emulator is up at http://localhost:" + port, TIMEOUT);
			assertThat(emulator.output()).contains("10 records per object");
			java.net.http.HttpResponse<String> versions = java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest
					.newBuilder(java.net.URI.create("http://localhost:" + port + "/services/data"))
					.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(versions.statusCode()).isEqualTo(200);
			assertThat(versions.body()).contains("\"version\":\"65.0\"");
		}
		finally {
			emulator.stop(TIMEOUT);
		}
		SfsyncProcess bad = SfsyncProcess.start(this.workingDirectory, Map.of(), "emulator", "--seed", "lots");
		assertThat(bad.exitCode(TIMEOUT)).isEqualTo(RunExitCode.USAGE.code());
		assertThat(bad.output()).contains("sfsync.emulator.seed must be demo or none; was lots");
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
		execute("RENAME TABLE sync_record_outcome TO sync_record_outcome_away");
		SfsyncProcess failing;
		try {
			failing = run("runDate=2026-02-01");
			assertThat(failing.exitCode(TIMEOUT)).isEqualTo(RunExitCode.UNKNOWN_ERROR.code());
		}
		finally {
			execute("RENAME TABLE sync_record_outcome_away TO sync_record_outcome");
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
