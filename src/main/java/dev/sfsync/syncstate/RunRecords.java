package dev.sfsync.syncstate;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The SQL sfsync itself runs over the job repository's execution, instance and parameter
 * tables to learn about runs: a run's job, status, connection and window by its execution
 * id (primary keys and the parameters' execution index), the restart that completed a
 * failed run, and the executions of one job still going for a connection. Spring Batch's
 * own DAOs write and read the rest; what tenants read goes through the run summaries
 * ({@code sync_run}) and the sync state, never a scan of every tenant's history.
 */
public final class RunRecords {

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	public RunRecords(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
	}

	/**
	 * What the job repository holds of one run.
	 *
	 * @param connectionId its {@code connection} parameter, null for a system job's
	 * @param windowEnd its {@code to} parameter, as written
	 * @param claim the launch claim it was given, if any
	 */
	public record Facts(BatchStatus status, String jobName, @Nullable String connectionId, @Nullable String windowEnd,
			@Nullable String claim) {
	}

	/** A run's facts; empty for an execution the repository does not hold. */
	public Optional<Facts> facts(long executionId) {
		return this.jdbc
			.query("""
					SELECT e.STATUS, i.JOB_NAME, c.PARAMETER_VALUE AS connection_id, t.PARAMETER_VALUE AS window_end,
						k.PARAMETER_VALUE AS claim
					FROM BATCH_JOB_EXECUTION e
					JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
					LEFT JOIN BATCH_JOB_EXECUTION_PARAMS c ON c.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
						AND c.PARAMETER_NAME = 'connection'
					LEFT JOIN BATCH_JOB_EXECUTION_PARAMS t ON t.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
						AND t.PARAMETER_NAME = 'to'
					LEFT JOIN BATCH_JOB_EXECUTION_PARAMS k ON k.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
						AND k.PARAMETER_NAME = 'claim'
					WHERE e.JOB_EXECUTION_ID = ?""",
					(rs, n) -> new Facts(BatchStatus.valueOf(rs.getString("STATUS")), rs.getString("JOB_NAME"),
							rs.getString("connection_id"), rs.getString("window_end"), rs.getString("claim")),
					executionId)
			.stream()
			.findFirst();
	}

	/** A run's connection; empty for an unknown run or a system job's. */
	public Optional<String> connectionOf(long executionId) {
		return this.jdbc
			.queryForList("SELECT PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = ? AND"
					+ " PARAMETER_NAME = 'connection'", String.class, executionId)
			.stream()
			.findFirst();
	}

	/**
	 * The later execution of the same instance (a restart) that completed each of these
	 * failed or stopped runs, by the instance's index, a few executions each.
	 * @return run to the execution that completed it, for those a restart completed
	 */
	public Map<Long, Long> completedBy(Collection<Long> executionIds) {
		Map<Long, Long> completedBy = new HashMap<>();
		if (executionIds.isEmpty()) {
			return completedBy;
		}
		this.named.query("""
				SELECT f.JOB_EXECUTION_ID, MIN(l.JOB_EXECUTION_ID) AS completed_by
				FROM BATCH_JOB_EXECUTION f
				JOIN BATCH_JOB_EXECUTION l ON l.JOB_INSTANCE_ID = f.JOB_INSTANCE_ID
					AND l.JOB_EXECUTION_ID > f.JOB_EXECUTION_ID AND l.STATUS = 'COMPLETED'
				WHERE f.JOB_EXECUTION_ID IN (:ids) GROUP BY f.JOB_EXECUTION_ID""",
				new MapSqlParameterSource("ids", executionIds),
				(RowCallbackHandler) (rs) -> completedBy.put(rs.getLong(1), rs.getLong(2)));
		return completedBy;
	}

	/**
	 * The executions of a job still going (starting, started or stopping) for a
	 * connection.
	 */
	public List<Long> running(String jobName, String connectionId) {
		return this.jdbc.queryForList("""
				SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e
				JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				JOIN BATCH_JOB_EXECUTION_PARAMS c ON c.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
					AND c.PARAMETER_NAME = 'connection' AND c.PARAMETER_VALUE = ?
				WHERE i.JOB_NAME = ? AND e.STATUS IN ('STARTING', 'STARTED', 'STOPPING')""", Long.class, connectionId,
				jobName);
	}

}
