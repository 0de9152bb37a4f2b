package dev.sfsync.activity;

import java.util.Map;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.system.PlantedRuns;
import dev.sfsync.inbound.InboundLaunches;
import dev.sfsync.operations.JobParametersDefaults.Launch;
import dev.sfsync.system.SyncIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static dev.sfsync.activity.ActivityApiIntegrationTests.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * "Resync" of a run's failed records, as an operator presses it on the page, against the
 * emulator over HTTP: an inbound run's failed records are read again by Id by the next
 * run and written; an outbound run's failed changes are queued again; both audited, and
 * another tenant's run is not found.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@TestPropertySource(properties = "sfsync.inbound.settle-delay=1s")
class ResyncIntegrationTests extends SyncIntegrationTestSupport {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private InboundLaunches inbound;

	@Autowired
	private JobCatalog catalog;

	@Autowired
	private org.springframework.batch.core.repository.JobRepository repository;

	@Test
	void anInboundRunsFailedRecordsAreReadAgainByIdByTheNextRunAndWritten() throws Exception {
		EmulatorAdmin.Org org = admin.org("Resync Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 3, "Contact", 20), "badShare", 0, "seed", 5));
		connect("resync", org, null);
		assertThat(run("account", "resync").getStatus()).isEqualTo(BatchStatus.COMPLETED);
		JobExecution backfill = run("contact", "resync");
		assertThat(backfill.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		// Two records failed in the backfill (a database error, say): the app has
		// neither.
		long step = this.jdbc.queryForObject("SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION"
				+ " WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = 'pull-updates'", Long.class, backfill.getId());
		var failed = this.jdbc.queryForList("SELECT salesforce_contact_id FROM contacts WHERE connection_id ="
				+ " 'resync' ORDER BY salesforce_contact_id LIMIT 2", String.class);
		for (String id : failed) {
			this.jdbc.update("DELETE FROM contacts WHERE connection_id = 'resync' AND salesforce_contact_id = ?", id);
			this.jdbc.update("INSERT INTO sync_record_outcome_log (connection_id, job_execution_id, step_execution_id,"
					+ " object_type, created_at, outcome, reason, detail, salesforce_id) VALUES ('resync', ?, ?,"
					+ " 'contact', UTC_TIMESTAMP(6), 'FAILED', 'INBOUND_UNKNOWN_ERROR', 'Deadlock found', ?)",
					backfill.getId(), step, id);
		}
		this.jdbc.update("UPDATE BATCH_STEP_EXECUTION SET PROCESS_SKIP_COUNT = 2 WHERE STEP_EXECUTION_ID = ?", step);

		this.mvc.perform(post("/api/activity/runs/{id}/resync", backfill.getId()).with(operator("other")).with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/api/activity/runs/{id}/resync", backfill.getId()).with(operator("resync")))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/api/activity/runs/{id}/resync", backfill.getId()).with(operator("resync")).with(csrf()))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.message")
				.value("2 failed records are read again from Salesforce by the next contact run, and decided again."));
		assertThat(this.jdbc.queryForList("SELECT CONCAT(action, ' ', outcome, ' ', detail) FROM sync_operator_audit"
				+ " WHERE job_execution_id = ?", String.class, backfill.getId()))
			.containsExactly("resync DONE POST /api/activity/runs/" + backfill.getId() + "/resync: 202, resync of run "
					+ backfill.getId() + ": 2 failed records to read again");

		admin.resetApiCalls(org);
		JobExecution next = run("contact", "resync");

		assertThat(next.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(stepCounts(next, "retry-waiting")).containsEntry("created", 2L).containsEntry("failed", 0L);
		assertThat(this.jdbc.queryForList("SELECT salesforce_contact_id FROM contacts WHERE connection_id = 'resync'"
				+ " AND salesforce_contact_id IN (?, ?)", String.class, failed.get(0), failed.get(1)))
			.containsExactlyInAnyOrderElementsOf(failed);
		assertThat(
				this.jdbc.queryForList("SELECT state FROM sync_unwritten WHERE connection_id = 'resync'", String.class))
			.containsExactly("RESOLVED", "RESOLVED");
		assertThat(admin.apiCalls(org)).as("both read by Id in one call, besides the window's query")
			.containsEntry("queryAll", 2);
	}

	@Test
	void anOutboundRunsFailedChangesAreQueuedAgain() throws Exception {
		PlantedRuns planted = new PlantedRuns(this.repository, this.jdbc);
		java.time.LocalDateTime now = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC);
		long run = planted.completed("contact-outbound", "acme", "2026-11-01T08", now.minusMinutes(5),
				now.minusMinutes(4));
		planted.step(run, "push-updates", BatchStatus.COMPLETED, 3, 0, 1, 0, 0, 2);
		this.jdbc.update("INSERT INTO sync_outbox (connection_id, object_type, app_table, app_id, operation, status,"
				+ " attempts, job_execution_id, last_error) VALUES ('acme', 'contact', 'contacts', 1, 'UPDATE', 'FAILED',"
				+ " 2, ?, 'FIELD_CUSTOM_VALIDATION_EXCEPTION'), ('acme', 'contact', 'contacts', 2, 'UPDATE', 'FAILED', 0,"
				+ " ?, 'STRING_TOO_LONG'), ('acme', 'contact', 'contacts', 3, 'UPDATE', 'FAILED', 0, ?, 'other run'),"
				+ " ('acme', 'contact', 'contacts', 4, 'UPDATE', 'SENT', 0, ?, NULL)", run, run, run + 1000, run);

		this.mvc.perform(post("/api/activity/runs/{id}/resync", run).with(operator("acme")).with(csrf()))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.message")
				.value("2 failed changes are queued again: the next outbound run sends them to Salesforce."));
		assertThat(this.jdbc.queryForList(
				"SELECT CONCAT(app_id, ' ', status, ' ', attempts) FROM sync_outbox" + " ORDER BY id", String.class))
			.containsExactly("1 REQUEUED 2", "2 REQUEUED 0", "3 FAILED 0", "4 SENT 0", "1 PENDING 0", "2 PENDING 0");
		this.mvc.perform(post("/api/activity/runs/{id}/resync", run).with(operator("acme")).with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.message")
				.value("Run " + run + " has no failed changes left to resync: they were queued again already"));
	}

	private JobExecution run(String objectType, String connectionId) {
		Launch launch = this.inbound.next(this.catalog.find(objectType).orElseThrow(), connectionId);
		return start(launch.jobName(), launch.parameters());
	}

}
