package dev.sfsync.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.sfsync.soql.SoqlFieldPath;

import org.springframework.http.HttpStatus;

/**
 * Open query cursors behind {@code nextRecordsUrl}: each expires after 15 idle minutes,
 * and a user has at most 10 open; the 11th releases the oldest, as Salesforce does.
 */
final class QueryCursors {

	static final Duration IDLE_TIMEOUT = Duration.ofMinutes(15);

	private static final int MAX_PER_USER = 10;

	private final Map<String, Cursor> byId = new ConcurrentHashMap<>();

	private final Map<String, Deque<String>> byUser = new ConcurrentHashMap<>();

	private final AtomicLong sequence = new AtomicLong();

	private final Clock clock;

	QueryCursors(Clock clock) {
		this.clock = clock;
	}

	/** The rows of one query still to be served, rendered when they are fetched. */
	static final class Cursor {

		private final String id;

		private final String userId;

		private final SObjectTable table;

		private final List<StoredRecord> rows;

		private final List<SoqlFieldPath> fields;

		private volatile Instant lastUsed;

		Cursor(String id, String userId, SObjectTable table, List<StoredRecord> rows, List<SoqlFieldPath> fields,
				Instant lastUsed) {
			this.id = id;
			this.userId = userId;
			this.table = table;
			this.rows = rows;
			this.fields = fields;
			this.lastUsed = lastUsed;
		}

		String id() {
			return this.id;
		}

		SObjectTable table() {
			return this.table;
		}

		List<StoredRecord> rows() {
			return this.rows;
		}

		List<SoqlFieldPath> fields() {
			return this.fields;
		}

	}

	Cursor open(Org org, OrgUser user, SObjectTable table, List<StoredRecord> rows, List<SoqlFieldPath> fields) {
		String id = "01g" + org.id().substring(3, 5) + String.format("%010d", this.sequence.incrementAndGet());
		Cursor cursor = new Cursor(id, user.id(), table, rows, fields, this.clock.instant());
		this.byId.put(id, cursor);
		Deque<String> open = this.byUser.computeIfAbsent(user.id(), (key) -> new ArrayDeque<>());
		synchronized (open) {
			open.addLast(id);
			while (open.size() > MAX_PER_USER) {
				this.byId.remove(open.removeFirst());
			}
		}
		return cursor;
	}

	/**
	 * The cursor of a locator such as {@code 01gXX0000000001-2000}, and the offset of its
	 * next row.
	 */
	Cursor find(String cursorId, OrgUser user) {
		Cursor cursor = this.byId.get(cursorId);
		Instant now = this.clock.instant();
		if (cursor == null || !cursor.userId.equals(user.id()) || cursor.lastUsed.plus(IDLE_TIMEOUT).isBefore(now)) {
			if (cursor != null) {
				this.byId.remove(cursorId);
			}
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_QUERY_LOCATOR", "invalid query locator");
		}
		cursor.lastUsed = now;
		return cursor;
	}

	void close(Cursor cursor) {
		this.byId.remove(cursor.id);
		Deque<String> open = this.byUser.get(cursor.userId);
		if (open != null) {
			synchronized (open) {
				open.remove(cursor.id);
			}
		}
	}

}
