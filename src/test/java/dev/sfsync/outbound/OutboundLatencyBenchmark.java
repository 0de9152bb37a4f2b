package dev.sfsync.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.inbound.EmulatorAdmin;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.salesforce.ApiBudget;
import dev.sfsync.salesforce.SalesforceClient;
import dev.sfsync.store.ColumnType;
import dev.sfsync.system.SyncIntegrationTestSupport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The outbound latency benchmark (a benchmark, not a timed test): the time from an app
 * commit to the record's CreatedDate in an emulator org with no added latency, for single
 * changes one after another (p50, p95, p99), then the sustained throughput of a burst
 * over three object types. Run with {@code -Dsfsync.benchmark=true
 * -Dtest=OutboundLatencyBenchmark} (sizes: {@code -Dsfsync.benchmark.singles=200
 * -Dsfsync.benchmark.burst=2000}, the latter per object type).
 */
@EnabledIfSystemProperty(named = "sfsync.benchmark", matches = "true")
@TestPropertySource(properties = { "sfsync.outbound.dispatch=true", "sfsync.outbound.bulk-threshold=100000",
		"sfsync.outbound.chunk=10000", "logging.level.org.springframework.batch=warn" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboundLatencyBenchmark extends SyncIntegrationTestSupport {

	private static final Log logger = LogFactory.getLog(OutboundLatencyBenchmark.class);

	@Test
	void commitToSalesforceLatencyAndThroughput() throws Exception {
		EmulatorAdmin.Org org = admin.org("Benchmark Org", Map.of());
		connect("bench", org, ConnectionSettings.DEFAULTS);
		SalesforceClient salesforce = this.connections.client("bench", new ApiBudget(1.0, 1.0));

		// Single changes, 100 ms apart: each is its own run.
		int singles = Integer.getInteger("sfsync.benchmark.singles", 200);
		Map<String, Long> committed = new HashMap<>();
		for (int i = 0; i < singles; i++) {
			this.jdbc.update("INSERT INTO companies (connection_id, name) VALUES ('bench', ?)", "Single " + i);
			committed.put("Single " + i, System.currentTimeMillis());
			Thread.sleep(100);
		}
		awaitDrained(Duration.ofSeconds(60));
		List<Long> latencies = new ArrayList<>();
		for (JsonNode account : records(salesforce, "SELECT Name, CreatedDate FROM Account")) {
			latencies.add(ColumnType.dateTime(account.path("CreatedDate").asString()).toEpochMilli()
					- committed.get(account.path("Name").asString()));
		}
		assertThat(latencies).hasSize(singles);
		latencies.sort(Long::compare);
		logger.info(String.format(
				"Outbound latency of %d single changes, app commit to Salesforce write: p50 %d ms,"
						+ " p95 %d ms, p99 %d ms, max %d ms",
				singles, percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99),
				latencies.get(latencies.size() - 1)));

		// A burst over three object types, committed 500 rows at a time.
		int burst = Integer.getInteger("sfsync.benchmark.burst", 2000);
		long started = System.currentTimeMillis();
		for (int offset = 0; offset < burst; offset += 500) {
			List<Object[]> rows = new ArrayList<>();
			for (int i = offset; i < Math.min(burst, offset + 500); i++) {
				rows.add(new Object[] { "Burst " + i });
			}
			this.jdbc.batchUpdate("INSERT INTO companies (connection_id, name) VALUES ('bench', ?)", rows);
			this.jdbc.batchUpdate("INSERT INTO campaigns (connection_id, name) VALUES ('bench', ?)", rows);
			List<Object[]> leads = rows.stream()
				.map((row) -> new Object[] { row[0] + "@bench.example", row[0], "Bench Co" })
				.toList();
			this.jdbc.batchUpdate(
					"INSERT INTO contacts (connection_id, email, last_name, company_name) VALUES ('bench', ?, ?, ?)",
					leads);
		}
		awaitDrained(Duration.ofSeconds(300));
		long last = 0;
		for (String object : List.of("Account", "Campaign", "Lead")) {
			JsonNode newest = records(salesforce,
					"SELECT CreatedDate FROM " + object + " ORDER BY CreatedDate DESC LIMIT 1")
				.get(0);
			last = Math.max(last, ColumnType.dateTime(newest.path("CreatedDate").asString()).toEpochMilli());
		}
		long took = last - started;
		logger.info(String.format(
				"Outbound throughput: %d changes over 3 object types from first commit to last"
						+ " Salesforce write in %d ms: %d records/s",
				3 * burst, took, 3L * burst * 1000 / Math.max(1, took)));
		logger.info("Runs: " + this.jdbc.queryForList("SELECT CONCAT(job_name, ' ', COUNT(*)) FROM sync_runs WHERE"
				+ " connection_id = 'bench' GROUP BY job_name", String.class) + " at " + Instant.now());
	}

	private static long percentile(List<Long> sorted, int percent) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
	}

	private static List<JsonNode> records(SalesforceClient salesforce, String soql) {
		List<JsonNode> records = new ArrayList<>();
		// One page of up to 2,000: the singles stay below that.
		salesforce.query(soql, 2000, false).path("records").forEach(records::add);
		return records;
	}

	private void awaitDrained(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM sync_outbox WHERE connection_id = 'bench' AND"
				+ " status = 'PENDING') + (SELECT COUNT(*) FROM sync_runs WHERE connection_id = 'bench' AND status"
				+ " IN ('STARTING', 'STARTED', 'STOPPING'))", Integer.class) > 0) {
			if (System.nanoTime() > deadline) {
				fail("The outbox of bench was not drained within " + timeout);
			}
			Thread.sleep(20);
		}
	}

}
