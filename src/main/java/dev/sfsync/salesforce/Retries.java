package dev.sfsync.salesforce;

import java.time.Duration;

import org.springframework.core.retry.RetryPolicy;

/**
 * How transient failures (503, row locks, concurrency limits, timeouts) are retried
 * within a call: exponential backoff with jitter, a bounded number of times.
 *
 * @param maxRetries retries after the first attempt
 * @param delay the first backoff
 * @param maxDelay the longest backoff
 */
public record Retries(int maxRetries, Duration delay, Duration maxDelay) {

	/** Four retries from half a second, doubling, up to ten seconds apart. */
	public static final Retries DEFAULT = new Retries(4, Duration.ofMillis(500), Duration.ofSeconds(10));

	public Retries {
		if (maxRetries < 0 || delay.isNegative() || maxDelay.compareTo(delay) < 0) {
			throw new IllegalArgumentException("Retries need maxRetries >= 0 and 0 <= delay <= maxDelay; were "
					+ maxRetries + ", " + delay + ", " + maxDelay);
		}
	}

	/**
	 * The policy of one call. A call that got no answer at all is retried only when it is
	 * safe to repeat: a create may have reached Salesforce.
	 */
	RetryPolicy policy(boolean idempotent) {
		return RetryPolicy.builder()
			.maxRetries(this.maxRetries)
			.delay(this.delay)
			.multiplier(2)
			.jitter(this.delay.dividedBy(2))
			.maxDelay(this.maxDelay)
			.predicate((failure) -> failure instanceof SalesforceException salesforce && salesforce.isTransient()
					&& (idempotent || salesforce.status() != 0))
			.build();
	}

}
