package dev.sfsync.operations;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.sfsync.outcome.RunFailureCause;
import dev.sfsync.syncstate.RunRecords;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Which process runs which job execution: this process's instance id, its heartbeat in
 * {@code sync_instance}, its running executions in {@code sync_run_owner}, and the
 * orphans: running executions whose owner has stopped beating, or that never had one.
 */
public final class RunOwners {

	private static final Log logger = LogFactory.getLog(RunOwners.class);

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final RunRecords records;

	private final String host = host();

	private final String instanceId = this.host + "-" + UUID.randomUUID().toString().substring(0, 8);

	private final Map<Long, JobExecution> local = new ConcurrentHashMap<>();

	private final Set<Long> startedWhileStopping = ConcurrentHashMap.newKeySet();

	/** When runs ended in this process (System.nanoTime), for ten minutes. */
	private final Map<Long, Long> ended = new ConcurrentHashMap<>();

	private volatile boolean stopping;

	RunOwners(JdbcTemplate jdbc, RunRecords records) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
		this.records = records;
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

	/**
	 * Asks a run to stop at its next chunk or step boundary, unless it has ended or is
	 * stopping already ({@link RunRecords#requestStop}).
	 * @return whether it was asked
	 */
	boolean requestStop(long executionId) {
		return this.records.requestStop(executionId);
	}

	void release(long executionId) {
		this.jdbc.update("DELETE FROM sync_run_owner WHERE job_execution_id = ?", executionId);
	}

	/** From now on, runs that start in this process stop before their first step. */
	void stopping() {
		this.stopping = true;
	}

	/** Whether the process is shutting down: no launch is claimed from then on. */
	boolean isStopping() {
		return this.stopping;
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
		List<Long> launched = this.records.unfinished()
			.stream()
			.filter((execution) -> (execution.status() == BatchStatus.STARTING
					|| execution.status() == BatchStatus.STARTED)
					&& execution.sinceCreated().compareTo(Duration.ofMinutes(1)) < 0)
			.map(RunRecords.Unfinished::id)
			.toList();
		return !launched.isEmpty() && owned(launched).size() < launched.size();
	}

	/** Which of these executions have an owner row: by primary key. */
	private Set<Long> owned(Collection<Long> executionIds) {
		if (executionIds.isEmpty()) {
			return Set.of();
		}
		return Set.copyOf(
				this.named.queryForList("SELECT job_execution_id FROM sync_run_owner WHERE job_execution_id IN (:ids)",
						Map.of("ids", executionIds), Long.class));
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
	 * The runs to recover, from one read of the unfinished executions (the status index,
	 * {@link RunRecords#unfinished()}) and the owners' rows of those, whatever the
	 * history: first what the database outages left, then the running executions whose
	 * process stopped beating.
	 */
	List<Orphan> orphans(Duration staleAfter) {
		long now = System.nanoTime();
		this.ended.values().removeIf((at) -> now - at > Duration.ofMinutes(10).toNanos());
		List<RunRecords.Unfinished> unfinished = this.records.unfinished();
		if (unfinished.isEmpty()) {
			return List.of();
		}
		Map<Long, Orphan> orphans = new LinkedHashMap<>();
		outageOrphans(unfinished, now).forEach((orphan) -> orphans.putIfAbsent(orphan.executionId(), orphan));
		staleOrphans(unfinished, staleAfter).forEach((orphan) -> orphans.putIfAbsent(orphan.executionId(), orphan));
		return List.copyOf(orphans.values());
	}

	/**
	 * Running executions (STARTING, STARTED or STOPPING) owned by another process that
	 * has not beaten within staleAfter, and those that have had no owner for that long.
	 */
	private List<Orphan> staleOrphans(List<RunRecords.Unfinished> unfinished, Duration staleAfter) {
		Map<Long, RunRecords.Unfinished> going = new TreeMap<>();
		unfinished.stream().filter(RunRecords.Unfinished::going).forEach((e) -> going.put(e.id(), e));
		if (going.isEmpty()) {
			return List.of();
		}
		Map<Long, Orphan> orphans = new TreeMap<>();
		this.named
			.query("""
					SELECT o.job_execution_id, o.instance_id, COALESCE(h.heartbeat_at, o.claimed_at) AS last_seen
					FROM sync_run_owner o LEFT JOIN sync_instance h ON h.instance_id = o.instance_id
					WHERE o.job_execution_id IN (:ids) AND o.instance_id <> :me
						AND (h.instance_id IS NULL OR h.heartbeat_at < DATE_SUB(UTC_TIMESTAMP(6), INTERVAL :stale MICROSECOND))""",
					new MapSqlParameterSource("ids", going.keySet()).addValue("me", this.instanceId)
						.addValue("stale", staleAfter.toNanos() / 1000),
					(RowCallbackHandler) (rs) -> orphans.put(rs.getLong(1),
							new Orphan(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDateTime.class))));
		Set<Long> owned = owned(going.keySet());
		going.values()
			.stream()
			.filter((execution) -> !owned.contains(execution.id())
					&& execution.sinceCreated().compareTo(staleAfter) > 0)
			.forEach(
					(execution) -> orphans.put(execution.id(), new Orphan(execution.id(), null, execution.lastSeen())));
		return List.copyOf(orphans.values());
	}

	/**
	 * What the database outages left: executions this process owns but no longer runs
	 * (their run ended here, or failed to start, while the database could not record it),
	 * and executions Spring Batch recorded as UNKNOWN (it could not tell whether a chunk
	 * committed).
	 */
	private List<Orphan> outageOrphans(List<RunRecords.Unfinished> unfinished, long now) {
		Map<Long, String> owners = new HashMap<>();
		this.named.query("SELECT job_execution_id, instance_id FROM sync_run_owner WHERE job_execution_id IN (:ids)",
				Map.of("ids", unfinished.stream().map(RunRecords.Unfinished::id).toList()),
				(RowCallbackHandler) (rs) -> owners.put(rs.getLong(1), rs.getString(2)));
		List<Orphan> orphans = new ArrayList<>();
		for (RunRecords.Unfinished execution : unfinished) {
			long id = execution.id();
			String owner = owners.get(id);
			if (execution.going()) {
				Long endedAt = this.ended.get(id);
				// A run that ended a moment ago is still having its end recorded.
				if (this.instanceId.equals(owner) && !this.local.containsKey(id)
						&& (endedAt == null || now - endedAt > Duration.ofSeconds(10).toNanos())) {
					orphans.add(new Orphan(id, this.instanceId, execution.lastSeen(),
							RunFailureCause.DATABASE_UNAVAILABLE));
				}
			}
			else if (owner == null || (execution.sinceUpdated() != null
					&& execution.sinceUpdated().compareTo(Duration.ofMinutes(1)) > 0)) {
				orphans.add(new Orphan(id, owner, execution.lastSeen(), RunFailureCause.DATABASE_UNAVAILABLE));
			}
		}
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
		RunRecords.Unfinished execution = this.records.unfinished(executionId)
			.filter(RunRecords.Unfinished::going)
			.orElse(null);
		if (execution == null) {
			return Optional.empty();
		}
		List<Orphan> owned = this.jdbc
			.query("""
					SELECT o.instance_id, COALESCE(h.heartbeat_at, o.claimed_at),
						o.instance_id <> ? AND (h.instance_id IS NULL
							OR h.heartbeat_at < DATE_SUB(UTC_TIMESTAMP(6), INTERVAL ? MICROSECOND)) AS stale
					FROM sync_run_owner o LEFT JOIN sync_instance h ON h.instance_id = o.instance_id
					WHERE o.job_execution_id = ?""",
					(rs, row) -> rs.getBoolean(3) ? new Orphan(executionId, rs.getString(1),
							Objects.requireNonNullElse(rs.getObject(2, LocalDateTime.class), execution.lastSeen()))
							: null,
					this.instanceId, staleAfter.toNanos() / 1000, executionId);
		if (!owned.isEmpty()) {
			return Optional.ofNullable(owned.get(0));
		}
		return (execution.sinceCreated().compareTo(staleAfter) > 0)
				? Optional.of(new Orphan(executionId, null, execution.lastSeen())) : Optional.empty();
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
