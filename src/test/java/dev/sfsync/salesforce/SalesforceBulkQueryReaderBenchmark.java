package dev.sfsync.salesforce;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.emulator.Emulator;
import dev.sfsync.emulator.EmulatorProperties;
import dev.sfsync.system.EmulatorAdmin;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Measures a backfill through {@link SalesforceBulkQueryReader} against the emulator over
 * HTTP: seeds Contacts with the admin API, then reads them all with the contact job's
 * fields in pages of 50,000, and prints the time, records per second and calls used. Not
 * a test (the build never runs it); run its main with {@code -Xmx3g} and the arguments
 * {@code [records] [jdk|simple] [gzip|identity]}: the request factory ({@code jdk} is
 * what {@code RestClient.builder()} picks here, {@code simple} is HttpURLConnection) and
 * whether results pages are compressed.
 */
final class SalesforceBulkQueryReaderBenchmark {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int PAGE = 50_000;

	private static final List<String> FIELDS = List.of("Email", "FirstName", "LastName", "Title", "Phone", "AccountId",
			"OwnerId", "HasOptedOutOfEmail");

	private SalesforceBulkQueryReaderBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int records = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		String factory = (args.length > 1) ? args[1] : "jdk";
		boolean gzip = args.length <= 2 || args[2].equals("gzip");
		try (Emulator emulator = Emulator.start(EmulatorProperties.standalone(0, "none", 0))) {
			String base = emulator.baseUrl();
			String org = admin(base, "POST", "/emulator/orgs", Map.of("name", "Backfill Org")).get("id").asString();
			JsonNode app = admin(base, "POST", "/emulator/orgs/" + org + "/apps", Map.of("name", "sfsync"));
			String username = "backfill@" + org.toLowerCase() + ".example";
			admin(base, "POST", "/emulator/orgs/" + org + "/users", Map.of("username", username, "password", "pw"));
			long seedStart = System.nanoTime();
			admin(base, "POST", "/emulator/orgs/" + org + "/seed", Map.of("objects", Map.of("Contact", records)));
			double seedSeconds = seconds(seedStart);
			admin(base, "DELETE", "/emulator/orgs/" + org + "/api-calls", null);

			RestClient.Builder builder = RestClient.builder();
			if (factory.equals("simple")) {
				builder.requestFactory(new SimpleClientHttpRequestFactory());
			}
			else {
				// The JDK's factory asks for gzip itself unless told not to.
				JdkClientHttpRequestFactory jdk = new JdkClientHttpRequestFactory();
				jdk.enableCompression(gzip);
				builder.requestFactory(jdk);
			}
			if (!gzip) {
				builder.requestInterceptor((request, body, execution) -> {
					request.getHeaders().remove(HttpHeaders.ACCEPT_ENCODING);
					return execution.execute(request, body);
				});
			}
			SalesforceClient client = new SalesforceClient(
					new SalesforceSession("benchmark",
							new SalesforceLogin.UsernamePassword(base, app.get("consumerKey").asString(),
									app.get("consumerSecret").asString(), username, "pw"),
							new SalesforceAuthenticator(RestClient.builder(), Clock.systemUTC(), JSON)),
					builder, "v63.0", new ApiBudget(1.0, 1.0), JSON);
			long[] enriched = new long[1];
			SalesforceBulkQueryReader<String> reader = new SalesforceBulkQueryReader<>("contact-backfill", client,
					"Contact", FIELDS, Instant.EPOCH, Instant.now().plus(Duration.ofDays(1)),
					SalesforceBulkQueryReader.Operation.QUERY_ALL, PAGE, (page) -> {
						enriched[0] += page.size();
						return page.stream().map((record) -> record.get("Id").asString()).toList();
					}, BulkPolling.of(Duration.ofMinutes(10), Clock.systemUTC()));
			ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);

			long start = System.nanoTime();
			reader.open(new ExecutionContext());
			double jobSeconds = seconds(start);
			long read = 0;
			while (reader.read() != null) {
				read++;
			}
			reader.close();
			double totalSeconds = seconds(start);

			JsonNode calls = admin(base, "GET", "/emulator/orgs/" + org + "/api-calls", null).path("byKind");
			Map<String, Object> report = new LinkedHashMap<>();
			report.put("records seeded", records);
			report.put("seed time (s)", round(seedSeconds));
			report.put("request factory", factory);
			report.put("results pages", gzip ? "gzip" : "identity");
			report.put("records read", read);
			report.put("records enriched", enriched[0]);
			report.put("job: create to JobComplete (s)", round(jobSeconds));
			report.put("pages: read and parse (s)", round(totalSeconds - jobSeconds));
			report.put("total (s)", round(totalSeconds));
			report.put("records/s, total", Math.round(read / totalSeconds));
			report.put("records/s, reading pages", Math.round(read / (totalSeconds - jobSeconds)));
			report.put("calls by the reader", reader.calls());
			report.put("calls served by the emulator", calls.toString());
			report.put("peak heap, emulator and reader together (MB)", peakHeapMb());
			report.put("max heap (MB)", Runtime.getRuntime().maxMemory() / (1024 * 1024));
			report.forEach((name, value) -> System.out.println(name + ": " + value));
		}
	}

	private static JsonNode admin(String base, String method, String path, @Nullable Object body) {
		return new EmulatorAdmin(base).send(method, path, body);
	}

	private static long peakHeapMb() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.mapToLong((pool) -> pool.getPeakUsage().getUsed())
			.sum() / (1024 * 1024);
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
