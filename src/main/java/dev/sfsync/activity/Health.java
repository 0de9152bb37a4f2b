package dev.sfsync.activity;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Recent sync health: the last run of each object type and direction (backfills count as
 * inbound) with when it was last checked for changes, and the object types whose last run
 * failed.
 */
record Health(List<Entry> lastRuns, List<String> failingObjects) {

	/**
	 * The last run of one object type in one direction for one connection.
	 *
	 * @param failing whether that run failed as a whole
	 * @param problems whether it failed, or had failed records: the card warns and links
	 * to the runs with problems
	 * @param lastCheckedAt when a scheduled poll last asked Salesforce for the object
	 * type's changes (inbound only; a poll that finds none is not a run), or null
	 */
	record Entry(String connectionId, String objectType, String objectLabel, String direction, RunView lastRun,
			boolean failing, boolean problems, @Nullable Instant lastCheckedAt) {

	}

}
