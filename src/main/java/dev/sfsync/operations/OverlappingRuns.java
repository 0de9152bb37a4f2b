package dev.sfsync.operations;

import java.util.List;

import dev.sfsync.syncstate.RunClaims;
import dev.sfsync.syncstate.RunRecords;

/**
 * The runs a launch of a job that takes no claim would overlap: its own executions still
 * going for the same connection, which the operator API and the command line refuse to
 * run beside. Sync jobs take a {@link LaunchClaims claim} instead. A check, not a claim:
 * two launches in the same instant can both pass it.
 */
final class OverlappingRuns {

	private final RunRecords records;

	OverlappingRuns(RunRecords records) {
		this.records = records;
	}

	/** The running executions of a launch's job for its connection. */
	List<Long> of(JobParametersDefaults.Launch launch) {
		String connection = launch.parameters().getString("connection");
		if (connection == null || RunClaims.claimed(launch.jobName())) {
			return List.of();
		}
		return this.records.running(launch.jobName(), connection);
	}

}
