package dev.sfsync.outbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.inbound.EmulatorAdmin;
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
 * The outbound benchmark (a benchmark, not a timed test), with the product's default
 * outbound settings: the time from an app commit to the record's CreatedDate in an
 * emulator org with no added latency, for single changes arriving at one per second (p50,
 * p95, p99), then a burst of changes over three object types: its throughput and the API
 * calls per object type against ⌈n/200⌉. Run with
 * {@code -Dsfsync.benchmark=true -Dtest=OutboundLatencyBenchmark} (sizes:
 * {@code -Dsfsync.benchmark.singles=120 -Dsfsync.benchmark.burst=10000}).
 */
@EnabledIfSystemProperty(named = "sfsync.benchmark", matches = "true")
@TestPropertySource(properties = { "sfsync.outbound.dispatch=true", "logging.level.org.springframework.batch=warn" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboundLatencyBenchmark extends SyncIntegrationTestSupport {

	private static final Log logger = LogFactory.getLog(OutboundLatencyBenchmark.class);

	private static final int WARM_UP = 10;

	/**
	 * The burst's object types, how a row of their app table is inserted, and how their
	 * burst records are counted in Salesforce.
	 */
	private static final List<String[]> BURST_OBJECTS = List.of(
			new String[] { "Account", "INSERT INTO companies (connection_id, name) VALUES ('bench', ?)",
					"SELECT COUNT() FROM Account WHERE Name LIKE 'Burst %'" },
			new String[] { "Campaign",
					"INSERT INTO campaigns (connection_id, name, status) VALUES ('bench', ?, 'Planned')",
					"SELECT COUNT() FROM Campaign" },
			new String[] { "Lead",
					"INSERT INTO contacts (connection_id, email, last_name, company_name)"
							+ " VALUES ('bench', CONCAT(REPLACE(?, ' ', '-'), '@bench.example'), 'Bench', 'Bench Co')",
					"SELECT COUNT() FROM Lead" });

	@Test
	void singleChangeLatencyAndBurstThroughputAndCalls() throws Exception {
		EmulatorAdmin.Org org = admin.org("Benchmark Org", Map.of());
		connect("bench", org, ConnectionSettings.DEFAULTS);
		SalesforceClient salesforce = this.connections.client("bench", new ApiBudget(1.0, 1.0));

		// Single changes at a fixed rate, after a few to warm up.
		int singles = Integer.getInteger("sfsync.benchmark.singles", 120);
		long interval = Long.getLong("sfsync.benchmark.interval-ms", 1000);
		Map<String, Long> committed = new HashMap<>();
		long start = System.currentTimeMillis();
		for (int i = 0; i < WARM_UP + singles; i++) {
			long due = start + i * interval;
			Thread.sleep(Math.max(0, due - System.currentTimeMillis()));
			String name = ((i < WARM_UP) ? "Warm-up " : "Single ") + i;
			this.jdbc.update("INSERT INTO companies (connection_id, name) VALUES ('bench', ?)", name);
			committed.put(name, System.currentTimeMillis());
		}
		awaitDrained(Duration.ofSeconds(60));
		List<Long> latencies = new ArrayList<>();
		for (JsonNode account : records(salesforce,
				"SELECT Name, CreatedDate FROM Account WHERE Name LIKE 'Single %'")) {
			latencies.add(createdDate(account) - committed.get(account.path("Name").asString()));
		}
		assertThat(latencies).hasSize(singles);
		latencies.sort(Long::compare);
		logger.info(String.format(
				"Outbound latency of %d single changes at one per %d ms, app commit to Salesforce write: p50 %d ms,"
						+ " p95 %d ms, p99 %d ms, max %d ms; %s",
				singles, interval, percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99),
				latencies.get(latencies.size() - 1), runs()));

		// A burst over three object types, committed 500 rows per table at a time.
		int burst = Integer.getInteger("sfsync.benchmark.burst", 10000);
		int[] sizes = new int[BURST_OBJECTS.size()];
		for (int i = 0; i < sizes.length; i++) {
			sizes[i] = burst / sizes.length + ((i < burst % sizes.length) ? 1 : 0);
		}
		this.jdbc.update("DELETE FROM sync_outbox WHERE connection_id = 'bench'");
		admin.send("DELETE", "/emulator/orgs/" + org.id() + "/api-calls", null);
		long runsBefore = this.jdbc.queryForObject("SELECT COUNT(*) FROM sync_runs WHERE connection_id = 'bench'",
				Long.class);
		long started = System.currentTimeMillis();
		for (int offset = 0; offset < sizes[0]; offset += 500) {
			for (int object = 0; object < sizes.length; object++) {
				List<Object[]> rows = new ArrayList<>();
				for (int i = offset; i < Math.min(sizes[object], offset + 500); i++) {
					rows.add(new Object[] { "Burst " + i });
				}
				this.jdbc.batchUpdate(BURST_OBJECTS.get(object)[1], rows);
			}
		}
		long inserted = System.currentTimeMillis();
		awaitDrained(Duration.ofSeconds(300));
		long drained = System.currentTimeMillis();
		// The calls sfsync made, before this benchmark's own queries.
		JsonNode calls = admin.send("GET", "/emulator/orgs/" + org.id() + "/api-calls", null);
		long last = 0;
		for (String[] object : BURST_OBJECTS) {
			last = Math.max(last, createdDate(
					records(salesforce, "SELECT CreatedDate FROM " + object[0] + " ORDER BY CreatedDate DESC LIMIT 1")
						.get(0)));
		}
		long runs = this.jdbc.queryForObject("SELECT COUNT(*) FROM sync_runs WHERE connection_id = 'bench'", Long.class)
				- runsBefore;
		logger.info(String.format(
				"Outbound burst: %d changes over %d object types, inserted in %d ms; first commit to last Salesforce"
						+ " write %d ms (%d records/s), outbox drained after %d ms; %d runs",
				burst, sizes.length, inserted - started, last - started, burst * 1000L / Math.max(1, last - started),
				drained - started, runs));
		for (int object = 0; object < sizes.length; object++) {
			String type = BURST_OBJECTS.get(object)[0];
			JsonNode byKind = calls.path("byObject").path(type);
			logger.info(String.format(
					"Outbound burst of %d %s: %d Collections upserts (target ⌈n/200⌉ = %d); all"
							+ " calls naming %s: %s",
					sizes[object], type, byKind.path("collections-upsert").asLong(), (sizes[object] + 199) / 200, type,
					byKind));
			assertThat(count(salesforce, BURST_OBJECTS.get(object)[2])).as(type + " records").isEqualTo(sizes[object]);
		}
		logger
			.info("Outbound burst API calls by kind: " + calls.path("byKind") + ", " + calls.path("used") + " in all");
	}

	private String runs() {
		return "runs: " + this.jdbc.queryForList("SELECT CONCAT(job_name, ' ', COUNT(*)) FROM sync_runs WHERE"
				+ " connection_id = 'bench' GROUP BY job_name", String.class);
	}

	private static long createdDate(JsonNode record) {
		return ColumnType.dateTime(record.path("CreatedDate").asString()).toEpochMilli();
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

	private static long count(SalesforceClient salesforce, String soql) {
		return salesforce.query(soql, 200, false).path("totalSize").asLong();
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
