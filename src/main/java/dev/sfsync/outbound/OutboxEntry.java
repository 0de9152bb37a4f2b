package dev.sfsync.outbound;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One outbox row with the app row it is about, as the app table holds it now.
 *
 * @param id the outbox row
 * @param appId the app row
 * @param operation what the app did
 * @param changedColumns the columns an update changed
 * @param salesforceId the record's Salesforce Id: the app row's, or the one the outbox
 * row kept for a row deleted since
 * @param changedAt when the app made the change
 * @param attempts how many runs tried this change before
 * @param row the app row now, or null when it was deleted from the table
 */
record OutboxEntry(long id, long appId, Operation operation, Set<String> changedColumns, @Nullable String salesforceId,
		Instant changedAt, int attempts, @Nullable Map<String, @Nullable Object> row) {

	/** The app change an outbox row records. */
	enum Operation {

		INSERT, UPDATE, DELETE

	}

	/** Whether the app row is gone or flagged deleted. */
	boolean deleted() {
		Map<String, @Nullable Object> row = this.row;
		return row == null || Boolean.TRUE.equals(row.get("deleted"))
				|| (row.get("deleted") instanceof Number number && number.intValue() != 0);
	}

}
