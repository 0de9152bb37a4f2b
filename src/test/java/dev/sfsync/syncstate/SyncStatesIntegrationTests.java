package dev.sfsync.syncstate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.inbound.InboundLaunches;
import dev.sfsync.inbound.InboundProperties;
import dev.sfsync.operations.JobParametersDefaults.Launch;
import dev.sfsync.system.SyncIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync state that real runs leave, read by the launch decision: one row per
 * connection, object type and direction, taken from the job repository after it records a
 * run's end, settled from it when a crash left the row behind, and equal to what the
 * documented rebuild statement derives from {@code BATCH_*}.
 */
class SyncStatesIntegrationTests extends SyncIntegrationTestSupport {

	private static final String STATE = """
			SELECT connection_id, object_type, direction, high_water_mark, completed_execution_id, last_execution_id,
				last_job_name, last_status, backfill_done
			FROM sync_state WHERE connection_id = ? ORDER BY object_type, direction""";

	@Autowired
	private SyncStates states;

	@Autowired
	private InboundLaunches launches;

	@Autowired
	private InboundProperties properties;

	@Autowired
	private JobCatalog catalog;

	@Test
	void runsLeaveTheirEndAsTheStateAndTheRebuildStatementDerivesTheSameRowsFromTheJobRepository() {
		EmulatorAdmin.Org org = admin.org("State Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 2, "Contact", 5), "badShare", 0, "seed", 3));
		Map<String, Object> nickname = Map.of("name", "Nickname__c", "type", "string", "length", 80);
		admin.post("/emulator/orgs/" + org.id() + "/objects/Contact/fields", nickname);
		connect("state", org, new ConnectionSettings(null, null, Map.of("contact", Map.of("Nickname__c", "title")),
				null, null, false));
		Instant t1 = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
		Instant t2 = t1.plus(Duration.ofHours(1));
		Instant t3 = t2.plus(Duration.ofHours(1));
		assertThat(this.states.find("state", "contact", SyncState.INBOUND)).isEmpty();

		JobExecution backfill = start("contact-backfill", InboundLaunches.parameters("state", Instant.EPOCH, t1));
		assertThat(backfill.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		SyncState afterBackfill = this.states.find("state", "contact", SyncState.INBOUND).orElseThrow();
		assertThat(afterBackfill.highWaterMark()).isEqualTo(t1);
		assertThat(afterBackfill.lastExecutionId()).isEqualTo(backfill.getId());
		assertThat(afterBackfill.lastStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(afterBackfill.backfillDone()).isTrue();
		assertThat(afterBackfill.running()).isNull();

		JobExecution window = start("contact-inbound", InboundLaunches.parameters("state", t1, t2));
		assertThat(window.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(next("state").parameters().getString("from")).as("the next window starts at the last one's end")
			.isEqualTo(t2.minus(this.properties.overlap()).toString());

		// The mapped field goes away: the next window fails as schema drift.
		admin.send("DELETE", "/emulator/orgs/" + org.id() + "/objects/Contact/fields/Nickname__c", null);
		JobExecution failed = start("contact-inbound", InboundLaunches.parameters("state", t2, t3));
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		SyncState afterFailure = this.states.find("state", "contact", SyncState.INBOUND).orElseThrow();
		assertThat(afterFailure.lastExecutionId()).isEqualTo(failed.getId());
		assertThat(afterFailure.lastStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(afterFailure.highWaterMark()).as("a failed window does not move the mark").isEqualTo(t2);
		assertThat(afterFailure.completedExecutionId()).isEqualTo(window.getId());
		Launch restart = next("state");
		assertThat(restart.jobName()).isEqualTo("contact-inbound");
		assertThat(restart.parameters().getString("to")).as("the failed run is restarted").isEqualTo(t3.toString());

		List<Map<String, Object>> written = this.jdbc.queryForList(STATE, "state");
		this.jdbc.update("DELETE FROM sync_state WHERE connection_id = 'state'");
		this.states.rebuild();

		assertThat(this.jdbc.queryForList(STATE, "state")).isEqualTo(written).hasSize(1);
	}

	@Test
	void aStateLeftBehindTheJobRepositoryIsSettledFromItBeforeTheLaunchDecisionReadsIt() {
		EmulatorAdmin.Org org = admin.org("Behind Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 2, "Contact", 3), "badShare", 0, "seed", 4));
		connect("behind", org, null);
		Instant t1 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
		Instant t2 = t1.plus(Duration.ofHours(1));
		JobExecution backfill = start("contact-backfill", InboundLaunches.parameters("behind", Instant.EPOCH, t1));
		JobExecution window = start("contact-inbound", InboundLaunches.parameters("behind", t1, t2));
		assertThat(window.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<Map<String, Object>> settled = this.jdbc.queryForList(STATE, "behind");

		// A crash after the repository recorded the window's end, before the state took
		// it:
		// the row still says what the window's start left.
		this.jdbc.update(
				"UPDATE sync_state SET last_status = 'STARTING', high_water_mark = ?,"
						+ " completed_execution_id = ? WHERE connection_id = 'behind'",
				t1.toString(), backfill.getId());

		assertThat(next("behind").parameters().getString("from"))
			.isEqualTo(t2.minus(this.properties.overlap()).toString());
		assertThat(this.jdbc.queryForList(STATE, "behind")).isEqualTo(settled);
	}

	@Test
	void theRunningGuardSeesTheLastExecutionStillRunningInTheJobRepository() {
		EmulatorAdmin.Org org = admin.org("Running Org", Map.of());
		connect("running", org, null);
		Instant t1 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
		JobExecution backfill = start("contact-backfill", InboundLaunches.parameters("running", Instant.EPOCH, t1));
		assertThat(this.states.find("running", "contact", SyncState.INBOUND).orElseThrow().running()).isNull();

		// A replica that died mid-run leaves the execution STARTED in the repository.
		this.jdbc.update(
				"UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL" + " WHERE JOB_EXECUTION_ID = ?",
				backfill.getId());

		SyncState state = this.states.find("running", "contact", SyncState.INBOUND).orElseThrow();
		assertThat(state.running()).isEqualTo(backfill.getId());
		assertThat(state.highWaterMark()).as("the mark is the repository's, which still holds the end").isEqualTo(t1);
	}

	@Test
	void concurrentPollsOfManyTenantsRecordEveryPollWithoutDeadlocks() throws Exception {
		Instant start = Instant.parse("2026-12-01T00:00:00Z");
		int tenants = 120;
		for (int i = 0; i < tenants; i++) {
			this.jdbc.update(
					"INSERT INTO sync_state (connection_id, object_type, direction, high_water_mark,"
							+ " backfill_done, updated_at) VALUES (?, 'contact', 'inbound', ?, TRUE, UTC_TIMESTAMP(6))",
					"tenant-" + i, start.toString());
		}
		java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
		java.util.concurrent.atomic.AtomicInteger recorded = new java.util.concurrent.atomic.AtomicInteger();
		try {
			for (int round = 1; round <= 4; round++) {
				Instant to = start.plusSeconds(60L * round);
				List<java.util.concurrent.Future<?>> polls = new java.util.ArrayList<>();
				for (int i = 0; i < tenants; i++) {
					String tenant = "tenant-" + i;
					polls.add(threads.submit(() -> {
						SyncState state = this.states.find(tenant, "contact", SyncState.INBOUND).orElseThrow();
						if (this.states.polled(state, state.highWaterMark().minusSeconds(600), to, 1, true)) {
							recorded.incrementAndGet();
						}
					}));
				}
				for (java.util.concurrent.Future<?> poll : polls) {
					poll.get();
				}
			}
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(recorded).hasValue(tenants * 4);
		assertThat(this.jdbc.queryForList("SELECT DISTINCT CONCAT_WS(' ', window_from, window_to, polls) FROM sync_poll"
				+ " WHERE connection_id LIKE 'tenant-%'", String.class))
			.containsExactly(start.minusSeconds(600) + " " + start.plusSeconds(240) + " 4");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sync_poll WHERE connection_id LIKE 'tenant-%'",
				Integer.class))
			.isEqualTo(tenants);
	}

	private Launch next(String connectionId) {
		return this.launches.next(this.catalog.find("contact").orElseThrow(), connectionId);
	}

}
