package dev.sfsync.emulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

/**
 * The undo log of an all-or-none call: every record created or changed on this thread
 * while it is open, so that one failure can put them all back.
 */
final class Journal {

	private static final ThreadLocal<@Nullable Journal> CURRENT = new ThreadLocal<>();

	private final Deque<Runnable> undo = new ArrayDeque<>();

	private Journal() {
	}

	static Journal begin() {
		Journal journal = new Journal();
		CURRENT.set(journal);
		return journal;
	}

	static void created(SObjectTable table, String id) {
		Journal journal = CURRENT.get();
		if (journal != null) {
			journal.undo.push(() -> table.purge(id));
		}
	}

	static void changing(SObjectTable table, StoredRecord record, @Nullable Object[] before,
			@Nullable Instant deletedAtBefore) {
		Journal journal = CURRENT.get();
		if (journal != null) {
			journal.undo.push(() -> {
				table.replace(record, before);
				record.setDeletedAt(deletedAtBefore);
			});
		}
	}

	/** Puts back everything, newest first. */
	void rollback() {
		while (!this.undo.isEmpty()) {
			this.undo.pop().run();
		}
	}

	void close() {
		CURRENT.remove();
	}

}
