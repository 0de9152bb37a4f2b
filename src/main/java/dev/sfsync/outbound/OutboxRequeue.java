package dev.sfsync.outbound;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.annotation.Transactional;

/**
 * Lets an operator send changes that failed for good once more, for example after fixing
 * a validation rule or a permission in Salesforce: each failed outbox row is queued again
 * as a new pending row with its attempts reset, and marked {@code REQUEUED}, so its
 * failure stays in the outbox and the outcome log.
 */
public class OutboxRequeue {

	private final OutboxStore outbox;

	OutboxRequeue(OutboxStore outbox) {
		this.outbox = outbox;
	}

	/**
	 * Queues again the failed changes of a connection, of one object type or all.
	 * @return how many changes were queued
	 */
	@Transactional
	public int requeueFailed(String connectionId, @Nullable String objectType) {
		List<Long> failed = this.outbox.lockFailed(connectionId, objectType);
		this.outbox.requeueAsNew(failed);
		return failed.size();
	}

	/**
	 * Queues again the changes one outbound run of a connection failed for good: the
	 * page's "Resync" of that run.
	 * @return how many changes were queued
	 */
	@Transactional
	public int requeueFailedOf(String connectionId, long runId) {
		List<Long> failed = this.outbox.lockFailedOf(connectionId, runId);
		this.outbox.requeueAsNew(failed);
		return failed.size();
	}

}
