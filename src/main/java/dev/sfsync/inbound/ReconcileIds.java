package dev.sfsync.inbound;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.BitSet;

import dev.sfsync.salesforce.SalesforceId;
import org.jspecify.annotations.Nullable;

/**
 * The Ids Salesforce holds of one object type, with their SystemModstamp and IsDeleted,
 * kept in memory for one reconcile run so that {@code find-drift} compares the app table
 * with them in one ordered pass instead of staging every Id in the database. An Id is
 * held as the base-62 value of its 15 case-sensitive characters (two numbers), in an
 * open-addressing table: about 20 bytes per slot, 1.5 to 3 slots per Id. Each Id is
 * marked when an app row has it, so the Ids no app row has are known at the end.
 */
final class ReconcileIds {

	private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	/** A slot that holds no Id. */
	private static final int EMPTY = -1;

	/** A SystemModstamp Salesforce gave no readable value for. */
	private static final long NO_STAMP = Long.MIN_VALUE;

	/** The first 5 characters' value (below 62<sup>5</sup>), or {@link #EMPTY}. */
	private int[] heads;

	/** The last 10 characters' value (below 62<sup>10</sup>). */
	private long[] tails;

	/** SystemModstamp in epoch microseconds, or {@link #NO_STAMP}. */
	private long[] stamps;

	private BitSet deleted;

	private BitSet seen = new BitSet();

	private int size;

	ReconcileIds() {
		allocate(1 << 16);
	}

	int size() {
		return this.size;
	}

	/**
	 * Holds a valid Id (15 or 18 characters); the last one given wins.
	 * @param modstamp null when Salesforce's value could not be read
	 */
	void add(String id, @Nullable LocalDateTime modstamp, boolean isDeleted) {
		if ((this.size + 1) * 3L > this.heads.length * 2L) {
			grow();
		}
		int head = head(id);
		long tail = tail(id);
		int slot = slot(head, tail);
		if (this.heads[slot] == EMPTY) {
			this.heads[slot] = head;
			this.tails[slot] = tail;
			this.size++;
		}
		this.stamps[slot] = (modstamp != null) ? micros(modstamp) : NO_STAMP;
		this.deleted.set(slot, isDeleted);
	}

	/**
	 * The slot of an Id, marked as one an app row has; -1 when Salesforce has no such Id,
	 * or the text is not one.
	 */
	int see(@Nullable String id) {
		if (!SalesforceId.isValid(id)) {
			return -1;
		}
		int slot = slot(head(id), tail(id));
		if (this.heads[slot] == EMPTY) {
			return -1;
		}
		this.seen.set(slot);
		return slot;
	}

	boolean deleted(int slot) {
		return this.deleted.get(slot);
	}

	/** The slot's SystemModstamp (UTC), null when Salesforce's could not be read. */
	@Nullable LocalDateTime modstamp(int slot) {
		long stamp = this.stamps[slot];
		if (stamp == NO_STAMP) {
			return null;
		}
		return LocalDateTime.ofEpochSecond(Math.floorDiv(stamp, 1_000_000),
				(int) Math.floorMod(stamp, 1_000_000) * 1000, ZoneOffset.UTC);
	}

	/**
	 * Whether an app row written at this time (UTC) is older than the slot's record in
	 * Salesforce, or either time is unknown: the record is to be read.
	 */
	boolean newerThan(int slot, @Nullable LocalDateTime written) {
		return this.stamps[slot] == NO_STAMP || written == null || micros(written) < this.stamps[slot];
	}

	/** The slot's Id in its 18-character form. */
	String id(int slot) {
		char[] id = new char[15];
		int head = this.heads[slot];
		for (int i = 4; i >= 0; i--) {
			id[i] = BASE62.charAt(head % 62);
			head /= 62;
		}
		long tail = this.tails[slot];
		for (int i = 14; i >= 5; i--) {
			id[i] = BASE62.charAt((int) (tail % 62));
			tail /= 62;
		}
		return SalesforceId.to18(new String(id));
	}

	/**
	 * The next slot from {@code from} that holds an Id no app row had, or -1 after the
	 * last.
	 */
	int nextUnseen(int from) {
		for (int slot = Math.max(from, 0); slot < this.heads.length; slot++) {
			if (this.heads[slot] != EMPTY && !this.seen.get(slot)) {
				return slot;
			}
		}
		return -1;
	}

	private int slot(int head, long tail) {
		int mask = this.heads.length - 1;
		// Fibonacci hashing: the product's top bits, as many as the table needs.
		long hash = (tail ^ ((long) head << 33)) * 0x9E3779B97F4A7C15L;
		int slot = (int) (hash >>> (64 - Integer.numberOfTrailingZeros(this.heads.length)));
		while (this.heads[slot] != EMPTY && (this.heads[slot] != head || this.tails[slot] != tail)) {
			slot = (slot + 1) & mask;
		}
		return slot;
	}

	private void grow() {
		int[] oldHeads = this.heads;
		long[] oldTails = this.tails;
		long[] oldStamps = this.stamps;
		BitSet oldDeleted = this.deleted;
		allocate(oldHeads.length * 2);
		for (int old = 0; old < oldHeads.length; old++) {
			if (oldHeads[old] != EMPTY) {
				int slot = slot(oldHeads[old], oldTails[old]);
				this.heads[slot] = oldHeads[old];
				this.tails[slot] = oldTails[old];
				this.stamps[slot] = oldStamps[old];
				this.deleted.set(slot, oldDeleted.get(old));
			}
		}
	}

	private void allocate(int capacity) {
		this.heads = new int[capacity];
		Arrays.fill(this.heads, EMPTY);
		this.tails = new long[capacity];
		this.stamps = new long[capacity];
		this.deleted = new BitSet(capacity);
	}

	private static int head(String id) {
		int value = 0;
		for (int i = 0; i < 5; i++) {
			value = value * 62 + digit(id.charAt(i));
		}
		return value;
	}

	private static long tail(String id) {
		long value = 0;
		for (int i = 5; i < 15; i++) {
			value = value * 62 + digit(id.charAt(i));
		}
		return value;
	}

	private static int digit(char c) {
		if (c <= '9') {
			return c - '0';
		}
		return (c <= 'Z') ? c - 'A' + 10 : c - 'a' + 36;
	}

	private static long micros(LocalDateTime time) {
		return time.toEpochSecond(ZoneOffset.UTC) * 1_000_000 + time.getNano() / 1000;
	}

}
