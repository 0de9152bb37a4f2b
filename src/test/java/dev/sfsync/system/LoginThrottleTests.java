package dev.sfsync.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The login throttling policy: free failures per user (5) and per address (20), then a
 * wait doubling from 1 s to 15 min, forgotten after an hour without failures.
 */
class LoginThrottleTests {

	private static final String ALICE = "alice";

	private static final String HOME = "203.0.113.7";

	private static final String ELSEWHERE = "198.51.100.9";

	private final MutableClock clock = new MutableClock();

	private final LoginThrottle throttle = new LoginThrottle(new LoginThrottleProperties(5, 20, Duration.ofSeconds(1),
			Duration.ofMinutes(15), Duration.ofHours(1), 1000), this.clock);

	@Test
	void aUsersFirstFiveFailuresCostNothingThenTheWaitDoublesUpToFifteenMinutes() {
		List<Duration> waits = new ArrayList<>();
		for (int i = 1; i <= 17; i++) {
			waits.add(this.throttle.failed(ALICE, HOME).backoff());
			assertThat(this.throttle.retryAfter(ALICE, HOME))
				.isEqualTo((i <= 5) ? java.util.Optional.empty() : java.util.Optional.of(waits.get(i - 1)));
		}

		assertThat(waits).extracting(Duration::toSeconds)
			.containsExactly(0L, 0L, 0L, 0L, 0L, 1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 900L, 900L);
	}

	@Test
	void theWaitRunsFromTheLastFailure() {
		failures(ALICE, HOME, 6);

		this.clock.advance(Duration.ofMillis(999));
		assertThat(this.throttle.retryAfter(ALICE, HOME)).hasValue(Duration.ofMillis(1));
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.throttle.retryAfter(ALICE, HOME)).isEmpty();
	}

	@Test
	void aThrottledUserWaitsFromEveryAddressWhileOtherUsersOfTheAddressDoNot() {
		failures(ALICE, HOME, 6);

		assertThat(this.throttle.retryAfter(ALICE, ELSEWHERE)).hasValue(Duration.ofSeconds(1));
		assertThat(this.throttle.retryAfter("ALICE", HOME)).as("names ignore case").hasValue(Duration.ofSeconds(1));
		assertThat(this.throttle.retryAfter("bob", HOME)).isEmpty();
	}

	@Test
	void anAddressWithTwentyFailuresAsAnyUsersWaitsForEveryUserWhileOtherAddressesDoNot() {
		for (int i = 1; i <= 20; i++) {
			this.throttle.failed("guess-" + i, HOME);
		}
		assertThat(this.throttle.retryAfter(ALICE, HOME)).isEmpty();

		LoginThrottle.Failed failed = this.throttle.failed("guess-21", HOME);

		assertThat(failed).isEqualTo(new LoginThrottle.Failed(1, 21, Duration.ofSeconds(1)));
		assertThat(this.throttle.retryAfter(ALICE, HOME)).hasValue(Duration.ofSeconds(1));
		assertThat(this.throttle.retryAfter(ALICE, ELSEWHERE)).isEmpty();
	}

	@Test
	void aSuccessClearsTheUsersFailuresButNotTheAddresss() {
		failures(ALICE, HOME, 21);
		assertThat(this.throttle.retryAfter(ALICE, ELSEWHERE)).isPresent();

		this.throttle.succeeded("Alice");

		assertThat(this.throttle.retryAfter(ALICE, ELSEWHERE)).isEmpty();
		assertThat(this.throttle.retryAfter("bob", HOME)).isPresent();
		assertThat(this.throttle.failed(ALICE, ELSEWHERE).userFailures()).isOne();
	}

	@Test
	void failuresAreForgottenAnHourAfterTheLast() {
		failures(ALICE, HOME, 30);
		this.clock.advance(Duration.ofMinutes(59));
		assertThat(this.throttle.retryAfter(ALICE, ELSEWHERE)).isEmpty();
		assertThat(this.throttle.failed(ALICE, HOME))
			.isEqualTo(new LoginThrottle.Failed(31, 31, Duration.ofMinutes(15)));

		this.clock.advance(Duration.ofHours(1));

		assertThat(this.throttle.retryAfter(ALICE, HOME)).isEmpty();
		assertThat(this.throttle.failed(ALICE, HOME)).isEqualTo(new LoginThrottle.Failed(1, 1, Duration.ZERO));
	}

	@Test
	void failuresWithoutAKnownAddressCountForTheUserOnly() {
		failures(ALICE, null, 6);

		assertThat(this.throttle.retryAfter(ALICE, null)).hasValue(Duration.ofSeconds(1));
		assertThat(this.throttle.retryAfter("bob", null)).isEmpty();
	}

	@Test
	void aPolicyThatWouldForgetFailuresBeforeTheWaitEndsIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LoginThrottleProperties(5, 20, Duration.ofSeconds(1), Duration.ofMinutes(15),
					Duration.ofMinutes(10), 1000))
			.withMessage("sfsync.security.login-throttle.forget-after must be at least max-backoff, or the failures"
					+ " are forgotten before the wait ends; were PT10M and PT15M");
	}

	private void failures(String username, @Nullable String address, int count) {
		for (int i = 0; i < count; i++) {
			this.throttle.failed(username, address);
		}
	}

}
