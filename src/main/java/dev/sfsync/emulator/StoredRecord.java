package dev.sfsync.emulator;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * One record of an emulated org, stored compactly as an array of typed values in the
 * order of its object's fields, so that a million records fit in a small heap.
 */
final class StoredRecord {

	private final String id;

	private final ReentrantLock lock = new ReentrantLock();

	private volatile @Nullable Object[] values;

	private volatile @Nullable Instant deletedAt;

	StoredRecord(String id, @Nullable Object[] values) {
		this.id = id;
		this.values = values;
	}

	String id() {
		return this.id;
	}

	/** A value; fields added to the object after the record was written read as null. */
	@Nullable Object get(int index) {
		@Nullable Object[] current = this.values;
		return (index < current.length) ? current[index] : null;
	}

	/** A copy of the values to change and then {@link #replace}. */
	@Nullable Object[] copyValues(int fieldCount) {
		return java.util.Arrays.copyOf(this.values, fieldCount);
	}

	void replace(@Nullable Object[] values) {
		this.values = values;
	}

	@Nullable Instant deletedAt() {
		return this.deletedAt;
	}

	void setDeletedAt(@Nullable Instant deletedAt) {
		this.deletedAt = deletedAt;
	}

	/**
	 * Takes the row lock, waiting briefly as Salesforce does before UNABLE_TO_LOCK_ROW.
	 */
	boolean tryLock(long waitMillis) {
		try {
			return this.lock.tryLock(waitMillis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	void unlock() {
		this.lock.unlock();
	}

}
