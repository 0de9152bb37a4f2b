package dev.sfsync.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How failed sign-ins are throttled: a few free failures per user and per client address,
 * then a wait that doubles with each further failure.
 *
 * @param freeFailuresPerUser failures of one user (from any address) before they must
 * wait
 * @param freeFailuresPerAddress failures from one client address (as any user) before it
 * must wait
 * @param initialBackoff the wait after the first failure past the free ones; it doubles
 * with each further failure
 * @param maxBackoff the longest wait
 * @param forgetAfter how long after its last failure a user's or address's failures are
 * forgotten
 * @param maxTracked how many users and how many addresses are tracked at most, each; the
 * least used are forgotten first
 */
@ConfigurationProperties("sfsync.security.login-throttle")
record LoginThrottleProperties(@DefaultValue("5") int freeFailuresPerUser,
		@DefaultValue("20") int freeFailuresPerAddress, @DefaultValue("1s") Duration initialBackoff,
		@DefaultValue("15m") Duration maxBackoff, @DefaultValue("1h") Duration forgetAfter,
		@DefaultValue("100000") int maxTracked) {

	LoginThrottleProperties {
		if (freeFailuresPerUser < 0 || freeFailuresPerAddress < 0) {
			throw new IllegalArgumentException("sfsync.security.login-throttle.free-failures-per-user and"
					+ " .free-failures-per-address must be 0 or more; were " + freeFailuresPerUser + " and "
					+ freeFailuresPerAddress);
		}
		if (initialBackoff.compareTo(Duration.ZERO) <= 0 || maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException("sfsync.security.login-throttle.initial-backoff must be positive and"
					+ " at most max-backoff; were " + initialBackoff + " and " + maxBackoff);
		}
		if (forgetAfter.compareTo(maxBackoff) < 0) {
			throw new IllegalArgumentException("sfsync.security.login-throttle.forget-after must be at least"
					+ " max-backoff, or the failures are forgotten before the wait ends; were " + forgetAfter + " and "
					+ maxBackoff);
		}
		if (maxTracked < 1) {
			throw new IllegalArgumentException(
					"sfsync.security.login-throttle.max-tracked must be positive; was " + maxTracked);
		}
	}

}
