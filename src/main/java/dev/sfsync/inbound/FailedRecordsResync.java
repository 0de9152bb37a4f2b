package dev.sfsync.inbound;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import dev.sfsync.salesforce.SalesforceId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * An operator's "Resync" of an inbound run's failed records: each goes into the retry set
 * without a payload, so that the object type's next run reads it again by Id from
 * Salesforce ({@code retry-waiting}) and decides it again: written, skipped or failed for
 * its reason of now. Its last decision is forgotten, so that the same version read again
 * is decided, not passed over as decided already.
 */
public class FailedRecordsResync {

	private static final int BATCH = 2_000;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	FailedRecordsResync(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Queues the failed records of a run of a connection's object type to be read again
	 * by the next run: the run's outcome rows, by its index, and one upsert per 2,000.
	 * @return how many records were queued
	 */
	@Transactional
	public int readAgain(String connectionId, String objectType, long runId) {
		List<Object[]> failed = this.jdbc
			.query("SELECT salesforce_id, MIN(reason) FROM sync_record_outcome_log WHERE job_execution_id = ?"
					+ " AND outcome = 'FAILED' AND salesforce_id IS NOT NULL GROUP BY salesforce_id",
					(rs, row) -> new Object[] { rs.getString(1), rs.getString(2) }, runId)
			.stream()
			.filter((row) -> SalesforceId.isValid((String) row[0]))
			.toList();
		LocalDateTime now = LocalDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		for (int start = 0; start < failed.size(); start += BATCH) {
			List<Object[]> batch = failed.subList(start, Math.min(failed.size(), start + BATCH))
				.stream()
				.map((row) -> new Object[] { connectionId, objectType, row[0], row[1], runId, runId, now })
				.toList();
			this.jdbc.batchUpdate("""
					INSERT INTO sync_unwritten (connection_id, object_type, salesforce_id, reason, modstamp, state,
						payload, first_execution_id, last_execution_id, resolved_execution_id, retries, updated_at)
					VALUES (?, ?, ?, ?, NULL, 'WAITING', NULL, ?, ?, NULL, 0, ?)
					ON DUPLICATE KEY UPDATE state = 'WAITING', payload = NULL, modstamp = NULL, retries = 0,
						resolved_execution_id = NULL, last_execution_id = VALUES(last_execution_id),
						updated_at = VALUES(updated_at)""", batch);
		}
		return failed.size();
	}

}
