package dev.sfsync.activity;

import java.time.Instant;
import java.util.List;

import dev.sfsync.catalog.Direction;
import org.jspecify.annotations.Nullable;

/**
 * One run as users see it: what it did in plain language, its status, counts, times and
 * window, and for a failed run why and what to do.
 *
 * @param id the job execution id
 * @param jobName the job, {@code {object}-{direction}}
 * @param connectionId the connection (tenant) it ran for
 * @param objectType the catalog name, such as {@code contact}
 * @param objectLabel the object type for people, such as {@code Contact}
 * @param direction {@code inbound}, {@code backfill} or {@code outbound}
 * @param description for example "Synced contacts from Salesforce"
 * @param operations its steps for people, in the order they ran, such as "Pull updates"
 * @param status In progress, Completed, Failed or Incomplete
 * @param batchStatus the job execution's status in the job repository
 * @param counts the counts summed over its steps
 * @param startedAt when it started (UTC)
 * @param endedAt when it ended, or null while it runs
 * @param durationSeconds from start to end, or null while it runs
 * @param window the Salesforce window or outbox range it covered
 * @param failure why a failed run failed, or null
 * @param completedBy for a failed or stopped run, the later execution that completed its
 * work, or null
 * @param continued whether that execution is a later run of the object type that took
 * over an outbound run's unsent changes ("Continued in run N"), rather than a restart of
 * the same job instance ("Completed on retry")
 */
record RunView(long id, String jobName, String connectionId, String objectType, String objectLabel, Direction direction,
		String description, List<String> operations, String status, String batchStatus, Counts counts,
		@Nullable Instant startedAt, @Nullable Instant endedAt, @Nullable Double durationSeconds, Window window,
		@Nullable Failure failure, @Nullable Long completedBy, boolean continued) {

	/**
	 * What a run covered: inbound and backfill runs a window of Salesforce changes
	 * (SystemModstamp, UTC), outbound runs a range of the outbox.
	 */
	record Window(@Nullable String from, @Nullable String to, @Nullable Long outboxFrom, @Nullable Long outboxTo) {

	}

	/**
	 * Why a whole run failed, from the "Sync activity" page's table, and the run's own
	 * exit message.
	 */
	record Failure(String cause, String message, String explanation, String whatToDo, @Nullable String detail) {

	}

}
