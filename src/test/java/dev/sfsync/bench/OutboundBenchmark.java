package dev.sfsync.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.connection.ConnectionService;
import dev.sfsync.salesforce.ApiBudget;
import dev.sfsync.salesforce.SalesforceClient;
import dev.sfsync.store.ColumnType;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Outbound sync with the product's default settings, dispatched by the outbox poller: the
 * time from an app commit to the record's CreatedDate in Salesforce for single changes
 * arriving at one per second (p50, p95, p99), then a burst of changes over three object
 * types committed 500 rows per table at a time: its throughput, and the Collections calls
 * per object type against ⌈n/200⌉. Sizes: {@code bench.singles} (120) and
 * {@code bench.outbound} (10,000, the burst over all three).
 */
final class OutboundBenchmark implements Benchmark {

	private static final String CONNECTION = "outbound";

	private static final int WARM_UP = 10;

	/**
	 * The burst's object types: how a row of their app table is inserted (its name as the
	 * parameter), and which of their Salesforce records the burst wrote.
	 */
	private static final List<BurstObject> BURST = List.of(
			new BurstObject("Account", "INSERT INTO companies (connection_id, name) VALUES ('outbound', ?)",
					"Name LIKE 'Outbound burst %'"),
			new BurstObject("Campaign",
					"INSERT INTO campaigns (connection_id, name, status) VALUES ('outbound', ?, 'Planned')",
					"Name LIKE 'Outbound burst %'"),
			new BurstObject("Lead",
					"INSERT INTO contacts (connection_id, email, last_name, company_name) VALUES ('outbound',"
							+ " CONCAT(REPLACE(?, ' ', '-'), '@bench.example'), 'Bench', 'Outbound Bench Co')",
					"Company = 'Outbound Bench Co'"));

	private record BurstObject(String type, String insert, String written) {
	}

	@Override
	public String name() {
		return "outbound";
	}

	@Override
	public List<BenchmarkResult> run(BenchmarkEnvironment environment) throws Exception {
		try (ConfigurableApplicationContext context = environment.start("sfsync.outbound.dispatch=true")) {
			environment.connect(context, CONNECTION);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			SalesforceClient salesforce = context.getBean(ConnectionService.class)
				.client(CONNECTION, new ApiBudget(1.0, 1.0));
			List<BenchmarkResult> results = new ArrayList<>(singles(jdbc, salesforce));
			results.addAll(burst(environment, jdbc, salesforce));
			return results;
		}
	}

	/** Single changes at a fixed rate of one a second, after a few to warm up. */
	private List<BenchmarkResult> singles(JdbcTemplate jdbc, SalesforceClient salesforce) throws Exception {
		int singles = BenchmarkEnvironment.size("singles", 120);
		Map<String, Long> committed = new HashMap<>();
		long start = System.currentTimeMillis();
		for (int i = 0; i < WARM_UP + singles; i++) {
			Thread.sleep(Math.max(0, start + i * 1000L - System.currentTimeMillis()));
			String name = "Outbound " + ((i < WARM_UP) ? "warm-up " : "single ") + i;
			jdbc.update("INSERT INTO companies (connection_id, name) VALUES ('outbound', ?)", name);
			committed.put(name, System.currentTimeMillis());
		}
		awaitDrained(jdbc, 60);
		List<Long> latencies = new ArrayList<>();
		salesforce.query("SELECT Name, CreatedDate FROM Account WHERE Name LIKE 'Outbound single %'", 2000, false)
			.path("records")
			.forEach((account) -> latencies.add(createdDate(account) - committed.get(account.path("Name").asString())));
		if (latencies.size() != singles) {
			throw new IllegalStateException(latencies.size() + " of " + singles + " single changes reached Salesforce");
		}
		latencies.sort(Long::compare);
		long p95 = percentile(latencies, 95);
		System.out.printf("outbound: %d single changes at 1/s, p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n", singles,
				percentile(latencies, 50), p95, percentile(latencies, 99), latencies.get(latencies.size() - 1));
		return List.of(BenchmarkResult.target(name(),
				"latency of " + singles + " single changes at 1/s, app commit to Salesforce write",
				String.format("p50 %d ms, p95 %d ms, p99 %d ms", percentile(latencies, 50), p95,
						percentile(latencies, 99)),
				"p95 ≤ 1 s", p95 <= 1000));
	}

	/** A burst over three object types, committed 500 rows per table at a time. */
	private List<BenchmarkResult> burst(BenchmarkEnvironment environment, JdbcTemplate jdbc,
			SalesforceClient salesforce) throws Exception {
		int burst = BenchmarkEnvironment.size("outbound", 10_000);
		int[] sizes = new int[BURST.size()];
		for (int i = 0; i < sizes.length; i++) {
			sizes[i] = burst / sizes.length + ((i < burst % sizes.length) ? 1 : 0);
		}
		environment.resetCalls();
		long runsBefore = runs(jdbc);
		long started = System.currentTimeMillis();
		for (int offset = 0; offset < sizes[0]; offset += 500) {
			for (int object = 0; object < sizes.length; object++) {
				List<Object[]> rows = new ArrayList<>();
				for (int i = offset; i < Math.min(sizes[object], offset + 500); i++) {
					rows.add(new Object[] { "Outbound burst " + i });
				}
				jdbc.batchUpdate(BURST.get(object).insert(), rows);
			}
		}
		long inserted = System.currentTimeMillis();
		awaitDrained(jdbc, 300);
		long drained = System.currentTimeMillis();
		// sfsync's calls, before this benchmark's own queries
		JsonNode calls = environment.admin()
			.send("GET", "/emulator/orgs/" + environment.org().id() + "/api-calls", null);
		long runs = runs(jdbc) - runsBefore;
		long last = 0;
		for (BurstObject object : BURST) {
			last = Math.max(last,
					createdDate(salesforce
						.query("SELECT CreatedDate FROM " + object.type() + " WHERE " + object.written()
								+ " ORDER BY CreatedDate DESC LIMIT 1", 200, false)
						.path("records")
						.get(0)));
		}
		long took = last - started;
		System.out.printf(
				"outbound: burst of %,d changes inserted in %d ms, last Salesforce write after %d ms,"
						+ " outbox drained after %d ms, %d runs; API calls %s%n",
				burst, inserted - started, took, drained - started, runs, calls.path("byObject"));
		List<BenchmarkResult> results = new ArrayList<>();
		results.add(BenchmarkResult.figure(name(),
				String.format("burst of %,d changes over Account, Campaign and Lead, first commit to last"
						+ " Salesforce write (%d runs)", burst, runs),
				String.format("%.1f s, %,d records/s", took / 1000.0, burst * 1000L / Math.max(1, took))));
		long reads = 0;
		for (int object = 0; object < sizes.length; object++) {
			BurstObject type = BURST.get(object);
			long count = salesforce.query("SELECT COUNT() FROM " + type.type() + " WHERE " + type.written(), 200, false)
				.path("totalSize")
				.asLong();
			if (count != sizes[object]) {
				throw new IllegalStateException(
						count + " of " + sizes[object] + " " + type.type() + " records of the burst are in Salesforce");
			}
			JsonNode byKind = calls.path("byObject").path(type.type());
			long upserts = byKind.path("collections-upsert").asLong();
			long fewest = (sizes[object] + 199) / 200;
			reads += byKind.path("collections-retrieve").asLong() + byKind.path("query").asLong();
			results.add(BenchmarkResult.target(name(),
					String.format("Collections calls for %,d new %s records", sizes[object], type.type()),
					String.valueOf(upserts), "⌈n/200⌉ = " + fewest, upserts == fewest));
		}
		results.add(BenchmarkResult.figure(name(),
				"calls reading back the written records' CreatedDate and SystemModstamp, all three objects",
				String.valueOf(reads)));
		results.add(BenchmarkResult.figure(name(), "API calls of the burst in all",
				String.valueOf(calls.path("used").asLong())));
		return results;
	}

	private static long runs(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM sync_runs WHERE connection_id = ?", Long.class, CONNECTION);
	}

	private static long createdDate(JsonNode record) {
		return ColumnType.dateTime(record.path("CreatedDate").asString()).toEpochMilli();
	}

	private static long percentile(List<Long> sorted, int percent) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
	}

	/** Until nothing of the connection is pending and none of its runs goes on. */
	private static void awaitDrained(JdbcTemplate jdbc, int seconds) throws InterruptedException {
		long deadline = System.nanoTime() + seconds * 1_000_000_000L;
		while (jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM sync_outbox WHERE connection_id = ? AND status ="
				+ " 'PENDING') + (SELECT COUNT(*) FROM sync_runs WHERE connection_id = ? AND status IN ('STARTING',"
				+ " 'STARTED', 'STOPPING'))", Integer.class, CONNECTION, CONNECTION) > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"The outbox of " + CONNECTION + " was not drained in " + seconds + " s");
			}
			Thread.sleep(20);
		}
	}

}
