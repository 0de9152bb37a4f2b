package dev.sfsync.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock that moves only when something sleeps on it, so that tests wait out long
 * bounded waits at once and can see every sleep.
 */
final class VirtualTime extends Clock {

	private Instant now = Instant.parse("2025-01-01T00:00:00Z");

	private final List<Duration> sleeps = new ArrayList<>();

	/**
	 * Bulk polling in this time: 200 ms doubling to 10 s, for at most {@code maxWait}.
	 */
	BulkPolling polling(Duration maxWait) {
		return new BulkPolling(Duration.ofMillis(200), Duration.ofSeconds(10), maxWait, this, this::sleep);
	}

	synchronized void sleep(Duration duration) {
		this.sleeps.add(duration);
		this.now = this.now.plus(duration);
	}

	synchronized List<Duration> sleeps() {
		return List.copyOf(this.sleeps);
	}

	@Override
	public synchronized Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
