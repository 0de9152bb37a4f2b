package dev.sfsync.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.inbound.InboundLaunches;
import dev.sfsync.inbound.InboundRules;
import dev.sfsync.salesforce.ApiBudget;
import dev.sfsync.salesforce.BulkPolling;
import dev.sfsync.salesforce.SalesforceBulkQueryReader;
import dev.sfsync.outcome.OutcomeLog;
import dev.sfsync.salesforce.SalesforceClient;
import dev.sfsync.store.SyncWrites;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.sfsync.bench.BenchmarkEnvironment.seconds;

/**
 * A {@code contact-backfill} of many Contacts end to end (Bulk API 2.0 from the emulator,
 * over HTTP, into the app tables) against its two ceilings measured in the same run:
 * reading the same Bulk result pages and doing nothing else, and writing the same number
 * of rows with plain JDBC multi-row upserts and doing nothing else. Also the API calls
 * and the peak heap (the suite runs with {@code -Xmx512m}). Leaves the Contacts in the
 * org and in connection {@code bench} for the incremental benchmark.
 */
final class BackfillBenchmark implements Benchmark {

	static final String CONNECTION = "bench";

	@Override
	public String name() {
		return "backfill";
	}

	@Override
	public List<BenchmarkResult> run(BenchmarkEnvironment environment) throws Exception {
		int records = BenchmarkEnvironment.size("contacts", 1_000_000);
		long seeding = System.nanoTime();
		environment.admin()
			.post("/emulator/orgs/" + environment.org().id() + "/seed",
					Map.of("objects", Map.of("Account", 1000, "Contact", records), "badShare", 0, "seed", 9));
		System.out.printf("backfill: seeded %,d Contacts in the emulator in %.1f s%n", records, seconds(seeding));
		Thread.sleep(1100);
		try (ConfigurableApplicationContext context = environment.start()) {
			return measure(environment, context, records);
		}
	}

	private List<BenchmarkResult> measure(BenchmarkEnvironment environment, ConfigurableApplicationContext context,
			int records) throws Exception {
		environment.connect(context, CONNECTION);
		List<String> fields = fields(context);
		Instant to = Instant.now().minusSeconds(1);

		// Ceiling 1: the same Bulk job and result pages, read and dropped.
		double readSeconds = readCeiling(environment, context, "backfill");

		// End to end: the backfill job, with the heap sampled every 10 ms.
		environment.resetCalls();
		System.gc();
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
		AtomicLong peak = new AtomicLong();
		AtomicLong live = new AtomicLong();
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
				live.accumulateAndGet(liveHeap(), Math::max);
				try {
					Thread.sleep(10);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		sampler.setDaemon(true);
		sampler.start();
		long backfilling = System.nanoTime();
		JobExecution execution = context.getBean(JobOperator.class)
			.start(context.getBean(JobRegistry.class).getJob("contact-backfill"),
					InboundLaunches.parameters(CONNECTION, Instant.EPOCH, to));
		double backfillSeconds = seconds(backfilling);
		sampler.interrupt();
		int calls = environment.calls();
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		int rows = jdbc.queryForObject("SELECT COUNT(*) FROM contacts WHERE connection_id = ?", Integer.class,
				CONNECTION);
		System.out.printf("backfill: end to end %.1f s, %s, %,d rows, %d API calls%n", backfillSeconds,
				execution.getStatus(), rows, calls);
		if (execution.getStatus() != BatchStatus.COMPLETED || rows != records) {
			throw new IllegalStateException("The backfill ended " + execution.getStatus() + " with " + rows
					+ " rows of " + records + ": " + execution.getAllFailureExceptions());
		}

		// Ceiling 2: the same rows, written with plain JDBC multi-row upserts.
		double writeSeconds = writeRows(jdbc,
				new TransactionTemplate(context.getBean(PlatformTransactionManager.class)),
				List.copyOf(
						InboundRules
							.inboundColumns(context.getBean(JobCatalog.class).find("contact").orElseThrow(),
									ConnectionSettings.DEFAULTS)
							.values()));
		System.out.printf("backfill: write ceiling %.1f s%n", writeSeconds);

		double ratio = backfillSeconds / Math.max(readSeconds, writeSeconds);
		long peakMb = peak.get() >> 20;
		long liveMb = live.get() >> 20;
		String n = String.format("%,d", records);
		return List.of(
				BenchmarkResult.figure(name(), "contact-backfill of " + n + " Contacts, end to end",
						String.format("%.1f s, %,.0f records/s", backfillSeconds, records / backfillSeconds)),
				BenchmarkResult.figure(name(), "ceiling: read the Bulk result pages only",
						String.format("%.1f s, %,.0f records/s", readSeconds, records / readSeconds)),
				BenchmarkResult.figure(name(), "ceiling: plain JDBC multi-row upserts only",
						String.format("%.1f s, %,.0f records/s", writeSeconds, records / writeSeconds)),
				BenchmarkResult.target(name(), "end to end ÷ slower ceiling", String.format("%.2f", ratio), "≤ 1.25",
						ratio <= 1.25),
				BenchmarkResult.figure(name(), "API calls (Bulk job, polls, result pages)", String.valueOf(calls)),
				BenchmarkResult.target(name(),
						"peak heap used (max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB)", peakMb + " MB",
						"≤ 512 MB", peakMb <= 512),
				BenchmarkResult.figure(name(), "most heap still in use after a collection", liveMb + " MB"));
	}

	/**
	 * What the heap held after its latest collections: the memory the backfill needs, as
	 * opposed to the garbage that a sampled "used" also counts.
	 */
	/** The fields a Contact backfill reads. */
	private static List<String> fields(ConfigurableApplicationContext context) {
		List<String> fields = new ArrayList<>(InboundRules
			.inboundColumns(context.getBean(JobCatalog.class).find("contact").orElseThrow(),
					ConnectionSettings.DEFAULTS)
			.keySet());
		fields.addAll(List.of("CreatedDate", "IsDeleted"));
		return fields;
	}

	/**
	 * The read ceiling: a Contact backfill's Bulk job and result pages, every field it
	 * reads, read and dropped.
	 * @return its wall time in seconds
	 */
	static double readCeiling(BenchmarkEnvironment environment, ConfigurableApplicationContext context, String piece)
			throws Exception {
		environment.connect(context, "read-ceiling");
		environment.resetCalls();
		SalesforceClient client = context.getBean(ConnectionService.class)
			.client("read-ceiling", new ApiBudget(1.0, 1.0));
		SalesforceBulkQueryReader<JsonNode> reader = new SalesforceBulkQueryReader<>("read-ceiling", client, "Contact",
				fields(context), Instant.EPOCH, Instant.now().minusSeconds(1),
				SalesforceBulkQueryReader.Operation.QUERY_ALL, 50_000, (page) -> page,
				BulkPolling.standard(Clock.systemUTC()));
		long reading = System.nanoTime();
		reader.open(new ExecutionContext());
		int read = 0;
		while (reader.read() != null) {
			read++;
		}
		reader.close();
		double readSeconds = seconds(reading);
		System.out.printf("%s: read ceiling %.1f s (%,d records)%n", piece, readSeconds, read);
		return readSeconds;
	}

	private static long liveHeap() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
			.mapToLong((pool) -> pool.getCollectionUsage().getUsed())
			.sum();
	}

	/**
	 * Writes the rows the backfill wrote, with the same values, again as another
	 * connection's: read back 50,000 at a time (not timed), then upserted with plain JDBC
	 * multi-row upserts in a transaction of their own (timed), marked like sfsync's own
	 * writes so that the outbox triggers skip them. They go into a table that already
	 * holds the backfill's rows, so this ceiling is if anything slower than writing them
	 * into an empty one.
	 * @return the seconds spent writing
	 */
	private static double writeRows(JdbcTemplate jdbc, TransactionTemplate transactions, List<String> columns) {
		List<String> all = new ArrayList<>(List.of("salesforce_contact_id"));
		all.addAll(columns);
		all.addAll(List.of("external_created_at", "external_updated_at"));
		String select = "SELECT id, " + String.join(", ", all) + " FROM contacts WHERE connection_id = ? AND id > ?"
				+ " ORDER BY id LIMIT 50000";
		List<String> updates = new ArrayList<>();
		for (String column : columns) {
			updates.add(column + " = VALUES(" + column + ")");
		}
		String upsert = "INSERT INTO contacts (connection_id, " + String.join(", ", all)
				+ ", deleted, deleted_at) VALUES (?, " + String.join(", ", all.stream().map((column) -> "?").toList())
				+ ", FALSE, NULL) ON DUPLICATE KEY UPDATE " + String.join(", ", updates)
				+ ", external_updated_at = VALUES(external_updated_at), deleted = FALSE, deleted_at = NULL";
		long writing = 0;
		long lastId = 0;
		while (true) {
			List<Object[]> rows = jdbc.query(select, (rs, n) -> {
				Object[] row = new Object[all.size() + 1];
				for (int i = 0; i < row.length; i++) {
					row[i] = rs.getObject(i + 1);
				}
				return row;
			}, CONNECTION, lastId);
			if (rows.isEmpty()) {
				return writing / 1e9;
			}
			lastId = (Long) rows.get(rows.size() - 1)[0];
			long start = System.nanoTime();
			transactions.executeWithoutResult((status) -> SyncWrites.uncaptured(jdbc,
					(Runnable) () -> jdbc.batchUpdate(upsert, rows, OutcomeLog.JDBC_BATCH, (statement, row) -> {
						statement.setString(1, "write-ceiling");
						for (int i = 1; i < row.length; i++) {
							statement.setObject(i + 1, row[i]);
						}
					})));
			writing += System.nanoTime() - start;
		}
	}

}
