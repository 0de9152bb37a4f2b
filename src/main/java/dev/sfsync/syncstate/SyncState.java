package dev.sfsync.syncstate;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;

/**
 * The sync state of one connection, object type and direction: the high-water mark (the
 * {@code to} of the last completed window), the last execution with its status as the job
 * repository holds it, and whether a backfill is done.
 *
 * @param lastStatus the last execution's status in {@code BATCH_JOB_EXECUTION}, or null
 * when the state knows no execution
 */
public record SyncState(String connectionId, String objectType, String direction, @Nullable Instant highWaterMark,
		@Nullable Long completedExecutionId, @Nullable Long lastExecutionId, @Nullable String lastJobName,
		@Nullable BatchStatus lastStatus, boolean backfillDone, @Nullable Instant lastPollAt) {

	/** The direction of the inbound and backfill jobs. */
	public static final String INBOUND = "inbound";

	/** The direction of the outbound jobs. */
	public static final String OUTBOUND = "outbound";

	/** The last execution, when it is still starting, running or stopping. */
	public @Nullable Long running() {
		return (this.lastStatus != null && this.lastStatus.isRunning()) ? this.lastExecutionId : null;
	}

}
