package dev.sfsync.activity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One step of a run: Marketo's row per operation, with its New, Updated, Deleted, Failed
 * and Skipped counts.
 *
 * @param note what a step that completed reported for people, such as a reconcile's app
 * changes left in the outbox; null when it reported nothing (a failed step's message is
 * the run's failure)
 */
record StepView(long id, String name, String operation, String status, Counts counts, @Nullable Instant startedAt,
		@Nullable Instant endedAt, @Nullable Double durationSeconds, @Nullable String note) {

}
