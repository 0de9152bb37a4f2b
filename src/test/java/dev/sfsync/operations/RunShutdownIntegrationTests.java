package dev.sfsync.operations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.sfsync.emulator.Emulator;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.system.SfsyncProcess;
import dev.sfsync.system.TestDatabase;
import dev.sfsync.system.TestEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A one-job process ({@code sfsync run}, a Kubernetes CronJob's pod) stopped with
 * SIGTERM: the run stops at its next boundary, ends STOPPED, the process exits 6, and the
 * same command restarts the run to completion.
 */
class RunShutdownIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	@TempDir
	Path workingDirectory;

	@Test
	void sigtermLeavesTheRunStoppedExitsSixAndTheSameCommandRestartsIt() throws Exception {
		TestDatabase.get().reset();
		Emulator emulator = TestEmulator.get();
		// Given a connection to a slow Salesforce org
		EmulatorAdmin admin = new EmulatorAdmin(emulator.baseUrl());
		EmulatorAdmin.Org org = admin.org("Sigterm Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 10), "badShare", 0, "seed", 3));
		Path file = this.workingDirectory.resolve("connection.json");
		Files.writeString(file, """
				{"id": "sigterm", "loginUrl": "%s", "authFlow": "USERNAME_PASSWORD", "clientId": "%s",
				 "username": "%s", "credentials": {"clientSecret": "%s", "password": "%s"}}
				""".formatted(emulator.baseUrl(), org.consumerKey(), org.username(), org.consumerSecret(),
				org.password()));
		SfsyncProcess created = sfsync("connection", "create", "--file", file.toString());
		assertThat(created.exitCode(TIMEOUT)).as(created.output()).isZero();
		admin.send("PUT", "/emulator/orgs/" + org.id() + "/faults", Map.of("latencyMillis", 2000));

		// When its run is going and the process gets SIGTERM
		String[] run = { "run", "account-inbound", "--connection=sigterm", "from=2026-05-01T00:00:00Z",
				"to=2026-05-02T00:00:00Z" };
		SfsyncProcess process = sfsync(run);
		await("the run is going").atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(status()).as(process::output).isEqualTo("STARTED"));
		int exitCode = process.stop(TIMEOUT);

		// Then the run is STOPPED, the process exits 6, and the same command restarts
		// it
		assertThat(exitCode).as(process.output()).isEqualTo(RunExitCode.STOPPED.code());
		assertThat(process.output()).contains("status=STOPPED");
		assertThat(status()).isEqualTo("STOPPED");
		admin.send("DELETE", "/emulator/orgs/" + org.id() + "/faults", null);
		SfsyncProcess restart = sfsync(run);
		assertThat(restart.exitCode(TIMEOUT)).as(restart.output()).isZero();
		assertThat(restart.output()).contains("Restarting account-inbound").contains("status=COMPLETED");
	}

	private SfsyncProcess sfsync(String... args) throws Exception {
		Map<String, String> environment = new HashMap<>(SfsyncProcess.onTestDatabase());
		environment.put("SFSYNC_CREDENTIALS_KEY", "dGVzdC1rZXktZm9yLXNmc3luYy10ZXN0cy0zMmJ5dGU=");
		return SfsyncProcess.start(this.workingDirectory, environment, args);
	}

	private static String status() throws Exception {
		try (Connection connection = TestDatabase.get().connect();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(
						"SELECT STATUS FROM BATCH_JOB_EXECUTION" + " ORDER BY JOB_EXECUTION_ID DESC LIMIT 1")) {
			return rs.next() ? rs.getString(1) : "none";
		}
	}

}
