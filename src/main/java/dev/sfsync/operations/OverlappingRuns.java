package dev.sfsync.operations;

import java.util.List;

import dev.sfsync.syncstate.RunClaims;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The runs a launch of a job that takes no claim would overlap: its own executions still
 * going for the same connection, which the operator API and the command line refuse to
 * run beside. Sync jobs take a {@link LaunchClaims claim} instead. A check, not a claim:
 * two launches in the same instant can both pass it.
 */
final class OverlappingRuns {

	private final JdbcTemplate jdbc;

	OverlappingRuns(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The running executions of a launch's job for its connection. */
	List<Long> of(JobParametersDefaults.Launch launch) {
		String connection = launch.parameters().getString("connection");
		if (connection == null || RunClaims.claimed(launch.jobName())) {
			return List.of();
		}
		return this.jdbc.queryForList("""
				SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e
				JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				JOIN BATCH_JOB_EXECUTION_PARAMS c ON c.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
					AND c.PARAMETER_NAME = 'connection' AND c.PARAMETER_VALUE = ?
				WHERE i.JOB_NAME = ? AND e.STATUS IN ('STARTING', 'STARTED', 'STOPPING')""", Long.class, connection,
				launch.jobName());
	}

}
