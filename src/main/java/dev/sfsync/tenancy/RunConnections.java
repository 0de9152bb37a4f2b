package dev.sfsync.tenancy;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The connection a run belongs to: its {@code connection} job parameter, read by the
 * execution's key (the parameters' foreign key index), whatever the history's size.
 */
class RunConnections {

	private final JdbcTemplate jdbc;

	RunConnections(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
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
		long id = Long.parseLong(runId);
		List<String> connections = this.jdbc.queryForList("SELECT PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS"
				+ " WHERE JOB_EXECUTION_ID = ? AND PARAMETER_NAME = 'connection'", String.class, id);
		return connections.isEmpty() ? null : connections.get(0);
	}

}
