package dev.sfsync.bench;

import java.util.List;

/**
 * One piece of the benchmark suite. Pieces run in the suite's order in one JVM and share
 * the environment: the backfill leaves its Contacts in the emulator org and in the app
 * tables of connection {@code bench} for the pieces after it.
 */
interface Benchmark {

	/** The piece's name, as the table and the command line know it. */
	String name();

	/** Measures, and answers the table's lines. */
	List<BenchmarkResult> run(BenchmarkEnvironment environment) throws Exception;

}
