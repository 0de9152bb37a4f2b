package dev.sfsync.inbound;

import java.util.List;
import java.util.Map;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.operations.JobParametersDefaults.Launch;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.system.SyncIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reconcile of an object type with more Ids than
 * {@code sfsync.inbound.reconcile-ids-in-memory} (here none may be held) stages them in
 * the database and repairs the same drift as one compared in memory
 * ({@link ReconcileIntegrationTests}).
 */
@TestPropertySource(properties = { "sfsync.inbound.settle-delay=1s", "sfsync.inbound.reconcile-ids-in-memory=0" })
class StagedReconcileIntegrationTests extends SyncIntegrationTestSupport {

	@Autowired
	private InboundLaunches inbound;

	@Autowired
	private ReconcileLaunches reconciles;

	@Autowired
	private JobCatalog catalog;

	@Test
	void aReconcileWithTheIdsStagedInTheDatabaseRepairsWhatInboundMissed() {
		EmulatorAdmin.Org org = admin.org("Staged Drift Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 5, "Contact", 300), "badShare", 0, "seed", 22));
		connect("staged-drift", org, null);
		JobDefinition contact = this.catalog.find("contact").orElseThrow();
		Launch backfill = this.inbound.next(contact, "staged-drift");
		assertThat(start(backfill.jobName(), backfill.parameters()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<String> ids = this.jdbc.queryForList("SELECT salesforce_contact_id FROM contacts WHERE connection_id ="
				+ " 'staged-drift' AND deleted = FALSE ORDER BY salesforce_contact_id LIMIT 4", String.class);
		this.jdbc.update("DELETE FROM contacts WHERE connection_id = 'staged-drift' AND salesforce_contact_id = ?",
				ids.get(0));
		this.jdbc.update("UPDATE contacts SET title = 'Stale', external_updated_at = external_updated_at - INTERVAL 1"
				+ " DAY WHERE connection_id = 'staged-drift' AND salesforce_contact_id = ?", ids.get(1));
		admin.send("DELETE", "/emulator/orgs/" + org.id() + "/records/Contact/" + ids.get(2), null);
		admin.send("DELETE", "/emulator/orgs/" + org.id() + "/records/Contact/" + ids.get(3) + "?purge=true", null);

		Launch launch = this.reconciles.complete("contact-reconcile",
				new JobParametersBuilder().addString("connection", "staged-drift").toJobParameters());
		JobExecution reconcile = start(launch.jobName(), launch.parameters());

		assertThat(reconcile.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(stepCounts(reconcile, "list-ids")).containsEntry("read", 299L);
		assertThat(stepCounts(reconcile, "reconcile")).containsEntry("created", 1L)
			.containsEntry("updated", 1L)
			.containsEntry("deleted", 2L)
			.containsEntry("failed", 0L);
		assertThat(this.jdbc.queryForList("SELECT salesforce_contact_id FROM contacts WHERE connection_id ="
				+ " 'staged-drift' AND deleted = TRUE ORDER BY salesforce_contact_id", String.class))
			.containsExactly(ids.get(2), ids.get(3));
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM contacts WHERE connection_id = 'staged-drift' AND" + " title = 'Stale'",
				Integer.class))
			.isZero();
	}

}
