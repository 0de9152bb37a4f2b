package dev.sfsync.inbound;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.operations.JobParametersDefaults.Launch;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.system.SyncIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an incremental run costs in Salesforce API calls, counted by the emulator over
 * HTTP: one {@code queryAll} keyset stream reads the window's changes and deletes
 * together, pages of 2,000 ending at the first short page, and a describe read by an
 * earlier run of the connection is trusted, so the run makes no other call.
 */
@TestPropertySource(properties = "sfsync.inbound.settle-delay=1s")
class IncrementalInboundCallsIntegrationTests extends SyncIntegrationTestSupport {

	@Autowired
	private InboundLaunches launches;

	@Autowired
	private JobCatalog catalog;

	@Test
	void fiveThousandChangesAndDeletesCostThreeQueryCallsAndAWindowWithoutChangesCostsOne() throws Exception {
		EmulatorAdmin.Org org = admin.org("Calls Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 20, "Contact", 12_000), "badShare", 0, "seed", 11));
		connect("calls", org, null);
		JobExecution backfill = runNext("contact", "calls");
		assertThat(backfill.getJobInstance().getJobName()).isEqualTo("contact-backfill");
		assertThat(backfill.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(stepCounts(backfill, "pull-updates")).containsEntry("created", 12_000L);

		// Salesforce users change 4,900 contacts and delete 100.
		List<String> changed = this.jdbc.queryForList("SELECT salesforce_contact_id FROM contacts WHERE connection_id"
				+ " = 'calls' ORDER BY salesforce_contact_id LIMIT 5000", String.class);
		List<String> deleted = changed.subList(0, 100);
		for (String id : deleted) {
			admin.send("DELETE", "/emulator/orgs/" + org.id() + "/records/Contact/" + id, null);
		}
		for (String id : changed.subList(100, changed.size())) {
			admin.send("PATCH", "/emulator/orgs/" + org.id() + "/records/Contact/" + id,
					Map.of("Title", "Changed " + id));
		}
		settled();
		admin.resetApiCalls(org);

		JobExecution incremental = runNext("contact", "calls");

		assertThat(incremental.getJobInstance().getJobName()).isEqualTo("contact-inbound");
		assertThat(incremental.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(admin.apiCalls(org)).as("2,000 + 2,000 + 1,000, and no describe").isEqualTo(Map.of("queryAll", 3));
		assertThat(stepNames(incremental)).as("every contact points at its account already")
			.containsExactly("pull-updates");
		assertThat(stepCounts(incremental, "pull-updates")).containsEntry("read", 5000L)
			.containsEntry("created", 0L)
			.containsEntry("updated", 4900L)
			.containsEntry("deleted", 100L)
			.containsEntry("skipped", 0L)
			.containsEntry("failed", 0L);
		assertThat(outcomeCounts(incremental)).isEqualTo(Map.of("UPDATED", 4900, "DELETED", 100));
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM contacts WHERE connection_id = 'calls'" + " AND deleted = TRUE", Integer.class))
			.isEqualTo(100);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM contacts WHERE connection_id = 'calls'"
				+ " AND title = CONCAT('Changed ', salesforce_contact_id)", Integer.class))
			.isEqualTo(4900);

		// The next window, without the overlap that would read the same changes again.
		settled();
		admin.resetApiCalls(org);
		Instant from = Instant.parse(incremental.getJobParameters().getString(InboundLaunches.TO));
		JobExecution quiet = start("contact-inbound", InboundLaunches.parameters("calls", from,
				Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS)));

		assertThat(quiet.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(admin.apiCalls(org)).isEqualTo(Map.of("queryAll", 1));
		assertThat(stepCounts(quiet, "pull-updates")).containsEntry("read", 0L);
	}

	@Test
	void aMappedFieldDeletedWhileTheDescribeIsTrustedFailsTheRunAsSchemaDriftAndItsRestartDescribesAfresh()
			throws Exception {
		EmulatorAdmin.Org org = admin.org("Trusted Describe Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 2, "Contact", 10), "badShare", 0, "seed", 5));
		Map<String, Object> nickname = Map.of("name", "Nickname__c", "type", "string", "length", 80);
		admin.post("/emulator/orgs/" + org.id() + "/objects/Contact/fields", nickname);
		connect("trusted", org, new ConnectionSettings(null, null, Map.of("contact", Map.of("Nickname__c", "title")),
				null, null, false));
		assertThat(runNext("contact", "trusted").getStatus()).isEqualTo(BatchStatus.COMPLETED);
		nextSecond();
		admin.resetApiCalls(org);
		assertThat(runNext("contact", "trusted").getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(admin.apiCalls(org)).as("a run without changes").isEqualTo(Map.of("queryAll", 1));

		admin.send("DELETE", "/emulator/orgs/" + org.id() + "/objects/Contact/fields/Nickname__c", null);
		nextSecond();
		admin.resetApiCalls(org);
		JobExecution missing = runNext("contact", "trusted");

		assertThat(missing.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(missing.getExitStatus().getExitDescription())
			.contains("Salesforce no longer has the mapped field Contact.Nickname__c")
			.contains("then restart the run");
		assertThat(admin.apiCalls(org)).as("the refused query, then a fresh describe")
			.isEqualTo(Map.of("queryAll", 1, "describe", 1));

		admin.post("/emulator/orgs/" + org.id() + "/objects/Contact/fields", nickname);
		admin.resetApiCalls(org);
		JobExecution restarted = runNext("contact", "trusted");

		assertThat(restarted.getJobInstance().getInstanceId()).as("the failed run was restarted")
			.isEqualTo(missing.getJobInstance().getInstanceId());
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(admin.apiCalls(org)).as("a restart describes afresh")
			.isEqualTo(Map.of("describe", 1, "queryAll", 1));

		nextSecond();
		admin.resetApiCalls(org);
		assertThat(runNext("contact", "trusted").getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(admin.apiCalls(org)).isEqualTo(Map.of("queryAll", 1));
	}

	private JobExecution runNext(String objectType, String connectionId) {
		JobDefinition definition = this.catalog.find(objectType).orElseThrow();
		Launch launch = this.launches.next(definition, connectionId);
		return start(launch.jobName(), launch.parameters());
	}

}
