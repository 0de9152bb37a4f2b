package dev.sfsync.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when a test advances it, so that waits are passed at once.
 */
final class MutableClock extends Clock {

	private Instant now = Instant.parse("2026-01-05T09:00:00Z");

	synchronized void advance(Duration duration) {
		this.now = this.now.plus(duration);
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
