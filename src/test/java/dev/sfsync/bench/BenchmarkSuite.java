package dev.sfsync.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark suite: runs the pieces in order against the emulator (its own process)
 * and a real MySQL-compatible database, then prints one table and writes it to
 * {@code target/benchmarks.md}. Not part of the build's tests: {@code ./mvnw -Pbench
 * verify} runs it with {@code -Xmx512m}; arguments name the pieces to run (default all,
 * in order; the incremental piece needs the backfill before it).
 */
public final class BenchmarkSuite {

	private BenchmarkSuite() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, Benchmark> pieces = new LinkedHashMap<>();
		for (Benchmark piece : List.of(new BackfillBenchmark(), new IncrementalInboundBenchmark(),
				new ReconcileBenchmark(), new OutboundBenchmark(), new ActivityBenchmark(), new RetentionBenchmark(),
				new TenantPollsBenchmark(), new TenantHistoryBenchmark())) {
			pieces.put(piece.name(), piece);
		}
		List<String> chosen = (args.length > 0) ? List.of(args) : List.copyOf(pieces.keySet());
		for (String name : chosen) {
			if (!pieces.containsKey(name)) {
				System.err.println("Unknown benchmark '" + name + "'; the benchmarks are " + pieces.keySet());
				System.exit(2);
			}
		}
		String jdbcUrl = System.getProperty("bench.jdbc-url", "jdbc:mysql://127.0.0.1:3306/sfsync_bench");
		List<BenchmarkResult> results = new ArrayList<>();
		String heading;
		try (BenchmarkEnvironment environment = BenchmarkEnvironment.open(jdbcUrl)) {
			heading = heading(environment);
			for (String name : chosen) {
				System.out.println("== " + name);
				results.addAll(pieces.get(name).run(environment));
			}
		}
		heading += String.format("; load average at the end %.1f", load());
		String table = table(heading, results);
		System.out.println();
		System.out.println(table);
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target", "benchmarks.md"), table);
		// Spring contexts and HTTP clients leave threads behind; the figures are out.
		System.exit(results.stream().anyMatch((result) -> Boolean.FALSE.equals(result.met())) ? 1 : 0);
	}

	/** Where and when the figures were taken. */
	private static String heading(BenchmarkEnvironment environment) throws Exception {
		var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		return String.format(
				"sfsync benchmarks, %s: %d cores, %.0f GiB memory, Java %s (max heap %d MB), %s; load average at the"
						+ " start %.1f",
				Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
				os.getTotalMemorySize() / (1024.0 * 1024 * 1024), System.getProperty("java.version"),
				Runtime.getRuntime().maxMemory() >> 20, environment.database(), load());
	}

	/**
	 * The machine's load average over the last minute: other work on it shows in every
	 * figure, so the table says how busy it was.
	 */
	private static double load() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

	/** One Markdown table, readable as plain text too. */
	static String table(String heading, List<BenchmarkResult> results) {
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] { "benchmark", "measure", "value", "target", "met" });
		for (BenchmarkResult result : results) {
			rows.add(new String[] { result.benchmark(), result.measure(), result.value(), result.target(),
					(result.met() == null) ? "" : result.met() ? "yes" : "NO" });
		}
		int[] widths = new int[5];
		for (String[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		StringBuilder table = new StringBuilder(heading).append("\n\n");
		for (int r = 0; r < rows.size(); r++) {
			table.append(line(rows.get(r), widths));
			if (r == 0) {
				String[] rule = new String[5];
				for (int i = 0; i < rule.length; i++) {
					rule[i] = "-".repeat(widths[i]);
				}
				table.append(line(rule, widths));
			}
		}
		return table.toString();
	}

	private static String line(String[] cells, int[] widths) {
		StringBuilder line = new StringBuilder("|");
		for (int i = 0; i < cells.length; i++) {
			line.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" |");
		}
		return line.append('\n').toString();
	}

}
