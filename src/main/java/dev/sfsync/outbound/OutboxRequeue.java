package dev.sfsync.outbound;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lets an operator send changes that failed for good once more, for example after fixing
 * a validation rule or a permission in Salesforce: each failed outbox row is queued again
 * as a new pending row with its attempts reset, and marked {@code REQUEUED}, so its
 * failure stays in the outbox and the outcome log.
 */
public class OutboxRequeue {

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	OutboxRequeue(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
	}

	/**
	 * Queues again the failed changes of a connection, of one object type or all.
	 * @return how many changes were queued
	 */
	@Transactional
	public int requeueFailed(String connectionId, @Nullable String objectType) {
		// Locked, so a run failing another row meanwhile neither loses nor doubles it.
		return requeue(this.jdbc.queryForList(
				"SELECT id FROM sync_outbox WHERE connection_id = ? AND status ="
						+ " 'FAILED' AND (? IS NULL OR object_type = ?) ORDER BY id FOR UPDATE",
				Long.class, connectionId, objectType, objectType));
	}

	/**
	 * Queues again the changes one outbound run of a connection failed for good: the
	 * page's "Resync" of that run.
	 * @return how many changes were queued
	 */
	@Transactional
	public int requeueFailedOf(String connectionId, long runId) {
		return requeue(this.jdbc.queryForList(
				"SELECT id FROM sync_outbox WHERE status = 'FAILED' AND connection_id = ? AND job_execution_id = ?"
						+ " ORDER BY id FOR UPDATE",
				Long.class, connectionId, runId));
	}

	private int requeue(List<Long> failed) {
		if (failed.isEmpty()) {
			return 0;
		}
		Map<String, Object> ids = Map.of("ids", failed);
		this.named.update("INSERT INTO sync_outbox (connection_id, object_type, app_table, app_id, operation,"
				+ " changed_columns, salesforce_id, changed_at, attempts, available_at) SELECT connection_id,"
				+ " object_type, app_table, app_id, operation, changed_columns, salesforce_id, changed_at, 0,"
				+ " UTC_TIMESTAMP(6) FROM sync_outbox WHERE id IN (:ids) ORDER BY id", ids);
		this.named.update("UPDATE sync_outbox SET status = 'REQUEUED' WHERE id IN (:ids)", ids);
		return failed.size();
	}

}
