package dev.sfsync.outbound;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lets an operator send changes that failed for good once more, for example after fixing
 * a validation rule or a permission in Salesforce: each failed outbox row is queued again
 * as a new pending row with its attempts reset, and marked {@code REQUEUED}, so its
 * failure stays in the outbox and the outcome log.
 */
public class OutboxRequeue {

	private final JdbcTemplate jdbc;

	OutboxRequeue(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Queues again the failed changes of a connection, of one object type or all.
	 * @return how many changes were queued
	 */
	@Transactional
	public int requeueFailed(String connectionId, @Nullable String objectType) {
		String where = " WHERE connection_id = ? AND status = 'FAILED' AND (? IS NULL OR object_type = ?)";
		int queued = this.jdbc.update(
				"INSERT INTO sync_outbox (connection_id, object_type, app_table, app_id,"
						+ " operation, changed_columns, salesforce_id, changed_at, attempts, available_at) SELECT"
						+ " connection_id, object_type, app_table, app_id, operation, changed_columns, salesforce_id,"
						+ " changed_at, 0, UTC_TIMESTAMP(6) FROM sync_outbox" + where + " ORDER BY id",
				connectionId, objectType, objectType);
		this.jdbc.update("UPDATE sync_outbox SET status = 'REQUEUED'" + where, connectionId, objectType, objectType);
		return queued;
	}

}
