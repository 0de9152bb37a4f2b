package dev.sfsync.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How a Bulk API 2.0 reader waits for its job: polls spaced by a delay that doubles from
 * {@code initialDelay} up to {@code maxDelay}, for at most {@code maxWait} in all. The
 * clock and sleeper are parameters so that tests wait in virtual time.
 *
 * @param initialDelay the delay before the first poll of a new job, for example 200 ms
 * @param maxDelay the longest delay between two polls, for example 10 s
 * @param maxWait how long one wait may take in all before the reader gives up (the job
 * stays resumable)
 * @param clock the clock the wait is measured with
 * @param sleeper how the reader sleeps between polls
 */
public record BulkPolling(Duration initialDelay, Duration maxDelay, Duration maxWait, Clock clock, Sleeper sleeper) {

	public BulkPolling {
		if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0
				|| maxWait.isNegative()) {
			throw new IllegalArgumentException("Bulk polling needs 0 < initialDelay <= maxDelay and maxWait >= 0; were "
					+ initialDelay + ", " + maxDelay + " and " + maxWait);
		}
	}

	/** 200 ms doubling to 10 s, for at most 30 minutes, measured by the clock. */
	public static BulkPolling standard(Clock clock) {
		return of(Duration.ofMinutes(30), clock);
	}

	/**
	 * 200 ms doubling to 10 s, for at most {@code maxWait}, measured by the clock; the
	 * thread sleeps between polls.
	 */
	public static BulkPolling of(Duration maxWait, Clock clock) {
		return new BulkPolling(Duration.ofMillis(200), Duration.ofSeconds(10), maxWait, clock,
				(duration) -> Thread.sleep(duration.toMillis()));
	}

	/** Sleeps between two polls. */
	@FunctionalInterface
	public interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;

	}

	/** Where a wait ended: the job's last known state, and whether time ran out. */
	record Outcome(String state, boolean timedOut) {
	}

	/**
	 * Waits until {@code done} accepts the job's state or time runs out. The state
	 * already known (from creating the job, or a first poll) is looked at before any
	 * sleep; the last sleep is cut short at the deadline, and one more poll follows it.
	 * @param known the state known now
	 * @param poll asks Salesforce for the state again
	 * @param done whether a state ends the wait: complete, failed or aborted
	 * @throws InterruptedException if the thread is interrupted while sleeping
	 */
	Outcome await(String known, Supplier<String> poll, Predicate<String> done) throws InterruptedException {
		Instant deadline = this.clock.instant().plus(this.maxWait);
		Duration delay = this.initialDelay;
		String state = known;
		while (!done.test(state)) {
			Duration left = Duration.between(this.clock.instant(), deadline);
			if (left.isNegative() || left.isZero()) {
				return new Outcome(state, true);
			}
			this.sleeper.sleep((delay.compareTo(left) < 0) ? delay : left);
			delay = delay.multipliedBy(2);
			if (delay.compareTo(this.maxDelay) > 0) {
				delay = this.maxDelay;
			}
			state = poll.get();
		}
		return new Outcome(state, false);
	}

}
