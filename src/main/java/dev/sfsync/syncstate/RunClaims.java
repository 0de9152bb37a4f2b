package dev.sfsync.syncstate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The launch claims in {@code sync_state}: at most one run per connection, object type
 * and direction, whoever launches it. A claim is taken in one conditional {@code UPDATE}
 * of the state row, so of any number of launchers in any number of processes exactly one
 * wins; it is a lease that the holder renews with its heartbeat ({@link #renew}); a run's
 * end, once the job repository has recorded it, gives it back
 * ({@link SyncStates#settle}), and one whose lease ran out is free to take. The claims
 * this process holds are also kept here, so that the heartbeat can renew them and a
 * release that cannot reach the database still lets the lease lapse.
 */
public final class RunClaims {

	/**
	 * The non-identifying job parameter that carries a run's claim from its launcher to
	 * the run.
	 */
	public static final String PARAMETER = "claim";

	private static final Log logger = LogFactory.getLog(RunClaims.class);

	private final JdbcTemplate jdbc;

	private final String owner;

	private final AtomicLong sequence = new AtomicLong();

	private final Map<String, SyncStates.Key> held = new ConcurrentHashMap<>();

	/**
	 * @param owner this process's instance id, the prefix of its claims
	 */
	public RunClaims(JdbcTemplate jdbc, String owner) {
		this.jdbc = jdbc;
		this.owner = owner;
	}

	/** A claim this process holds: its token names it in {@code sync_state}. */
	public record Claim(String token, String connectionId, String objectType, String direction) {
	}

	/**
	 * Who holds a claim that could not be taken.
	 *
	 * @param owner the holder's token (its process's instance id and a number)
	 * @param executionId the execution it created, or null while it is launching it
	 */
	public record Holder(String owner, @Nullable Long executionId) {
	}

	/**
	 * Whether runs of this job take a claim: the {@code {object}-{direction}} sync jobs.
	 */
	public static boolean claimed(String jobName) {
		return SyncStates.Key.of(jobName, "-").isPresent();
	}

	/**
	 * Takes the claim of a sync job's object type and direction for a connection, or
	 * answers who holds it.
	 * @param lease how long the claim holds without a renewal
	 * @return the claim, or the holder when it is held
	 * @throws IllegalArgumentException when the job is not a sync job
	 */
	public Result claim(String jobName, String connectionId, Duration lease) {
		SyncStates.Key key = SyncStates.Key.of(jobName, connectionId)
			.orElseThrow(() -> new IllegalArgumentException(jobName + " is not a sync job; it takes no claim"));
		String token = this.owner + "#" + this.sequence.incrementAndGet();
		if (take(key, token, lease) == 0) {
			// Most rows exist: the insert is for an object type's first run, of a
			// connection that exists.
			int inserted = this.jdbc.update("INSERT IGNORE INTO sync_state (connection_id, object_type, direction,"
					+ " backfill_done, updated_at) SELECT id, ?, ?, FALSE, UTC_TIMESTAMP(6) FROM connections"
					+ " WHERE id = ?", key.objectType(), key.direction(), key.connectionId());
			if (take(key, token, lease) == 0) {
				return new Result(null, (inserted == 0 && !exists(key)) ? null : holder(key));
			}
		}
		this.held.put(token, key);
		return new Result(new Claim(token, key.connectionId(), key.objectType(), key.direction()), null);
	}

	/**
	 * A claim taken, or the holder that kept it; neither when the connection does not
	 * exist.
	 */
	public record Result(@Nullable Claim claim, @Nullable Holder holder) {
	}

	private boolean exists(SyncStates.Key key) {
		return !this.jdbc
			.queryForList("SELECT 1 FROM sync_state WHERE connection_id = ? AND object_type = ? AND direction = ?",
					Integer.class, key.connectionId(), key.objectType(), key.direction())
			.isEmpty();
	}

	private int take(SyncStates.Key key, String token, Duration lease) {
		return this.jdbc.update("""
				UPDATE sync_state SET claim_owner = ?, claim_until = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND,
					claim_execution_id = NULL
				WHERE connection_id = ? AND object_type = ? AND direction = ?
					AND (claim_owner IS NULL OR claim_until < UTC_TIMESTAMP(6))""", token, micros(lease),
				key.connectionId(), key.objectType(), key.direction());
	}

	private @Nullable Holder holder(SyncStates.Key key) {
		return this.jdbc
			.query("SELECT claim_owner, claim_execution_id FROM sync_state WHERE connection_id = ? AND object_type = ?"
					+ " AND direction = ?", (rs, n) -> {
						long execution = rs.getLong(2);
						String holder = rs.getString(1);
						return (holder != null) ? new Holder(holder, rs.wasNull() ? null : execution) : null;
					}, key.connectionId(), key.objectType(), key.direction())
			.stream()
			.filter(Objects::nonNull)
			.findFirst()
			// Released between the two statements: report it as being launched.
			.orElse(new Holder("another launcher", null));
	}

	/**
	 * Records the execution a claim's run created.
	 * @return false when the claim is no longer this token's: its lease ran out and
	 * another launcher took it
	 */
	public boolean attach(String token, long executionId) {
		SyncStates.Key key = this.held.get(token);
		if (key == null) {
			return false;
		}
		return this.jdbc.update(
				"UPDATE sync_state SET claim_execution_id = ? WHERE connection_id = ? AND"
						+ " object_type = ? AND direction = ? AND claim_owner = ?",
				executionId, key.connectionId(), key.objectType(), key.direction(), token) == 1;
	}

	/**
	 * Gives a claim back. It is forgotten here even when the database cannot be reached,
	 * so that its lease lapses.
	 */
	public void release(String token) {
		SyncStates.Key key = this.held.remove(token);
		if (key == null) {
			return;
		}
		try {
			this.jdbc.update(
					"UPDATE sync_state SET claim_owner = NULL, claim_until = NULL, claim_execution_id = NULL"
							+ " WHERE connection_id = ? AND object_type = ? AND direction = ? AND claim_owner = ?",
					key.connectionId(), key.objectType(), key.direction(), token);
		}
		catch (DataAccessException ex) {
			logger.warn("Cannot give back the claim of " + key.objectType() + " " + key.direction() + " for connection "
					+ key.connectionId() + " (" + ex.getMostSpecificCause().getMessage()
					+ "); it is free once its lease runs out");
		}
	}

	/**
	 * Renews the lease of every claim this process holds: a primary-key update each.
	 */
	public void renew(Duration lease) {
		List<Object[]> rows = this.held.entrySet()
			.stream()
			.map((entry) -> new Object[] { micros(lease), entry.getValue().connectionId(),
					entry.getValue().objectType(), entry.getValue().direction(), entry.getKey() })
			.toList();
		if (rows.isEmpty()) {
			return;
		}
		int[] renewed = this.jdbc.batchUpdate("UPDATE sync_state SET claim_until = UTC_TIMESTAMP(6) + INTERVAL ?"
				+ " MICROSECOND WHERE connection_id = ? AND object_type = ? AND direction = ? AND claim_owner = ?",
				rows);
		for (int i = 0; i < renewed.length; i++) {
			if (renewed[i] == 0) {
				// Given back when its run's end was recorded (SyncStates.settle), or
				// taken over after its lease ran out: no longer this process's.
				this.held.remove((String) rows.get(i)[4]);
			}
		}
	}

	private static long micros(Duration duration) {
		return duration.toNanos() / 1000;
	}

}
