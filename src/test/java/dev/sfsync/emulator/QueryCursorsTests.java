package dev.sfsync.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import dev.sfsync.emulator.schema.SchemaCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class QueryCursorsTests {

	private final MovableClock clock = new MovableClock();

	private final QueryCursors cursors = new QueryCursors(this.clock);

	private final Org org = new Org(dev.sfsync.salesforce.SalesforceId.to18("00DA10000000001"), "Org", "A1", 1000,
			SchemaCatalog.standard());

	private final OrgUser user = this.org.addUser("u@example.com", "pw", "u@example.com");

	private final SObjectTable table = new SObjectTable(SchemaCatalog.standard().get("Contact"));

	@Test
	void aLocatorExpiresAfterFifteenIdleMinutes() {
		QueryCursors.Cursor cursor = this.cursors.open(this.org, this.user, this.table, List.of(), List.of());
		this.clock.advance(Duration.ofMinutes(14));
		assertThat(this.cursors.find(cursor.id(), this.user)).isSameAs(cursor);
		this.clock.advance(Duration.ofMinutes(14));
		assertThat(this.cursors.find(cursor.id(), this.user)).isSameAs(cursor);
		this.clock.advance(Duration.ofMinutes(16));
		assertThatExceptionOfType(SalesforceApiException.class)
			.isThrownBy(() -> this.cursors.find(cursor.id(), this.user))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo("INVALID_QUERY_LOCATOR"));
	}

	@Test
	void theEleventhOpenCursorOfAUserReleasesTheOldest() {
		QueryCursors.Cursor oldest = this.cursors.open(this.org, this.user, this.table, List.of(), List.of());
		for (int i = 0; i < 10; i++) {
			this.cursors.open(this.org, this.user, this.table, List.of(), List.of());
		}
		assertThatExceptionOfType(SalesforceApiException.class)
			.isThrownBy(() -> this.cursors.find(oldest.id(), this.user));
	}

	@Test
	void anotherUsersLocatorIsNotYours() {
		QueryCursors.Cursor cursor = this.cursors.open(this.org, this.user, this.table, List.of(), List.of());
		OrgUser other = this.org.addUser("v@example.com", "pw", "v@example.com");
		assertThatExceptionOfType(SalesforceApiException.class).isThrownBy(() -> this.cursors.find(cursor.id(), other));
	}

	/** A clock the test moves forward. */
	static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2026-11-22T12:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneId.of("UTC");
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
