package dev.sfsync.outbound;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.salesforce.ApiBudget;
import dev.sfsync.system.SyncIntegrationTestSupport;
import dev.sfsync.system.SfsyncProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * sfsync as its own process ({@code target/sfsync.jar}), killed in the middle of an
 * outbound run and started again: every app change reaches Salesforce exactly once.
 */
class OutboundProcessIntegrationTests extends SyncIntegrationTestSupport {

	private static final int CHANGES = 2000;

	@TempDir
	private Path workingDirectory;

	@Test
	void aProcessKilledInTheMiddleOfARunAndStartedAgainDeliversEveryChangeExactlyOnce() throws Exception {
		EmulatorAdmin.Org org = admin.org("Kill Org", Map.of());
		connect("kill", org, ConnectionSettings.DEFAULTS);
		// Slow enough that the process is killed while its run is writing.
		admin.send("PUT", "/emulator/orgs/" + org.id() + "/faults", Map.of("latencyMillis", 300));

		// given app changes waiting in the outbox
		List<Object[]> companies = new ArrayList<>();
		for (int i = 0; i < CHANGES; i++) {
			companies.add(new Object[] { "Killed Co " + i });
		}
		this.jdbc.batchUpdate("INSERT INTO companies (connection_id, name) VALUES ('kill', ?)", companies);

		// when sfsync is killed once it has written some of them to Salesforce
		SfsyncProcess first = start();
		try {
			awaitUntil(Duration.ofSeconds(120), "the first process has sent three Collections calls",
					() -> upserts(org) >= 3);
		}
		finally {
			first.kill();
		}
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM sync_outbox WHERE connection_id = 'kill' AND" + " status = 'PENDING'",
				Integer.class))
			.as("changes left when the process was killed")
			.isPositive();

		// and started again
		SfsyncProcess second = start();
		try {
			awaitUntil(Duration.ofSeconds(180), "the second process has drained the outbox",
					() -> this.jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM sync_outbox WHERE connection_id ="
							+ " 'kill' AND status = 'PENDING') + (SELECT COUNT(*) FROM sync_runs WHERE connection_id"
							+ " = 'kill' AND status IN ('STARTING', 'STARTED', 'STOPPING'))", Integer.class) == 0);
		}
		finally {
			second.stop(Duration.ofSeconds(60));
		}

		// then each change is exactly one Salesforce record, and the killed run was
		// recovered
		assertThat(this.connections.client("kill", new ApiBudget(1.0, 1.0))
			.query("SELECT COUNT() FROM Account", 200, false)
			.path("totalSize")
			.asInt()).isEqualTo(CHANGES);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(DISTINCT salesforce_id) FROM companies WHERE connection_id" + " = 'kill'", Integer.class))
			.isEqualTo(CHANGES);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM sync_outbox WHERE connection_id = 'kill' AND" + " status <> 'SENT'",
				Integer.class))
			.isZero();
		assertThat(this.jdbc.queryForList(
				"SELECT status FROM sync_runs WHERE connection_id = 'kill' ORDER BY" + " job_execution_id",
				String.class))
			.contains("FAILED")
			.endsWith("COMPLETED");
	}

	private SfsyncProcess start() throws Exception {
		Map<String, String> environment = new HashMap<>(SfsyncProcess.onTestDatabase());
		environment.put("SFSYNC_CREDENTIALS_KEY", "dGVzdC1rZXktZm9yLXNmc3luYy10ZXN0cy0zMmJ5dGU=");
		environment.put("SERVER_PORT", "0");
		environment.put("SFSYNC_OUTBOUND_LEASE", "2s");
		// The killed process's launch claims lapse as fast as its dispatcher lease: the
		// second process takes its object types over within seconds, as with a short
		// lease.
		environment.put("SFSYNC_OPERATIONS_HEARTBEAT_INTERVAL", "1s");
		environment.put("SFSYNC_OPERATIONS_STALE_AFTER", "4s");
		environment.put("SFSYNC_OUTBOUND_CHUNK", "400");
		return SfsyncProcess.start(this.workingDirectory, environment);
	}

	private static int upserts(EmulatorAdmin.Org org) {
		return admin.send("GET", "/emulator/orgs/" + org.id() + "/api-calls", null)
			.path("byKind")
			.path("collections-upsert")
			.asInt();
	}

}
