package dev.sfsync.syncstate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.StreamUtils;

/**
 * Reads and writes {@code sync_state}, never ahead of the job repository: a run's row
 * names its execution once the launcher has created it, and takes its end from
 * {@code BATCH_JOB_EXECUTION} after Spring Batch has recorded it there. A reader that
 * finds the repository holding another status for the last execution (a crash between the
 * two writes, or an operator's abandon) settles the row from the repository first. The
 * polls that found nothing move the high-water mark too, recorded in {@code sync_poll} in
 * the same transaction. Every statement is a primary-key lookup or a short index range.
 */
public final class SyncStates {

	/** The statement that rebuilds every row from {@code BATCH_*}; V13 runs it too. */
	public static final String REBUILD_RESOURCE = "dev/sfsync/syncstate/rebuild-sync-state.sql";

	private static final Log logger = LogFactory.getLog(SyncStates.class);

	private static final String SELECT = """
			SELECT s.connection_id, s.object_type, s.direction, s.high_water_mark, s.completed_execution_id,
				s.last_execution_id, s.last_job_name, s.last_status, s.backfill_done, s.last_poll_at,
				e.STATUS AS repository_status
			FROM sync_state s
			LEFT JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.last_execution_id
			""";

	private final JdbcTemplate jdbc;

	private final RunRecords records;

	private final TransactionOperations transactions;

	private final Clock clock;

	public SyncStates(JdbcTemplate jdbc, TransactionOperations transactions, Clock clock) {
		this.jdbc = jdbc;
		this.records = new RunRecords(jdbc);
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * The state of a connection's object type in a direction, with the last execution's
	 * status as the job repository holds it; empty when no run of it is known.
	 */
	public Optional<SyncState> find(String connectionId, String objectType, String direction) {
		return query(SELECT + " WHERE s.connection_id = ? AND s.object_type = ? AND s.direction = ?", connectionId,
				objectType, direction)
			.stream()
			.findFirst();
	}

	/**
	 * The states of some connections, every object type and direction: an index range per
	 * connection. Rows whose last execution the repository holds with another status are
	 * settled first.
	 */
	public List<SyncState> forConnections(List<String> connectionIds) {
		if (connectionIds.isEmpty()) {
			return List.of();
		}
		String in = String.join(", ", connectionIds.stream().map((id) -> "?").toList());
		return query(SELECT + " WHERE s.connection_id IN (" + in + ") ORDER BY s.connection_id, s.object_type,"
				+ " s.direction", connectionIds.toArray());
	}

	/**
	 * Every connection's states, for the platform operator: one row per connection,
	 * object type and direction, however long their history.
	 */
	public List<SyncState> all() {
		return query(SELECT + " ORDER BY s.connection_id, s.object_type, s.direction");
	}

	private List<SyncState> query(String sql, Object... arguments) {
		List<Row> rows = this.jdbc.query(sql, SyncStates::row, arguments);
		List<Row> unsettled = rows.stream().filter((row) -> !row.settled()).toList();
		if (unsettled.isEmpty()) {
			return rows.stream().map(Row::state).toList();
		}
		unsettled.forEach((row) -> settle(Objects.requireNonNull(row.state().lastExecutionId())));
		return this.jdbc.query(sql, SyncStates::row, arguments).stream().map(Row::state).toList();
	}

	/**
	 * Records that an execution of a sync job has been created and is starting: from now
	 * on its row names it as the last execution (unless a later one is already there).
	 */
	public void started(JobExecution execution) {
		Key key = Key.of(execution).orElse(null);
		if (key == null || key.claimOnly()) {
			return;
		}
		this.jdbc.update("""
				INSERT INTO sync_state (connection_id, object_type, direction, last_execution_id, last_job_name,
					last_status, backfill_done, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, FALSE, ?)
				ON DUPLICATE KEY UPDATE
					last_job_name = IF(last_execution_id IS NULL OR VALUES(last_execution_id) > last_execution_id,
						VALUES(last_job_name), last_job_name),
					last_status = IF(last_execution_id IS NULL OR VALUES(last_execution_id) > last_execution_id,
						VALUES(last_status), last_status),
					last_execution_id = GREATEST(COALESCE(last_execution_id, 0), VALUES(last_execution_id)),
					updated_at = VALUES(updated_at)""", key.connectionId(), key.objectType(), key.direction(),
				execution.getId(), execution.getJobInstance().getJobName(), execution.getStatus().name(), now());
	}

	/**
	 * Takes an execution's end from the job repository into its row: its status, and when
	 * it completed, its window end as the high-water mark. Call it once Spring Batch has
	 * recorded the end; it writes only what {@code BATCH_JOB_EXECUTION} already holds, so
	 * it can run any number of times.
	 */
	public void settle(long executionId) {
		RunRecords.Facts fact = this.records.facts(executionId).orElse(null);
		if (fact == null || fact.connectionId() == null) {
			return;
		}
		Key key = Key.of(fact.jobName(), Objects.requireNonNull(fact.connectionId())).orElse(null);
		if (key == null) {
			return;
		}
		boolean ended = !fact.status().isRunning();
		if (key.claimOnly()) {
			if (ended) {
				this.jdbc.update("""
						UPDATE sync_state SET claim_owner = NULL, claim_until = NULL, claim_execution_id = NULL
						WHERE connection_id = ? AND object_type = ? AND direction = ?
							AND (claim_execution_id = ? OR claim_owner = ?)""", key.connectionId(), key.objectType(),
						key.direction(), executionId, fact.claim());
			}
			return;
		}
		boolean completed = fact.status() == BatchStatus.COMPLETED;
		String windowEnd = instantText(fact.windowEnd());
		// Single-table assignments run left to right: completed_execution_id is compared
		// before it is moved, so it moves last; the claim is compared before its owner
		// is cleared. An ended run gives back the claim it was launched with.
		this.jdbc.update("""
				UPDATE sync_state SET
					last_status = IF(last_execution_id = ?, ?, last_status),
					high_water_mark = IF(? AND ? > COALESCE(completed_execution_id, 0)
						AND ? > COALESCE(high_water_mark, ''), ?, high_water_mark),
					backfill_done = backfill_done OR (? AND direction = 'inbound'),
					completed_execution_id = IF(? AND ? > COALESCE(completed_execution_id, 0), ?,
						completed_execution_id),
					claim_until = IF(? AND (claim_execution_id = ? OR claim_owner = ?), NULL, claim_until),
					claim_owner = IF(? AND (claim_execution_id = ? OR claim_owner = ?), NULL, claim_owner),
					claim_execution_id = IF(claim_owner IS NULL, NULL, claim_execution_id),
					updated_at = ?
				WHERE connection_id = ? AND object_type = ? AND direction = ?""", executionId, fact.status().name(),
				completed, executionId, windowEnd, windowEnd, completed, completed, executionId, executionId, ended,
				executionId, fact.claim(), ended, executionId, fact.claim(), now(), key.connectionId(),
				key.objectType(), key.direction());
	}

	/**
	 * Records a scheduled fire's poll of an inbound window: when it was asked, the window
	 * and its API calls. A poll that found no change also moves the high-water mark to
	 * the window's end and extends the open span of {@code sync_poll} (the one ending at
	 * the mark it started from), or opens one, in the same transaction: the record that
	 * the window was read, in place of a run. Nothing is written when a run started or
	 * the mark moved since {@code state} was read; that run's window covers the time
	 * instead.
	 * @param state the state the poll's window was chosen from
	 * @param idle whether the window's first page was empty
	 * @return whether the poll was recorded
	 */
	public boolean polled(SyncState state, Instant from, Instant to, int apiCalls, boolean idle) {
		Instant mark = state.highWaterMark();
		if (mark == null || !state.direction().equals(SyncState.INBOUND)) {
			throw new IllegalArgumentException("Only an inbound state with a high-water mark is polled: " + state);
		}
		Timestamp now = now();
		Boolean recorded;
		try {
			recorded = this.transactions.execute((transaction) -> {
				// The state row first: polls of one object type queue here, and the
				// second
				// finds the mark moved and writes nothing.
				int updated = this.jdbc.update("""
						UPDATE sync_state SET
							high_water_mark = IF(? AND ? > high_water_mark, ?, high_water_mark),
							last_poll_at = ?, last_poll_from = ?, last_poll_to = ?, last_poll_api_calls = ?,
							updated_at = ?
						WHERE connection_id = ? AND object_type = ? AND direction = 'inbound' AND high_water_mark = ?
							AND last_execution_id <=> ?""", idle, to.toString(), to.toString(), now, from.toString(),
						to.toString(), apiCalls, now, state.connectionId(), state.objectType(), mark.toString(),
						state.lastExecutionId());
				if (updated == 0 || !idle) {
					return updated > 0;
				}
				// The open span ends at the mark. Found by a plain read and written by
				// its
				// primary key: a locking search of the end index would lock the gaps
				// around
				// other tenants' spans and deadlock their inserts.
				List<String> open = this.jdbc.queryForList(
						"SELECT window_from FROM sync_poll WHERE connection_id = ? AND object_type = ? AND window_to = ?",
						String.class, state.connectionId(), state.objectType(), mark.toString());
				if (!open.isEmpty()) {
					this.jdbc.update("""
							UPDATE sync_poll SET window_to = GREATEST(window_to, ?), polls = polls + 1,
								api_calls = api_calls + ?, last_poll_at = ?
							WHERE connection_id = ? AND object_type = ? AND window_from = ?""", to.toString(), apiCalls,
							now, state.connectionId(), state.objectType(), open.get(0));
				}
				else {
					this.jdbc.update("""
							INSERT INTO sync_poll (connection_id, object_type, window_from, window_to, polls,
								api_calls, first_poll_at, last_poll_at)
							VALUES (?, ?, ?, ?, 1, ?, ?, ?)
							ON DUPLICATE KEY UPDATE window_to = GREATEST(window_to, VALUES(window_to)),
								polls = polls + 1, api_calls = api_calls + VALUES(api_calls),
								last_poll_at = VALUES(last_poll_at)""", state.connectionId(), state.objectType(),
							from.toString(), to.toString(), apiCalls, now, now);
				}
				return true;
			});
		}
		catch (TransientDataAccessException ex) {
			// Rolled back whole: the mark did not move, and the next poll reads the
			// window
			// again.
			logger.warn("Could not record the poll of " + state.objectType() + " for connection " + state.connectionId()
					+ " (" + ex.getMostSpecificCause().getMessage() + "); the next poll covers its window");
			return false;
		}
		return Boolean.TRUE.equals(recorded);
	}

	/**
	 * Rebuilds every row from the job repository with {@link #REBUILD_RESOURCE}: a full
	 * scan of {@code BATCH_*}, for repairs and audits, never on a launch path.
	 * @return the rows inserted or changed, as the database counts them
	 */
	public int rebuild() {
		int rows = this.jdbc.update(rebuildStatement());
		logger.info("Rebuilt sync_state from the job repository (" + rows + " row changes)");
		return rows;
	}

	/** The statement of {@link #REBUILD_RESOURCE}. */
	public static String rebuildStatement() {
		try {
			return StreamUtils.copyToString(new ClassPathResource(REBUILD_RESOURCE).getInputStream(),
					StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + REBUILD_RESOURCE, ex);
		}
	}

	/**
	 * A window end as {@link Instant#toString()} writes it, the form the polls compare
	 * the mark in: a run launched by hand may spell its {@code to} another way.
	 */
	private static @Nullable String instantText(@Nullable String text) {
		try {
			return (text != null) ? Instant.parse(text).toString() : null;
		}
		catch (java.time.format.DateTimeParseException ex) {
			return text;
		}
	}

	private Timestamp now() {
		return Timestamp.valueOf(LocalDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC));
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		long completed = rs.getLong("completed_execution_id");
		Long completedId = rs.wasNull() ? null : completed;
		long last = rs.getLong("last_execution_id");
		Long lastId = rs.wasNull() ? null : last;
		String stored = rs.getString("last_status");
		String repository = rs.getString("repository_status");
		String hwm = rs.getString("high_water_mark");
		Timestamp poll = rs.getTimestamp("last_poll_at");
		SyncState state = new SyncState(rs.getString("connection_id"), rs.getString("object_type"),
				rs.getString("direction"), (hwm != null) ? Instant.parse(hwm) : null, completedId, lastId,
				rs.getString("last_job_name"), (repository != null) ? BatchStatus.valueOf(repository) : null,
				rs.getBoolean("backfill_done"),
				(poll != null) ? poll.toLocalDateTime().toInstant(ZoneOffset.UTC) : null);
		return new Row(state, lastId == null || repository == null || repository.equals(stored));
	}

	private record Row(SyncState state, boolean settled) {
	}

	/**
	 * A row's key, from a sync job's name ({@code {object}-{direction}}) and connection.
	 */
	record Key(String connectionId, String objectType, String direction, boolean claimOnly) {

		static Optional<Key> of(JobExecution execution) {
			String connection = execution.getJobParameters().getString("connection");
			return (connection != null) ? of(execution.getJobInstance().getJobName(), connection) : Optional.empty();
		}

		/**
		 * The row of a sync job's runs. A reconcile run writes app rows as inbound runs
		 * do, so it takes the inbound claim; it moves nothing else in the row, being
		 * neither an inbound window nor a run the next inbound launch resumes.
		 */
		static Optional<Key> of(String jobName, String connectionId) {
			int dash = jobName.lastIndexOf('-');
			if (dash <= 0) {
				return Optional.empty();
			}
			String object = jobName.substring(0, dash);
			return switch (jobName.substring(dash + 1)) {
				case "inbound", "backfill" -> Optional.of(new Key(connectionId, object, SyncState.INBOUND, false));
				case "reconcile" -> Optional.of(new Key(connectionId, object, SyncState.INBOUND, true));
				case "outbound" -> Optional.of(new Key(connectionId, object, SyncState.OUTBOUND, false));
				default -> Optional.empty();
			};
		}

	}

}
