package dev.sfsync.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

/**
 * Counts failed sign-ins per user and per client address and says how long the next
 * attempt must wait: nothing for the first few, then a wait that doubles with each
 * failure. A success clears the user's count, not the address's. The counts live in this
 * replica's memory only.
 */
final class LoginThrottle {

	private final LoginThrottleProperties policy;

	private final Clock clock;

	private final Cache<String, Failures> users;

	private final Cache<String, Failures> addresses;

	LoginThrottle(LoginThrottleProperties policy, Clock clock) {
		this.policy = policy;
		this.clock = clock;
		this.users = tracking(policy, clock);
		this.addresses = tracking(policy, clock);
	}

	private static Cache<String, Failures> tracking(LoginThrottleProperties policy, Clock clock) {
		// Caffeine's time is the clock's, so a test clock expires entries too.
		return Caffeine.newBuilder()
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.expireAfterWrite(policy.forgetAfter())
			.maximumSize(policy.maxTracked())
			.build();
	}

	/**
	 * How long a sign-in as this user from this address must still wait, if it must.
	 */
	Optional<Duration> retryAfter(String username, @Nullable String address) {
		Instant now = this.clock.instant();
		Duration user = remaining(this.users.getIfPresent(key(username)), this.policy.freeFailuresPerUser(), now);
		Duration from = (address != null)
				? remaining(this.addresses.getIfPresent(address), this.policy.freeFailuresPerAddress(), now)
				: Duration.ZERO;
		Duration longer = (user.compareTo(from) >= 0) ? user : from;
		return (longer.compareTo(Duration.ZERO) > 0) ? Optional.of(longer) : Optional.empty();
	}

	/** Counts a failed sign-in (a wrong password or an unknown user). */
	Failed failed(String username, @Nullable String address) {
		Instant now = this.clock.instant();
		Failures user = this.users.asMap().compute(key(username), (key, failures) -> Failures.after(failures, now));
		Failures from = (address != null)
				? this.addresses.asMap().compute(address, (key, failures) -> Failures.after(failures, now)) : null;
		Duration wait = backoff(user.count(), this.policy.freeFailuresPerUser());
		if (from != null) {
			Duration fromWait = backoff(from.count(), this.policy.freeFailuresPerAddress());
			wait = (fromWait.compareTo(wait) > 0) ? fromWait : wait;
		}
		return new Failed(user.count(), (from != null) ? from.count() : 0, wait);
	}

	/** A successful sign-in clears the user's failures; its address's stay. */
	void succeeded(String username) {
		this.users.invalidate(key(username));
	}

	private Duration remaining(@Nullable Failures failures, int free, Instant now) {
		if (failures == null) {
			return Duration.ZERO;
		}
		Duration remaining = Duration.between(now, failures.last().plus(backoff(failures.count(), free)));
		return remaining.isNegative() ? Duration.ZERO : remaining;
	}

	/** Nothing for the free failures, then initial-backoff doubling up to max-backoff. */
	private Duration backoff(int failures, int free) {
		if (failures <= free) {
			return Duration.ZERO;
		}
		int doublings = failures - free - 1;
		Duration max = this.policy.maxBackoff();
		if (doublings >= 62) {
			return max;
		}
		long millis = this.policy.initialBackoff().toMillis();
		return (millis > max.toMillis() >> doublings) ? max : Duration.ofMillis(millis << doublings);
	}

	/** Spring Security's in-memory users ignore the case of the name; so does this. */
	private static String key(String username) {
		return username.toLowerCase(Locale.ROOT);
	}

	/**
	 * A failed sign-in as counted.
	 *
	 * @param userFailures the user's failures in a row, this one included
	 * @param addressFailures the address's failures, this one included
	 * @param backoff how long the next attempt must wait
	 */
	record Failed(int userFailures, int addressFailures, Duration backoff) {

	}

	private record Failures(int count, Instant last) {

		static Failures after(@Nullable Failures before, Instant now) {
			return new Failures((before != null) ? before.count() + 1 : 1, now);
		}

	}

}
