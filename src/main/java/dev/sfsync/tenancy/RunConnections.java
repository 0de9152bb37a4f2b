package dev.sfsync.tenancy;

import dev.sfsync.syncstate.RunRecords;
import org.jspecify.annotations.Nullable;

/**
 * The connection a run belongs to: its {@code connection} job parameter, read by the
 * execution's key (the parameters' foreign key index), whatever the history's size.
 */
class RunConnections {

	private final RunRecords records;

	RunConnections(RunRecords records) {
		this.records = records;
	}

	/** Whether the path's id can be a run's at all. */
	static boolean isRunId(@Nullable String id) {
		return id != null && id.matches("[0-9]{1,18}");
	}

	/** The run's connection; none for an unknown run, a system job's or a bad id. */
	@Nullable String connectionOf(@Nullable String runId) {
		if (!isRunId(runId)) {
			return null;
		}
		return this.records.connectionOf(Long.parseLong(runId)).orElse(null);
	}

}
