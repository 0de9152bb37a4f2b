package dev.sfsync.store;

import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Marks app writes made by sfsync itself (inbound runs, and outbound runs storing what
 * Salesforce answered) so that the outbox triggers of {@code V7__outbox.sql} skip them:
 * without it every inbound change would be pushed back to Salesforce. The mark is the
 * session variable {@code @sfsync_inbound}, so the writes must run on the connection of
 * the caller's transaction, and it is always cleared before the connection goes back to
 * the pool.
 */
public final class SyncWrites {

	private SyncWrites() {
	}

	/**
	 * Runs writes that must not be captured by the outbox, in the current transaction.
	 */
	public static <T> T uncaptured(JdbcTemplate jdbc, Supplier<T> writes) {
		jdbc.execute("SET @sfsync_inbound = 1");
		try {
			return writes.get();
		}
		finally {
			jdbc.execute("SET @sfsync_inbound = NULL");
		}
	}

	/**
	 * Runs writes that must not be captured by the outbox, in the current transaction.
	 */
	public static void uncaptured(JdbcTemplate jdbc, Runnable writes) {
		uncaptured(jdbc, () -> {
			writes.run();
			return null;
		});
	}

}
