package dev.sfsync.syncstate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The one place that holds the SQL sfsync itself runs over the job repository's
 * {@code BATCH_*} tables: a run's job, status, connection and window by its execution id
 * (primary keys and the parameters' execution index), the restart or later run that
 * completed a failed one, the executions still going, and the deletion of expired runs.
 * Spring Batch's own DAOs write and read the rest, the migrations' triggers keep the run
 * summaries ({@code sync_run}) and their views ({@code sync_steps}) name the tables, and
 * {@link SyncStates} joins its row to the last execution by primary key. What tenants
 * read goes through the run summaries and the sync state, never a scan of every tenant's
 * history; {@code ModuleStructureTests} fails a {@code BATCH_*} statement elsewhere.
 */
public final class RunRecords {

	/** An unfinished execution's columns ({@link Unfinished}). */
	private static final String UNFINISHED = """
			SELECT e.JOB_EXECUTION_ID, e.STATUS, COALESCE(e.LAST_UPDATED, e.CREATE_TIME),
				TIMESTAMPDIFF(MICROSECOND, e.CREATE_TIME, UTC_TIMESTAMP(6)),
				TIMESTAMPDIFF(MICROSECOND, e.LAST_UPDATED, UTC_TIMESTAMP(6))
			FROM BATCH_JOB_EXECUTION e""";

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

	/**
	 * Asks a run to stop: STOPPING, with the row's version raised, which is how Spring
	 * Batch's repository tells the run's process when it next saves its progress; the run
	 * then ends STOPPED at that chunk or step boundary. Only a run still starting or
	 * started is asked, in one statement: a stop written through the repository from a
	 * copy read before the run ended would put that run back to STOPPING, with no end.
	 * Unlike Batch 6.0's {@code JobOperator.stop}, no end time is stamped: the run shows
	 * STOPPED only once it has ended, so a restart cannot collide with it.
	 * @return whether the run was asked; false when it has ended or is already stopping
	 */
	public boolean requestStop(long executionId) {
		return this.jdbc.update("""
				UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STOPPING', VERSION = VERSION + 1
				WHERE JOB_EXECUTION_ID = ? AND STATUS IN ('STARTING', 'STARTED')""", executionId) == 1;
	}

	/**
	 * What the activity shows of a run beyond its summary: how it ended and its window.
	 *
	 * @param status its {@code BatchStatus} name
	 * @param windowFrom its {@code from} parameter, as written
	 * @param windowTo its {@code to} parameter, as written
	 * @param outboxFrom its {@code outboxFrom} parameter, as written
	 * @param outboxTo its {@code outboxTo} parameter, as written
	 */
	public record Execution(long id, String status, @Nullable String exitCode, @Nullable String exitMessage,
			@Nullable LocalDateTime endTime, @Nullable String windowFrom, @Nullable String windowTo,
			@Nullable String outboxFrom, @Nullable String outboxTo) {
	}

	/**
	 * These runs' executions, by primary key; a run the repository no longer holds is
	 * left out.
	 */
	public Map<Long, Execution> executions(Collection<Long> executionIds) {
		Map<Long, Execution> executions = new HashMap<>();
		if (executionIds.isEmpty()) {
			return executions;
		}
		this.named.query(
				"""
						SELECT e.JOB_EXECUTION_ID, e.STATUS, e.EXIT_CODE, e.EXIT_MESSAGE, e.END_TIME,
							(SELECT p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS p
								WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'from') AS window_from,
							(SELECT p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS p
								WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'to') AS window_to,
							(SELECT p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS p
								WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'outboxFrom') AS outbox_from,
							(SELECT p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS p
								WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'outboxTo') AS outbox_to
						FROM BATCH_JOB_EXECUTION e WHERE e.JOB_EXECUTION_ID IN (:ids)""",
				new MapSqlParameterSource("ids", executionIds),
				(RowCallbackHandler) (rs) -> executions.put(rs.getLong(1),
						new Execution(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
								rs.getObject(5, LocalDateTime.class), rs.getString(6), rs.getString(7), rs.getString(8),
								rs.getString(9))));
		return executions;
	}

	/**
	 * The first completed run of an outbound job for a connection that started with or
	 * after an unfinished one and whose outbox range begins at or before where the
	 * unfinished one's ended: the run that sent what it left pending. An index range of
	 * the connection's run summaries from the unfinished run's start.
	 */
	public Optional<Long> continuedIn(String connectionId, String jobName, LocalDateTime started, long executionId,
			long outboxTo) {
		return this.named
			.queryForList("""
					SELECT r.job_execution_id FROM sync_run r
					JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = r.job_execution_id
						AND p.PARAMETER_NAME = 'outboxFrom'
					WHERE r.connection_id = :connection AND r.started_at >= :started AND r.job_execution_id > :id
						AND r.job_name = :job AND r.status = 'COMPLETED'
						AND CAST(p.PARAMETER_VALUE AS SIGNED) <= :to
					ORDER BY r.started_at, r.job_execution_id LIMIT 1""",
					new MapSqlParameterSource("connection", connectionId).addValue("started", started)
						.addValue("id", executionId)
						.addValue("job", jobName)
						.addValue("to", outboxTo),
					Long.class)
			.stream()
			.findFirst();
	}

	/**
	 * An execution that has not ended: starting, started or stopping, or UNKNOWN (Spring
	 * Batch could not tell whether a chunk committed). Its ages are the database clock's,
	 * which the owners' heartbeats use too.
	 *
	 * @param lastSeen its last update, or its creation when it has none
	 * @param sinceCreated how long ago it was created
	 * @param sinceUpdated how long ago it was last updated, null when never
	 */
	public record Unfinished(long id, BatchStatus status, LocalDateTime lastSeen, Duration sinceCreated,
			@Nullable Duration sinceUpdated) {

		/** Whether it is starting, started or stopping: not UNKNOWN. */
		public boolean going() {
			return this.status != BatchStatus.UNKNOWN;
		}

	}

	/**
	 * Every execution that has not ended, by the status index: as many as runs go at
	 * once, plus the UNKNOWN ones not yet recovered, whatever the history.
	 */
	public List<Unfinished> unfinished() {
		return this.jdbc.query(UNFINISHED + " WHERE e.STATUS IN ('STARTING', 'STARTED', 'STOPPING', 'UNKNOWN')"
				+ " ORDER BY e.JOB_EXECUTION_ID", RunRecords::unfinishedRow);
	}

	/** One execution, if it has not ended: by primary key. */
	public Optional<Unfinished> unfinished(long executionId) {
		return this.jdbc
			.query(UNFINISHED + " WHERE e.JOB_EXECUTION_ID = ? AND e.STATUS IN ('STARTING', 'STARTED', 'STOPPING',"
					+ " 'UNKNOWN')", RunRecords::unfinishedRow, executionId)
			.stream()
			.findFirst();
	}

	private static Unfinished unfinishedRow(ResultSet rs, int row) throws SQLException {
		long updated = rs.getLong(5);
		Duration sinceUpdated = rs.wasNull() ? null : Duration.ofNanos(updated * 1000);
		return new Unfinished(rs.getLong(1), BatchStatus.valueOf(rs.getString(2)), rs.getObject(3, LocalDateTime.class),
				Duration.ofNanos(rs.getLong(4) * 1000), sinceUpdated);
	}

	/**
	 * A run that retention deletes, with the job instance it may leave without
	 * executions.
	 */
	public record ExpiredRun(long jobExecutionId, long jobInstanceId) {
	}

	/**
	 * The highest id of a run that ended before the cutoff, found once by the
	 * {@code END_TIME} index; 0 when none did.
	 */
	public long lastEndedBefore(LocalDateTime cutoff) {
		Long highest = this.named.queryForObject(
				"SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION WHERE END_TIME < :cutoff",
				Map.of("cutoff", cutoff), Long.class);
		return (highest != null) ? highest : 0;
	}

	/**
	 * Reads the finished runs that ended before the cutoff, except the latest run and the
	 * latest completed run of each job for each connection. Runs are read in id order up
	 * to the highest expired id ({@link #lastEndedBefore}). A run is expired when the
	 * same job for the same connection has a later run (a later completed one if this one
	 * completed): a range of the parameters' value index that starts at the run's id and,
	 * for all but the runs that are kept, ends a few rows later.
	 */
	public JdbcPagingItemReader<ExpiredRun> expiredRuns(String name, LocalDateTime cutoff, long highest, int pageSize)
			throws Exception {
		String later = "l.STATUS IS NOT NULL AND (e.STATUS <> 'COMPLETED' OR l.STATUS = 'COMPLETED')";
		String connection = "p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'connection'";
		String laterForConnection = """
				EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p
					JOIN BATCH_JOB_EXECUTION_PARAMS lp ON lp.PARAMETER_NAME = 'connection'
						AND lp.PARAMETER_VALUE = p.PARAMETER_VALUE AND lp.JOB_EXECUTION_ID > p.JOB_EXECUTION_ID
					JOIN BATCH_JOB_EXECUTION l ON l.JOB_EXECUTION_ID = lp.JOB_EXECUTION_ID
					JOIN BATCH_JOB_INSTANCE li ON li.JOB_INSTANCE_ID = l.JOB_INSTANCE_ID
					WHERE %s AND li.JOB_NAME = i.JOB_NAME AND %s)""".formatted(connection, later);
		String laterWithoutConnection = """
				NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p WHERE %s AND p.PARAMETER_VALUE IS NOT NULL)
				AND EXISTS (SELECT 1 FROM BATCH_JOB_INSTANCE li
					JOIN BATCH_JOB_EXECUTION l ON l.JOB_INSTANCE_ID = li.JOB_INSTANCE_ID
					WHERE li.JOB_NAME = i.JOB_NAME AND l.JOB_EXECUTION_ID > e.JOB_EXECUTION_ID AND %s
					AND NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS lp
						WHERE lp.JOB_EXECUTION_ID = l.JOB_EXECUTION_ID AND lp.PARAMETER_NAME = 'connection'
						AND lp.PARAMETER_VALUE IS NOT NULL))""".formatted(connection, later);
		return new JdbcPagingItemReaderBuilder<ExpiredRun>().name(name)
			.dataSource(Objects.requireNonNull(this.jdbc.getDataSource()))
			.selectClause("SELECT e.JOB_EXECUTION_ID, e.JOB_INSTANCE_ID")
			.fromClause("FROM BATCH_JOB_EXECUTION e FORCE INDEX (PRIMARY)"
					+ " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID")
			.whereClause("WHERE e.JOB_EXECUTION_ID <= :highest AND e.END_TIME < :cutoff"
					+ " AND e.STATUS IN ('COMPLETED', 'FAILED', 'STOPPED', 'ABANDONED') AND (" + laterForConnection
					+ " OR (" + laterWithoutConnection + "))")
			.parameterValues(Map.of("cutoff", cutoff, "highest", highest))
			.sortKeys(Map.of("JOB_EXECUTION_ID", Order.ASCENDING))
			.rowMapper((rs, row) -> new ExpiredRun(rs.getLong(1), rs.getLong(2)))
			.pageSize(pageSize)
			.build();
	}

	/** The step executions of these runs, by the steps' run index. */
	public List<Long> steps(Collection<Long> executionIds) {
		return this.named.queryForList(
				"SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (:executions)",
				Map.of("executions", executionIds), Long.class);
	}

	/**
	 * Deletes these runs from the job repository, their steps ({@link #steps}) first,
	 * then the job instances they leave without executions. Every statement is a lookup
	 * by key: a DELETE with an IN subquery is not turned into a join on MariaDB 10.11.
	 * The run summaries go with their executions (a cascading key).
	 */
	public void delete(List<ExpiredRun> runs, List<Long> steps) {
		Map<String, Object> ids = Map.of("executions", runs.stream().map(ExpiredRun::jobExecutionId).toList(),
				"instances", runs.stream().map(ExpiredRun::jobInstanceId).distinct().toList());
		if (!steps.isEmpty()) {
			Map<String, Object> stepIds = Map.of("steps", steps);
			this.named.update("DELETE FROM BATCH_STEP_EXECUTION_CONTEXT WHERE STEP_EXECUTION_ID IN (:steps)", stepIds);
			this.named.update("DELETE FROM BATCH_STEP_EXECUTION WHERE STEP_EXECUTION_ID IN (:steps)", stepIds);
		}
		this.named.update("DELETE FROM BATCH_JOB_EXECUTION_CONTEXT WHERE JOB_EXECUTION_ID IN (:executions)", ids);
		this.named.update("DELETE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID IN (:executions)", ids);
		this.named.update("DELETE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID IN (:executions)", ids);
		this.named.update("DELETE FROM BATCH_JOB_INSTANCE WHERE JOB_INSTANCE_ID IN (:instances) AND NOT EXISTS"
				+ " (SELECT 1 FROM BATCH_JOB_EXECUTION e WHERE e.JOB_INSTANCE_ID = BATCH_JOB_INSTANCE.JOB_INSTANCE_ID)",
				ids);
	}

}
