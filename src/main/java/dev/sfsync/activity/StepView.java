package dev.sfsync.activity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One step of a run: Marketo's row per operation, with its New, Updated, Deleted, Failed
 * and Skipped counts.
 */
record StepView(long id, String name, String operation, String status, Counts counts, @Nullable Instant startedAt,
		@Nullable Instant endedAt, @Nullable Double durationSeconds) {

}
