package dev.sfsync.emulator;

import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.sfsync.system.EmulatorAdmin;

import tools.jackson.databind.JsonNode;

/**
 * Measures the emulator at scale: the heap that 1,000,000 Contacts take, and how fast
 * REST query pages are served (keyset pages and query-locator pages). Not part of the
 * test run; run with
 * {@code java -Xmx2g -cp target/test-classes:target/classes:<classpath>
 * dev.sfsync.emulator.EmulatorScaleBenchmark [records]}.
 */
public final class EmulatorScaleBenchmark {

	private EmulatorScaleBenchmark() {
	}

	public static void main(String[] args) {
		int records = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		try (Emulator emulator = Emulator.start(EmulatorProperties.standalone(0, "none", 0))) {
			EmulatorHttp http = new EmulatorHttp(emulator.baseUrl());
			EmulatorAdmin.Org org = http.newOrg("Scale Org");
			long heapBefore = usedHeapAfterGc();
			long start = System.nanoTime();
			http.admin("POST", "/emulator/orgs/" + org.id() + "/seed",
					Map.of("objects", Map.of("Account", 1000, "Contact", records)));
			double seedSeconds = (System.nanoTime() - start) / 1e9;
			long heapAfter = usedHeapAfterGc();
			String v = "/services/data/v63.0";

			start = System.nanoTime();
			JsonNode keyset = http
				.get(v + "/query?q=" + q("SELECT Id, FirstName, LastName, Email, SystemModstamp FROM Contact"
						+ " WHERE SystemModstamp > 2000-01-01T00:00:00Z ORDER BY SystemModstamp, Id LIMIT 2000"))
				.json();
			double keysetSeconds = (System.nanoTime() - start) / 1e9;

			start = System.nanoTime();
			JsonNode page = http
				.get(v + "/query?q=" + q("SELECT Id, FirstName, LastName, Email, SystemModstamp FROM Contact"))
				.json();
			long served = page.get("records").size();
			while (page.has("nextRecordsUrl")) {
				page = http.get(page.get("nextRecordsUrl").asString()).json();
				served += page.get("records").size();
			}
			double pagingSeconds = (System.nanoTime() - start) / 1e9;
			System.out.printf("records=%d seed=%.1fs heap=%d MB (max %d MB)%n", records, seedSeconds,
					(heapAfter - heapBefore) / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024));
			System.out.printf("keyset page of %d over %d records: %.0f ms%n", keyset.get("records").size(), records,
					keysetSeconds * 1000);
			System.out.printf("REST paging with locators: %d records in %.1fs = %.0f records/s%n", served,
					pagingSeconds, served / pagingSeconds);
		}
	}

	private static long usedHeapAfterGc() {
		System.gc();
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static String q(String soql) {
		return URLEncoder.encode(soql, StandardCharsets.UTF_8);
	}

}
