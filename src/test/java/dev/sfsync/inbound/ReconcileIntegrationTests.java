package dev.sfsync.inbound;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.operations.JobParametersDefaults.Launch;
import dev.sfsync.operations.LaunchClaims;
import dev.sfsync.operations.RunCommand;
import dev.sfsync.operations.RunExitCode;
import dev.sfsync.operations.ScheduledPolls;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.system.SyncIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code {object}-reconcile} job against the emulator over HTTP: what inbound missed
 * (a record the app lost, a change it never read, a delete, a record purged from the
 * Recycle Bin) is repaired through the inbound rules and writer, nothing else is touched,
 * another tenant's rows least of all, and a record the app wrote after the run was asked
 * for is never taken for a purged one.
 */
@TestPropertySource(properties = "sfsync.inbound.settle-delay=1s")
class ReconcileIntegrationTests extends SyncIntegrationTestSupport {

	@Autowired
	private InboundLaunches inbound;

	@Autowired
	private ReconcileLaunches reconciles;

	@Autowired
	private LaunchClaims claims;

	@Autowired
	private JobCatalog catalog;

	@Autowired
	private ScheduledPolls polls;

	@Autowired
	private RunCommand command;

	@Test
	void aReconcileRepairsWhatInboundMissedAndTouchesNothingElse() {
		EmulatorAdmin.Org org = admin.org("Drift Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 5, "Contact", 300), "badShare", 0, "seed", 21));
		connect("drift", org, null);
		EmulatorAdmin.Org otherOrg = admin.org("Other Drift Org", Map.of());
		admin.post("/emulator/orgs/" + otherOrg.id() + "/seed",
				Map.of("objects", Map.of("Account", 5, "Contact", 300), "badShare", 0, "seed", 21));
		connect("drift-other", otherOrg, null);
		assertThat(backfill("drift").getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(backfill("drift-other").getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<String> ids = this.jdbc.queryForList("SELECT salesforce_contact_id FROM contacts WHERE connection_id ="
				+ " 'drift' AND deleted = FALSE ORDER BY salesforce_contact_id LIMIT 4", String.class);
		String lost = ids.get(0);
		String stale = ids.get(1);
		String deleted = ids.get(2);
		String purged = ids.get(3);
		String lostRow = title(lost);
		// The app lost a row and missed a change; Salesforce users deleted one record and
		// purged another; no inbound run saw any of it.
		this.jdbc.update("DELETE FROM contacts WHERE connection_id = 'drift' AND salesforce_contact_id = ?", lost);
		this.jdbc.update("UPDATE contacts SET title = 'Stale', external_updated_at = external_updated_at - INTERVAL 1"
				+ " DAY WHERE connection_id = 'drift' AND salesforce_contact_id = ?", stale);
		this.jdbc.update("UPDATE contacts SET title = 'Stale', external_updated_at = external_updated_at - INTERVAL 1"
				+ " DAY WHERE connection_id = 'drift-other' AND deleted = FALSE ORDER BY salesforce_contact_id LIMIT 2");
		// An app change that never reached Salesforce, and one that failed for good.
		this.jdbc.update("INSERT INTO sync_outbox (connection_id, object_type, app_table, app_id, operation,"
				+ " changed_at, status) VALUES ('drift', 'contact', 'contacts', 1, 'UPDATE', UTC_TIMESTAMP(6) -"
				+ " INTERVAL 2 HOUR, 'PENDING'), ('drift', 'contact', 'contacts', 2, 'UPDATE', UTC_TIMESTAMP(6) -"
				+ " INTERVAL 3 HOUR, 'FAILED'), ('drift', 'contact', 'contacts', 3, 'UPDATE', UTC_TIMESTAMP(6),"
				+ " 'PENDING'), ('drift-other', 'contact', 'contacts', 4, 'UPDATE', UTC_TIMESTAMP(6) - INTERVAL 2"
				+ " HOUR, 'PENDING')");
		admin.send("DELETE", "/emulator/orgs/" + org.id() + "/records/Contact/" + deleted, null);
		admin.send("DELETE", "/emulator/orgs/" + org.id() + "/records/Contact/" + purged + "?purge=true", null);
		admin.resetApiCalls(org);

		JobExecution reconcile = reconcile("drift");

		assertThat(reconcile.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(stepNames(reconcile)).containsExactly("list-ids", "find-drift", "reconcile", "update-foreign-keys");
		assertThat(stepCounts(reconcile, "reconcile")).containsEntry("created", 1L)
			.containsEntry("updated", 1L)
			.containsEntry("deleted", 2L)
			.containsEntry("skipped", 0L)
			.containsEntry("failed", 0L);
		assertThat(outcomeCounts(reconcile)).isEqualTo(Map.of("CREATED", 1, "DELETED", 2, "UPDATED", 1));
		assertThat(this.jdbc.queryForObject("SELECT EXIT_MESSAGE FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
				+ " AND STEP_NAME = 'find-drift'", String.class, reconcile.getId()))
			.isEqualTo("App changes of contact older than 60 minutes in the outbox: 1 still pending, 1 failed for"
					+ " good; they are not in Salesforce");
		assertThat(title(lost)).isEqualTo(lostRow);
		assertThat(title(stale)).isNotEqualTo("Stale");
		assertThat(this.jdbc.queryForList("SELECT salesforce_contact_id FROM contacts WHERE connection_id = 'drift'"
				+ " AND deleted = TRUE ORDER BY salesforce_contact_id", String.class))
			.containsExactly(deleted, purged);
		assertThat(admin.apiCalls(org)).as("the three records read by Id in one call, besides the Bulk job")
			.containsEntry("queryAll", 1);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sync_reconcile WHERE job_instance_id = ?",
				Integer.class, reconcile.getJobInstance().getInstanceId()))
			.as("the run's Ids, deleted once it completed")
			.isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM sync_reconcile_instance WHERE connection_id = 'drift'", Integer.class))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM contacts WHERE connection_id = 'drift-other' AND"
				+ " (title = 'Stale' OR deleted = TRUE)", Integer.class))
			.as("the other tenant's rows, untouched")
			.isEqualTo(2);
		assertThat(this.jdbc.queryForObject("SELECT job_name FROM sync_run WHERE job_execution_id = ?", String.class,
				reconcile.getId()))
			.isEqualTo("contact-reconcile");
		assertThat(this.jdbc.queryForMap("SELECT object_type, direction, created_count, updated_count, deleted_count"
				+ " FROM sync_runs WHERE job_execution_id = ?", reconcile.getId()))
			.as("the operators' view")
			.containsEntry("object_type", "contact")
			.containsEntry("direction", "reconcile")
			.containsEntry("created_count", 1L)
			.containsEntry("deleted_count", 2L);

		// Nothing left to repair: the next reconcile reads the Ids and nothing else.
		admin.resetApiCalls(org);
		JobExecution again = reconcile("drift");
		assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(again.getJobInstance().getInstanceId()).isNotEqualTo(reconcile.getJobInstance().getInstanceId());
		assertThat(outcomeCounts(again)).isEmpty();
		assertThat(admin.apiCalls(org)).doesNotContainKey("queryAll");
	}

	@Test
	void aRecordTheAppWroteAfterTheRunWasAskedForIsNotTakenForAPurgedOne() {
		EmulatorAdmin.Org org = admin.org("Fresh Write Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 2, "Contact", 20), "badShare", 0, "seed", 22));
		connect("fresh-write", org, null);
		assertThat(backfill("fresh-write").getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Instant at = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
		// An outbound run created this record after the run was asked for, and the Bulk
		// job read before it existed.
		String created = "003000000000ZZZAAA";
		this.jdbc.update("INSERT INTO contacts (connection_id, salesforce_contact_id, email, last_name,"
				+ " external_updated_at, deleted) VALUES ('fresh-write', ?, 'just.created@example.com', 'Just Created',"
				+ " UTC_TIMESTAMP(6), FALSE)", created);

		JobExecution reconcile = start("contact-reconcile", ReconcileLaunches.parameters("fresh-write", at));

		assertThat(reconcile.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(outcomeCounts(reconcile)).isEmpty();
		assertThat(this.jdbc.queryForObject(
				"SELECT deleted FROM contacts WHERE connection_id = 'fresh-write' AND" + " salesforce_contact_id = ?",
				Boolean.class, created))
			.isFalse();
	}

	@Test
	void moreRecordsGoneThanTheAllowedShareFailsTheRunAndDeletesNothing() {
		EmulatorAdmin.Org org = admin.org("Lost Access Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 2, "Contact", 10), "badShare", 0, "seed", 23));
		connect("lost-access", org, null);
		assertThat(backfill("lost-access").getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<String> ids = this.jdbc.queryForList("SELECT salesforce_contact_id FROM contacts WHERE connection_id ="
				+ " 'lost-access' ORDER BY salesforce_contact_id LIMIT 6", String.class);
		ids.forEach((id) -> admin.send("DELETE",
				"/emulator/orgs/" + org.id() + "/records/Contact/" + id + "?purge=true", null));

		JobExecution reconcile = reconcile("lost-access");

		assertThat(reconcile.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(reconcile.getExitStatus().getExitDescription())
			.startsWith("Insufficient permissions. The integration user lacks permission to read this record type.")
			.contains("6 of the 10 contact records the app holds are gone from Salesforce")
			.contains("nothing was deleted");
		assertThat(reconcile.getExitStatus().getExitCode()).isEqualTo("INSUFFICIENT_PERMISSIONS");
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM contacts WHERE connection_id = 'lost-access' AND deleted = TRUE", Integer.class))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sync_reconcile WHERE job_instance_id = ?",
				Integer.class, reconcile.getJobInstance().getInstanceId()))
			.as("the failed run's drifted Ids (the purged ones), kept for its restart; the others were only in memory")
			.isEqualTo(6);
		assertThat(reconcile("lost-access").getJobInstance().getInstanceId())
			.as("the next launch resumes the failed run")
			.isEqualTo(reconcile.getJobInstance().getInstanceId());
		// Given up on, it is replaced by a new run, which deletes the old run's Ids.
		this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'ABANDONED' WHERE JOB_INSTANCE_ID = ?",
				reconcile.getJobInstance().getInstanceId());
		JobExecution replaced = reconcile("lost-access");
		assertThat(replaced.getJobInstance().getInstanceId()).isNotEqualTo(reconcile.getJobInstance().getInstanceId());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sync_reconcile WHERE job_instance_id = ?",
				Integer.class, reconcile.getJobInstance().getInstanceId()))
			.isZero();
	}

	@Test
	void aReconcileHoldsTheObjectTypesInboundClaim() {
		EmulatorAdmin.Org org = admin.org("Claim Org", Map.of());
		connect("reconcile-claim", org, null);

		try (LaunchClaims.Claimed claimed = this.claims.claim("contact-reconcile", "reconcile-claim")) {
			assertThatExceptionOfType(LaunchClaims.AlreadyRunningException.class)
				.isThrownBy(() -> this.claims.claim("contact-inbound", "reconcile-claim"));
			assertThatExceptionOfType(LaunchClaims.AlreadyRunningException.class)
				.isThrownBy(() -> this.claims.claim("contact-backfill", "reconcile-claim"));
			this.claims.claim("contact-outbound", "reconcile-claim").close();
		}
		this.claims.claim("contact-inbound", "reconcile-claim").close();
	}

	@Test
	void aScheduledReconcileWaitsForTheFirstSyncAndRunsUnderTheInboundClaimAndTheCommandLineRunsOne() {
		EmulatorAdmin.Org org = admin.org("Scheduled Reconcile Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 2, "Contact", 10), "badShare", 0, "seed", 24));
		connect("scheduled-reconcile", org, null);
		try (ScheduledPolls.Poll early = this.polls.poll("contact-reconcile", "scheduled-reconcile")) {
			assertThat(early.launch()).isNull();
			assertThat(early.summary()).endsWith("its first sync has not completed");
		}
		assertThat(backfill("scheduled-reconcile").getStatus()).isEqualTo(BatchStatus.COMPLETED);
		admin.create(org, "Contact", Map.of("LastName", "Changed Meanwhile", "Email", "meanwhile@example.com"));
		settled();
		try (LaunchClaims.Claimed inboundRun = this.claims.claim("contact-inbound", "scheduled-reconcile");
				ScheduledPolls.Poll busy = this.polls.poll("contact-reconcile", "scheduled-reconcile")) {
			assertThat(busy.launch()).as("an inbound run holds the object type").isNull();
			assertThat(busy.busy()).as("so the weekly fire tries again soon, not next week").isTrue();
			assertThat(busy.summary()).endsWith("it tries again soon");
		}

		try (ScheduledPolls.Poll fire = this.polls.poll("contact-reconcile", "scheduled-reconcile")) {
			Launch launch = fire.launch();
			assertThat(launch).isNotNull();
			assertThat(launch.jobName()).isEqualTo("contact-reconcile");
			assertThat(launch.parameters().getString("claim")).isNotNull();
			try (ScheduledPolls.Poll inboundFire = this.polls.poll("contact-inbound", "scheduled-reconcile")) {
				assertThat(inboundFire.launch()).as("the inbound claim is the reconcile run's").isNull();
				assertThat(inboundFire.summary())
					.contains("contact-inbound for connection scheduled-reconcile is already");
			}
			assertThat(start(launch.jobName(), launch.parameters()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		}
		this.claims.claim("contact-inbound", "scheduled-reconcile").close();

		// And on demand from the command line: sfsync run contact-reconcile
		// --connection=...
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		java.util.Properties parameters = new java.util.Properties();
		parameters.setProperty("connection", "scheduled-reconcile");
		assertThat(this.command.run("contact-reconcile", parameters, new java.io.PrintStream(out, true),
				new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true)))
			.isEqualTo(RunExitCode.COMPLETED);
		assertThat(out.toString()).contains("contact-reconcile execution=").contains("status=COMPLETED");
	}

	private JobExecution backfill(String connectionId) {
		JobDefinition definition = this.catalog.find("contact").orElseThrow();
		Launch launch = this.inbound.next(definition, connectionId);
		return start(launch.jobName(), launch.parameters());
	}

	/** The launch the operator API makes: the job's defaults complete the parameters. */
	private JobExecution reconcile(String connectionId) {
		Launch launch = this.reconciles.complete("contact-reconcile",
				new JobParametersBuilder().addString("connection", connectionId).toJobParameters());
		return start(launch.jobName(), launch.parameters());
	}

	private String title(String salesforceId) {
		return this.jdbc.queryForObject(
				"SELECT CONCAT(COALESCE(title, ''), '|', COALESCE(email, ''), '|', last_name)"
						+ " FROM contacts WHERE connection_id = 'drift' AND salesforce_contact_id = ?",
				String.class, salesforceId);
	}

}
