package dev.sfsync.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.sfsync.system.EmulatorAdmin;

/**
 * Measures how fast the emulator serves a large Bulk API 2.0 query: seeds a million
 * Contacts straight through {@link RecordWriter}, then reads every page of
 * {@code SELECT Id, FirstName, LastName, Email, SystemModstamp FROM Contact} at
 * {@code maxRecords=50000} over HTTP. Not a test (the build never runs it); run its main
 * with {@code -Xmx2g}.
 */
final class EmulatorBulkBenchmark {

	private static final int RECORDS = 1_000_000;

	private static final int PAGE = 50_000;

	private static final String V = "/services/data/v63.0";

	private static final int PASSES = 3;

	private EmulatorBulkBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int records = (args.length > 0) ? Integer.parseInt(args[0]) : RECORDS;
		try (Emulator emulator = Emulator.start(EmulatorProperties.standalone(0, "none", 0))) {
			EmulatorHttp http = new EmulatorHttp(emulator.baseUrl());
			EmulatorAdmin.Org credentials = http.newOrg("Benchmark Org");
			EmulatorHttp.Response token = http.token(Map.of("grant_type", "password", "client_id",
					credentials.consumerKey(), "client_secret", credentials.consumerSecret(), "username",
					credentials.username(), "password", credentials.password()));
			String accessToken = token.json().get("access_token").asString();
			Org org = emulator.bean(Orgs.class).find(credentials.id()).orElseThrow();
			OrgUser user = org.user(credentials.username()).orElseThrow();

			long seedStart = System.nanoTime();
			seed(org, user, emulator.bean(RecordWriter.class), records);
			double seedSeconds = seconds(seedStart);
			long heapAfterSeed = usedHeapAfterGc();
			resetPeaks();

			long jobStart = System.nanoTime();
			String job = http
				.post(V + "/jobs/query",
						Map.of("operation", "query", "query",
								"SELECT Id, FirstName, LastName, Email, SystemModstamp FROM Contact"))
				.json()
				.get("id")
				.asString();
			while (!http.get(V + "/jobs/query/" + job).json().get("state").asString().equals("JobComplete")) {
				Thread.sleep(20);
			}
			double jobSeconds = seconds(jobStart);

			// Every page read several times: the first read cold, the others with the JIT
			// warm.
			double[] readSeconds = new double[PASSES];
			Pages pages = null;
			for (int pass = 0; pass < PASSES; pass++) {
				long readStart = System.nanoTime();
				pages = readAllPages(emulator.baseUrl() + V + "/jobs/query/" + job + "/results", accessToken);
				readSeconds[pass] = seconds(readStart);
			}
			double best = Arrays.stream(readSeconds).min().orElseThrow();
			long peakHeap = peakHeap();
			long heapAfterQuery = usedHeapAfterGc();

			Map<String, Object> report = new LinkedHashMap<>();
			report.put("records seeded", records);
			report.put("seed time (s)", round(seedSeconds));
			report.put("query job run, create to JobComplete (s)", round(jobSeconds));
			report.put("pages", pages.count());
			report.put("records served per read", pages.records());
			report.put("CSV bytes served per read", pages.bytes());
			report.put("serve time, all pages, first read (s)", round(readSeconds[0]));
			report.put("serve time, all pages, best of " + PASSES + " reads (s)", round(best));
			report.put("records/second served, first read", Math.round(pages.records() / readSeconds[0]));
			report.put("records/second served, best read", Math.round(pages.records() / best));
			report.put("records/second, job run + first read",
					Math.round(pages.records() / (jobSeconds + readSeconds[0])));
			report.put("max heap (MB)", mb(Runtime.getRuntime().maxMemory()));
			report.put("heap used after seeding, after GC (MB)", mb(heapAfterSeed));
			report.put("peak heap during job run and serving, sum of pool peaks (MB)", mb(peakHeap));
			report.put("heap used with the job's result snapshot, after GC (MB)", mb(heapAfterQuery));
			report.forEach((name, value) -> System.out.println(name + ": " + value));
		}
	}

	/** What reading every page of a job's results took. */
	private record Pages(int count, long records, long bytes) {
	}

	/**
	 * Reads every page, following locators, as a Bulk client does. HttpURLConnection
	 * rather than java.net.http's client: that one reads chunked bodies several times
	 * slower, and would measure itself rather than the emulator.
	 */
	private static Pages readAllPages(String resultsUrl, String accessToken) throws IOException {
		int count = 0;
		long records = 0;
		long bytes = 0;
		String locator = null;
		do {
			String url = resultsUrl + "?maxRecords=" + PAGE + ((locator != null) ? "&locator=" + locator : "");
			HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
			connection.setRequestProperty("Authorization", "Bearer " + accessToken);
			connection.setRequestProperty("Accept", "text/csv");
			if (connection.getResponseCode() != 200) {
				throw new IllegalStateException("Page " + count + " answered " + connection.getResponseCode());
			}
			bytes += drain(connection.getInputStream());
			records += Long.parseLong(connection.getHeaderField("Sforce-NumberOfRecords"));
			locator = connection.getHeaderField("Sforce-Locator");
			count++;
		}
		while (!locator.equals("null"));
		return new Pages(count, records, bytes);
	}

	private static void seed(Org org, OrgUser user, RecordWriter writer, int records) {
		SObjectTable contacts = org.data().requireTable("Contact");
		for (int i = 0; i < records; i++) {
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put("FirstName", "First" + i);
			fields.put("LastName", "Last" + i);
			fields.put("Email", "contact" + i + "@example.com");
			writer.create(org.data(), contacts, new LinkedHashMap<>(fields), user, org.nextId("003"), true);
		}
	}

	private static long drain(InputStream body) throws IOException {
		long total = 0;
		byte[] buffer = new byte[64 * 1024];
		try (body) {
			for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
				total += read;
			}
		}
		return total;
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

	private static void resetPeaks() {
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	private static long peakHeap() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.mapToLong((pool) -> pool.getPeakUsage().getUsed())
			.sum();
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	private static long mb(long bytes) {
		return bytes / (1024 * 1024);
	}

}
