package dev.sfsync.inbound;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sfsync.SfsyncApplication;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.connection.AuthFlow;
import dev.sfsync.connection.ConnectionRequest;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.connection.Credentials;
import dev.sfsync.salesforce.ApiBudget;
import dev.sfsync.salesforce.BulkPolling;
import dev.sfsync.salesforce.SalesforceBulkQueryReader;
import dev.sfsync.salesforce.SalesforceClient;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Measures a {@code contact-backfill} of many Contacts end to end (Bulk API 2.0 from the
 * emulator, over HTTP, into the app tables of a real MySQL-compatible database) against
 * its two ceilings measured in the same run: reading the same Bulk result pages and doing
 * nothing else, and writing the same number of rows with plain JDBC multi-row upserts and
 * doing nothing else. Prints one table. Not a test (the build never runs it): after
 * {@code ./mvnw package}, run its main with {@code -Xmx512m} (the heap target) and the
 * arguments {@code [records] [jdbc-url]}; the emulator runs in its own process.
 */
final class InboundBackfillBenchmark {

	private InboundBackfillBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int records = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		String jdbcUrl = (args.length > 1) ? args[1] : "jdbc:mysql://127.0.0.1:3306/sfsync_bench";
		recreateDatabase(jdbcUrl);
		int port = freePort();
		Process emulator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx3g", "-jar", "target/sfsync.jar", "emulator", "--port", String.valueOf(port), "--seed", "none")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			String base = "http://localhost:" + port;
			awaitUp(base);
			EmulatorAdmin admin = new EmulatorAdmin(base);
			EmulatorAdmin.Org org = admin.org("Benchmark Org", Map.of());
			long seeding = System.nanoTime();
			admin.post("/emulator/orgs/" + org.id() + "/seed",
					Map.of("objects", Map.of("Account", 1000, "Contact", records), "badShare", 0, "seed", 9));
			System.out.printf("seeded %,d Contacts in the emulator in %.1f s%n", records, seconds(seeding));
			Thread.sleep(1100);
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SfsyncApplication.class)
				.web(WebApplicationType.NONE)
				.profiles("test")
				.properties("spring.datasource.url=" + jdbcUrl, "spring.datasource.username=root",
						"spring.datasource.password=", "logging.level.root=warn", "sfsync.inbound.settle-delay=0s")
				.run()) {
				run(context, admin, org, base, records);
			}
		}
		finally {
			emulator.destroy();
		}
	}

	private static void run(ConfigurableApplicationContext context, EmulatorAdmin admin, EmulatorAdmin.Org org,
			String base, int records) throws Exception {
		ConnectionService connections = context.getBean(ConnectionService.class);
		for (String id : List.of("bench", "read-ceiling")) {
			connections.create(new ConnectionRequest(id, id, base, AuthFlow.USERNAME_PASSWORD, org.consumerKey(),
					org.username(), new Credentials(org.consumerSecret(), "pw-1", null, null), null, null, null));
		}
		Instant to = Instant.now().minusSeconds(1);
		List<String> fields = new ArrayList<>(InboundRules
			.inboundColumns(context.getBean(JobCatalog.class).find("contact").orElseThrow(),
					dev.sfsync.connection.ConnectionSettings.DEFAULTS)
			.keySet());
		fields.addAll(List.of("CreatedDate", "IsDeleted"));

		// Ceiling 1: the same Bulk job and result pages, read and dropped.
		admin.send("DELETE", "/emulator/orgs/" + org.id() + "/api-calls", null);
		SalesforceClient client = connections.client("read-ceiling", new ApiBudget(1.0, 1.0));
		SalesforceBulkQueryReader<JsonNode> reader = new SalesforceBulkQueryReader<>("read-ceiling", client, "Contact",
				fields, Instant.EPOCH, to, SalesforceBulkQueryReader.Operation.QUERY_ALL, 50_000, (page) -> page,
				BulkPolling.DEFAULT);
		long reading = System.nanoTime();
		reader.open(new ExecutionContext());
		int read = 0;
		while (reader.read() != null) {
			read++;
		}
		double readSeconds = seconds(reading);
		int readCalls = calls(admin, org);

		// End to end: the backfill job.
		admin.send("DELETE", "/emulator/orgs/" + org.id() + "/api-calls", null);
		System.gc();
		java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
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
					InboundLaunches.parameters("bench", Instant.EPOCH, to));
		double backfillSeconds = seconds(backfilling);
		sampler.interrupt();
		long peakHeap = peak.get();
		int backfillCalls = calls(admin, org);
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		int rows = jdbc.queryForObject("SELECT COUNT(*) FROM contacts WHERE connection_id = 'bench'", Integer.class);

		// Ceiling 2: the same number of rows, written with plain JDBC multi-row upserts.
		long writing = System.nanoTime();
		writeRows(jdbc, records);
		double writeSeconds = seconds(writing);

		double ceiling = Math.max(readSeconds, writeSeconds);
		System.out.printf("%n%-58s %10s %14s %10s%n", "what (" + String.format("%,d", records) + " Contacts)",
				"seconds", "records/s", "API calls");
		System.out.printf("%-58s %10.1f %,14.0f %10d%n",
				"contact-backfill, end to end (" + execution.getStatus() + ", " + String.format("%,d", rows) + " rows)",
				backfillSeconds, records / backfillSeconds, backfillCalls);
		System.out.printf("%-58s %10.1f %,14.0f %10d%n", "ceiling: read the Bulk pages only (" + read + " records)",
				readSeconds, records / readSeconds, readCalls);
		System.out.printf("%-58s %10.1f %,14.0f %10s%n", "ceiling: plain JDBC multi-row upserts only", writeSeconds,
				records / writeSeconds, "-");
		System.out.printf("%-58s %10.2f%n", "end to end / slower ceiling (target <= 1.25)", backfillSeconds / ceiling);
		System.out.printf("%-58s %,10d MB (max heap %,d MB)%n",
				"peak heap used during the backfill (sampled every 10 ms)", peakHeap >> 20,
				Runtime.getRuntime().maxMemory() >> 20);
	}

	/**
	 * The rows of the backfill, generated, in chunks of 50,000 as the job writes them.
	 */
	private static void writeRows(JdbcTemplate jdbc, int records) {
		String sql = "INSERT INTO contacts (connection_id, salesforce_contact_id, email, first_name, last_name, title,"
				+ " phone, salesforce_account_id, salesforce_owner_id, email_opt_out, external_created_at,"
				+ " external_updated_at, deleted, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
				+ " ON DUPLICATE KEY UPDATE email = VALUES(email), first_name = VALUES(first_name),"
				+ " last_name = VALUES(last_name), title = VALUES(title), phone = VALUES(phone),"
				+ " salesforce_account_id = VALUES(salesforce_account_id),"
				+ " salesforce_owner_id = VALUES(salesforce_owner_id), email_opt_out = VALUES(email_opt_out),"
				+ " external_updated_at = VALUES(external_updated_at), deleted = FALSE, deleted_at = NULL";
		Timestamp now = Timestamp.from(Instant.now());
		for (int start = 0; start < records; start += 50_000) {
			List<Integer> chunk = new ArrayList<>();
			for (int i = start; i < Math.min(records, start + 50_000); i++) {
				chunk.add(i);
			}
			jdbc.batchUpdate(sql, chunk, chunk.size(), (statement, i) -> {
				statement.setString(1, "write-ceiling");
				statement.setString(2, String.format("003C%014d", i));
				statement.setString(3, "person.c" + i + "@example.com");
				statement.setString(4, "Ada");
				statement.setString(5, "Lovelace");
				statement.setString(6, "Engineer");
				statement.setString(7, null);
				statement.setString(8, "001A1000000000AIAQ");
				statement.setString(9, "005A1000000000AIAQ");
				statement.setBoolean(10, false);
				statement.setTimestamp(11, now);
				statement.setTimestamp(12, now);
				statement.setBoolean(13, false);
				statement.setTimestamp(14, null);
			});
		}
	}

	private static int calls(EmulatorAdmin admin, EmulatorAdmin.Org org) {
		return admin.send("GET", "/emulator/orgs/" + org.id() + "/api-calls", null).path("used").asInt();
	}

	private static void recreateDatabase(String jdbcUrl) throws Exception {
		String server = jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1);
		String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
		try (Connection connection = DriverManager.getConnection(server, "root", "");
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + database);
			statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
		}
	}

	private static void awaitUp(String base) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		HttpClient http = HttpClient.newHttpClient();
		while (true) {
			try {
				if (http
					.send(HttpRequest.newBuilder(URI.create(base + "/services/data")).build(),
							HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("The emulator did not start at " + base, ex);
				}
			}
			Thread.sleep(200);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

}
