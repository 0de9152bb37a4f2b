package dev.sfsync.operations;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.sfsync.outcome.RunFailureCause;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Which process runs which job execution: this process's instance id, its heartbeat in
 * {@code sync_instance}, its running executions in {@code sync_run_owner}, and the
 * orphans: running executions whose owner has stopped beating, or that never had one.
 */
public final class RunOwners {

	private static final Log logger = LogFactory.getLog(RunOwners.class);

	private final JdbcTemplate jdbc;

	private final String host = host();

	private final String instanceId = this.host + "-" + UUID.randomUUID().toString().substring(0, 8);

	private final Map<Long, JobExecution> local = new ConcurrentHashMap<>();

	private final Set<Long> startedWhileStopping = ConcurrentHashMap.newKeySet();

	/** When runs ended in this process (System.nanoTime), for ten minutes. */
	private final Map<Long, Long> ended = new ConcurrentHashMap<>();

	private volatile boolean stopping;

	RunOwners(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * An orphan: a running execution whose owner stopped beating, or that never had an
	 * owner (its process died before the run registered, while it was STARTING).
	 *
	 * @param owner the stale owner, or null when it never had one
	 * @param lastSeen when its process was last known alive: the owner's last heartbeat,
	 * or the execution's last update
	 */
	record Orphan(long executionId, @Nullable String owner, @Nullable LocalDateTime lastSeen, RunFailureCause cause) {

		Orphan(long executionId, @Nullable String owner, @Nullable LocalDateTime lastSeen) {
			this(executionId, owner, lastSeen, RunFailureCause.PROCESS_DIED);
		}

	}

	/** Who owns an execution and whether it is alive. */
	record Owner(String instanceId, boolean alive) {
	}

	String instanceId() {
		return this.instanceId;
	}

	void started(JobExecution execution) {
		if (this.stopping) {
			// Launched just before shutdown: it stops before its first step.
			execution.setStatus(BatchStatus.STOPPING);
			this.startedWhileStopping.add(execution.getId());
		}
		this.local.put(execution.getId(), execution);
		this.jdbc.update("INSERT INTO sync_run_owner (job_execution_id, instance_id, claimed_at)"
				+ " VALUES (?, ?, UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE instance_id = VALUES(instance_id),"
				+ " claimed_at = VALUES(claimed_at)", execution.getId(), this.instanceId);
	}

	void ended(JobExecution execution) {
		this.local.remove(execution.getId());
		this.ended.put(execution.getId(), System.nanoTime());
		try {
			release(execution.getId());
		}
		catch (DataAccessException ex) {
			// The database is away: the owner row stays, and once the database is back
			// this process finds the run it no longer runs and recovers it.
			logger.warn("Cannot record the end of run " + execution.getId() + " ("
					+ ex.getMostSpecificCause().getMessage() + "); it is recovered once the database is back");
		}
	}

	void release(long executionId) {
		this.jdbc.update("DELETE FROM sync_run_owner WHERE job_execution_id = ?", executionId);
	}

	/** From now on, runs that start in this process stop before their first step. */
	void stopping() {
		this.stopping = true;
	}

	/** Runs that start from now on run: the process is (again) accepting work. */
	void accepting() {
		this.stopping = false;
		this.startedWhileStopping.clear();
	}

	/** The runs that started after {@link #stopping()}. */
	Set<Long> startedWhileStopping() {
		return Set.copyOf(this.startedWhileStopping);
	}

	/**
	 * Whether a run was just launched and has not yet registered its owner: STARTING or
	 * STARTED in the last minute, without a row in {@code sync_run_owner}.
	 */
	boolean launchesInFlight() {
		return this.jdbc.queryForObject(
				"""
						SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e
						WHERE e.STATUS IN ('STARTING', 'STARTED') AND e.CREATE_TIME > DATE_SUB(UTC_TIMESTAMP(), INTERVAL 1 MINUTE)
							AND NOT EXISTS (SELECT 1 FROM sync_run_owner o WHERE o.job_execution_id = e.JOB_EXECUTION_ID)""",
				Integer.class) > 0;
	}

	/** The executions running in this process. */
	List<Long> local() {
		return List.copyOf(this.local.keySet());
	}

	void heartbeat() {
		this.jdbc.update("INSERT INTO sync_instance (instance_id, host, started_at, heartbeat_at)"
				+ " VALUES (?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))"
				+ " ON DUPLICATE KEY UPDATE heartbeat_at = VALUES(heartbeat_at)", this.instanceId, this.host);
	}

	void leave() {
		this.jdbc.update("DELETE FROM sync_instance WHERE instance_id = ?", this.instanceId);
	}

	/**
	 * Running executions (STARTING, STARTED or STOPPING) owned by another process that
	 * has not beaten within staleAfter, and those that have had no owner for that long:
	 * both by index ranges (the owners, and the status index), whatever the history.
	 */
	List<Orphan> orphans(Duration staleAfter) {
		long stale = staleAfter.toNanos() / 1000;
		return this.jdbc.query("""
				SELECT e.JOB_EXECUTION_ID, o.instance_id, COALESCE(h.heartbeat_at, o.claimed_at) AS last_seen
				FROM sync_run_owner o
				JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = o.job_execution_id
				LEFT JOIN sync_instance h ON h.instance_id = o.instance_id
				WHERE e.STATUS IN ('STARTING', 'STARTED', 'STOPPING') AND o.instance_id <> ?
					AND (h.instance_id IS NULL
						OR h.heartbeat_at < DATE_SUB(UTC_TIMESTAMP(6), INTERVAL ? MICROSECOND))
				UNION ALL
				SELECT e.JOB_EXECUTION_ID, NULL, COALESCE(e.LAST_UPDATED, e.CREATE_TIME)
				FROM BATCH_JOB_EXECUTION e
				WHERE e.STATUS IN ('STARTING', 'STARTED', 'STOPPING')
					AND e.CREATE_TIME < DATE_SUB(UTC_TIMESTAMP(6), INTERVAL ? MICROSECOND)
					AND NOT EXISTS (SELECT 1 FROM sync_run_owner n WHERE n.job_execution_id = e.JOB_EXECUTION_ID)
				ORDER BY 1""",
				(rs, row) -> new Orphan(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDateTime.class)),
				this.instanceId, stale, stale);
	}

	/**
	 * What the database outages left: executions this process owns but no longer runs
	 * (their run ended here, or failed to start, while the database could not record it),
	 * and executions Spring Batch recorded as UNKNOWN (it could not tell whether a chunk
	 * committed). Both by index ranges: this process's owner rows, and the status index.
	 */
	List<Orphan> outageOrphans() {
		long now = System.nanoTime();
		this.ended.values().removeIf((at) -> now - at > Duration.ofMinutes(10).toNanos());
		List<Orphan> orphans = new ArrayList<>();
		this.jdbc.query("""
				SELECT e.JOB_EXECUTION_ID, COALESCE(e.LAST_UPDATED, e.CREATE_TIME)
				FROM sync_run_owner o JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = o.job_execution_id
				WHERE o.instance_id = ? AND e.STATUS IN ('STARTING', 'STARTED', 'STOPPING')""", (rs) -> {
			long id = rs.getLong(1);
			Long endedAt = this.ended.get(id);
			// A run that ended a moment ago is still having its end recorded.
			if (!this.local.containsKey(id) && (endedAt == null || now - endedAt > Duration.ofSeconds(10).toNanos())) {
				orphans.add(new Orphan(id, this.instanceId, rs.getObject(2, LocalDateTime.class),
						RunFailureCause.DATABASE_UNAVAILABLE));
			}
		}, this.instanceId);
		this.jdbc.query("""
				SELECT e.JOB_EXECUTION_ID, o.instance_id, COALESCE(e.LAST_UPDATED, e.CREATE_TIME)
				FROM BATCH_JOB_EXECUTION e LEFT JOIN sync_run_owner o ON o.job_execution_id = e.JOB_EXECUTION_ID
				WHERE e.STATUS = 'UNKNOWN'
					AND (o.instance_id IS NULL OR e.LAST_UPDATED < DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 1 MINUTE))""",
				(RowCallbackHandler) (rs) -> orphans.add(new Orphan(rs.getLong(1), rs.getString(2),
						rs.getObject(3, LocalDateTime.class), RunFailureCause.DATABASE_UNAVAILABLE)));
		return orphans;
	}

	/** Whether a run ended in this process in the last ten minutes. */
	boolean endedHere(long executionId) {
		return this.ended.containsKey(executionId);
	}

	/**
	 * One execution, if it is an orphan by the rules of {@link #orphans}: by primary key.
	 */
	Optional<Orphan> orphan(long executionId, Duration staleAfter) {
		long stale = staleAfter.toNanos() / 1000;
		return this.jdbc
			.query("""
					SELECT e.JOB_EXECUTION_ID, o.instance_id,
						COALESCE(h.heartbeat_at, o.claimed_at, e.LAST_UPDATED, e.CREATE_TIME) AS last_seen
					FROM BATCH_JOB_EXECUTION e
					LEFT JOIN sync_run_owner o ON o.job_execution_id = e.JOB_EXECUTION_ID
					LEFT JOIN sync_instance h ON h.instance_id = o.instance_id
					WHERE e.JOB_EXECUTION_ID = ? AND e.STATUS IN ('STARTING', 'STARTED', 'STOPPING')
						AND ((o.instance_id IS NOT NULL AND o.instance_id <> ? AND (h.instance_id IS NULL
								OR h.heartbeat_at < DATE_SUB(UTC_TIMESTAMP(6), INTERVAL ? MICROSECOND)))
							OR (o.instance_id IS NULL
								AND e.CREATE_TIME < DATE_SUB(UTC_TIMESTAMP(6), INTERVAL ? MICROSECOND)))""",
					(rs, row) -> new Orphan(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDateTime.class)),
					executionId, this.instanceId, stale, stale)
			.stream()
			.findFirst();
	}

	/**
	 * Takes an orphan over: from its stale owner, or as the first owner of one that had
	 * none. Only one process wins.
	 */
	boolean claim(Orphan orphan) {
		if (this.instanceId.equals(orphan.owner())) {
			return true;
		}
		if (orphan.owner() == null) {
			return this.jdbc.update("INSERT IGNORE INTO sync_run_owner (job_execution_id, instance_id, claimed_at)"
					+ " VALUES (?, ?, UTC_TIMESTAMP(6))", orphan.executionId(), this.instanceId) == 1;
		}
		return this.jdbc.update(
				"UPDATE sync_run_owner SET instance_id = ?, claimed_at = UTC_TIMESTAMP(6)"
						+ " WHERE job_execution_id = ? AND instance_id = ?",
				this.instanceId, orphan.executionId(), orphan.owner()) == 1;
	}

	Optional<Owner> owner(long executionId, Duration staleAfter) {
		return this.jdbc
			.query("""
					SELECT o.instance_id, h.heartbeat_at >= DATE_SUB(UTC_TIMESTAMP(6), INTERVAL ? MICROSECOND)
					FROM sync_run_owner o LEFT JOIN sync_instance h ON h.instance_id = o.instance_id
					WHERE o.job_execution_id = ?""", (rs, row) -> new Owner(rs.getString(1), rs.getBoolean(2)),
					staleAfter.toNanos() / 1000, executionId)
			.stream()
			.findFirst();
	}

	private static String host() {
		String pod = System.getenv("HOSTNAME");
		if (pod != null && !pod.isBlank()) {
			return pod;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

}
