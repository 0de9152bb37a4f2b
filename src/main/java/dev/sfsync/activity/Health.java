package dev.sfsync.activity;

import java.util.List;

/**
 * Recent sync health: the last run of each object type and direction (backfills count as
 * inbound), and the object types whose last run failed.
 */
record Health(List<Entry> lastRuns, List<String> failingObjects) {

	/** The last run of one object type in one direction for one connection. */
	record Entry(String connectionId, String objectType, String objectLabel, String direction, RunView lastRun,
			boolean failing) {

	}

}
