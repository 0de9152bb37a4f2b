package dev.sfsync.outbound;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How outbound changes are dispatched, written and retried.
 *
 * @param dispatch whether this process polls the outbox and launches outbound runs
 * @param pollInterval how long the dispatcher waits between two polls of the outbox
 * @param lease how long a dispatcher owns a connection's object type without renewing it;
 * a dispatcher that died loses its claims after this
 * @param concurrency outbound runs one dispatcher runs at the same time
 * @param batchWait how long the last changes of a burst, too few to fill a Collections
 * call, wait for more before they go out in a call of their own; changes outside a burst
 * never wait
 * @param chunk outbox rows per chunk transaction
 * @param bulkThreshold new records of one chunk above which Bulk API 2.0 ingest is used
 * instead of sObject Collections
 * @param lockRetries retries within a run of records Salesforce could not lock
 * @param lockRetryDelay the first backoff of those retries, doubled each time
 * @param maxAttempts runs that try a change that keeps failing transiently (locks, server
 * errors) before it stays failed
 * @param retryDelay how long a change that failed transiently waits for its next run,
 * doubled after each attempt
 * @param failedRunDelay how long a connection's object type waits for its next run after
 * a run that failed as a whole
 * @param keepProcessed how long outbox rows that were handled are kept before they are
 * deleted (failed ones are kept until re-queued)
 */
@ConfigurationProperties("sfsync.outbound")
public record OutboundProperties(@DefaultValue("true") boolean dispatch, @DefaultValue("250ms") Duration pollInterval,
		@DefaultValue("60s") Duration lease, @DefaultValue("4") int concurrency, @DefaultValue("1s") Duration batchWait,
		@DefaultValue("2000") int chunk, @DefaultValue("2000") int bulkThreshold, @DefaultValue("3") int lockRetries,
		@DefaultValue("500ms") Duration lockRetryDelay, @DefaultValue("5") int maxAttempts,
		@DefaultValue("30s") Duration retryDelay, @DefaultValue("30s") Duration failedRunDelay,
		@DefaultValue("7d") Duration keepProcessed) {

	public OutboundProperties {
		require(pollInterval.toMillis() >= 10, "sfsync.outbound.poll-interval", pollInterval, "at least 10ms");
		require(lease.compareTo(pollInterval.multipliedBy(4)) >= 0, "sfsync.outbound.lease", lease,
				"at least four poll intervals");
		require(concurrency >= 1, "sfsync.outbound.concurrency", concurrency, "at least 1");
		require(!batchWait.isNegative() && batchWait.toSeconds() <= 60, "sfsync.outbound.batch-wait", batchWait,
				"0s to 60s");
		require(chunk >= 1 && chunk <= 10000, "sfsync.outbound.chunk", chunk, "1 to 10000");
		require(bulkThreshold >= 200, "sfsync.outbound.bulk-threshold", bulkThreshold, "at least 200");
		require(lockRetries >= 0, "sfsync.outbound.lock-retries", lockRetries, "0 or more");
		require(!lockRetryDelay.isNegative(), "sfsync.outbound.lock-retry-delay", lockRetryDelay, "not negative");
		require(maxAttempts >= 1, "sfsync.outbound.max-attempts", maxAttempts, "at least 1");
		require(!retryDelay.isNegative(), "sfsync.outbound.retry-delay", retryDelay, "not negative");
		require(!failedRunDelay.isNegative(), "sfsync.outbound.failed-run-delay", failedRunDelay, "not negative");
		require(keepProcessed.toHours() >= 1, "sfsync.outbound.keep-processed", keepProcessed, "at least 1h");
	}

	private static void require(boolean valid, String key, Object value, String allowed) {
		if (!valid) {
			throw new IllegalArgumentException(key + " is " + value + "; allowed: " + allowed);
		}
	}

}
