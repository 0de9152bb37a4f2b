package dev.sfsync.bench;

import org.jspecify.annotations.Nullable;

/**
 * One line of the benchmark table: what was measured, the figure, and the target it is
 * held against when there is one.
 *
 * @param benchmark the piece that measured it, such as "backfill"
 * @param measure what was measured, in words
 * @param value the measured figure, formatted with its unit
 * @param target the target, in words ("≤ 1.25"), or empty when there is none
 * @param met whether the target holds; null when there is no target
 */
public record BenchmarkResult(String benchmark, String measure, String value, String target, @Nullable Boolean met) {

	/** A figure reported without a target. */
	public static BenchmarkResult figure(String benchmark, String measure, String value) {
		return new BenchmarkResult(benchmark, measure, value, "", null);
	}

	/** A figure held against a target. */
	public static BenchmarkResult target(String benchmark, String measure, String value, String target, boolean met) {
		return new BenchmarkResult(benchmark, measure, value, target, met);
	}

}
