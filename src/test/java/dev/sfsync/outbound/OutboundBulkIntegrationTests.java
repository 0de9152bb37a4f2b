package dev.sfsync.outbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.salesforce.ApiBudget;
import dev.sfsync.system.SyncIntegrationTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Above {@code sfsync.outbound.bulk-threshold} new records in a chunk, one Bulk API 2.0
 * ingest job writes them instead of sObject Collections, with the same outcomes.
 */
@TestPropertySource(properties = { "sfsync.outbound.dispatch=true", "sfsync.outbound.bulk-threshold=200" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboundBulkIntegrationTests extends SyncIntegrationTestSupport {

	@Test
	void manyNewRecordsGoThroughOneBulkIngestJobWithEachRecordsOutcome() throws Exception {
		EmulatorAdmin.Org org = admin.org("Bulk Org", Map.of());
		connect("bulk", org, ConnectionSettings.DEFAULTS);
		this.connections.pause("bulk");
		admin.send("DELETE", "/emulator/orgs/" + org.id() + "/api-calls", null);

		// given 450 new companies waiting, one of them without the name Salesforce
		// requires
		List<Object[]> companies = new ArrayList<>();
		for (int i = 0; i < 449; i++) {
			companies.add(new Object[] { "Bulk Co " + i });
		}
		this.jdbc.batchUpdate("INSERT INTO companies (connection_id, name) VALUES ('bulk', ?)", companies);
		this.jdbc.update("INSERT INTO companies (connection_id, name, industry) VALUES ('bulk', NULL, 'Banking')");

		// when they are dispatched
		this.connections.resume("bulk");
		awaitUntil(Duration.ofSeconds(60), "the outbox of bulk is drained",
				() -> this.jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM sync_outbox WHERE connection_id = 'bulk'"
						+ " AND status = 'PENDING') + (SELECT COUNT(*) FROM sync_runs WHERE connection_id = 'bulk' AND"
						+ " status <> 'COMPLETED') + (SELECT COUNT(*) = 0 FROM sync_runs WHERE connection_id = 'bulk')",
						Integer.class) == 0);

		// then one Bulk job wrote them, and each record has its outcome
		JsonNode calls = admin.send("GET", "/emulator/orgs/" + org.id() + "/api-calls", null).path("byKind");
		assertThat(calls.path("bulk-ingest-create").asInt()).as(calls.toString()).isEqualTo(1);
		assertThat(calls.path("collections-upsert").asInt()).as(calls.toString()).isZero();
		assertThat(this.connections.client("bulk", new ApiBudget(1.0, 1.0))
			.query("SELECT COUNT() FROM Account", 200, false)
			.path("totalSize")
			.asInt()).isEqualTo(449);
		Map<String, Object> outcomes = new java.util.TreeMap<>();
		this.jdbc.query("SELECT CONCAT(outcome, ':', COALESCE(reason, '')), COUNT(*) FROM sync_record_outcome"
				+ " WHERE connection_id = 'bulk' GROUP BY outcome, reason", (row) -> {
					outcomes.put(row.getString(1), row.getInt(2));
				});
		assertThat(outcomes).isEqualTo(Map.of("CREATED:", 449, "FAILED:REQUIRED_FIELD_MISSING", 1));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM companies WHERE connection_id = 'bulk' AND"
				+ " salesforce_id IS NOT NULL AND external_updated_at IS NOT NULL", Integer.class))
			.isEqualTo(449);
		assertThat(this.jdbc.queryForObject("SELECT WRITE_SKIP_COUNT FROM BATCH_STEP_EXECUTION s JOIN sync_runs r ON"
				+ " r.job_execution_id = s.JOB_EXECUTION_ID WHERE r.connection_id = 'bulk' AND s.STEP_NAME ="
				+ " 'push-new'", Long.class))
			.isEqualTo(1);
	}

}
