package dev.sfsync.activity;

import org.jspecify.annotations.Nullable;

/**
 * A page of a list: {@code page} counts from 0.
 *
 * @param page the page number, from 0
 * @param size the items per page, 1 to {@link #MAX_SIZE}
 */
record Paging(int page, int size) {

	static final int DEFAULT_SIZE = 25;

	static final int MAX_SIZE = 200;

	static Paging of(@Nullable Integer page, @Nullable Integer size) {
		int number = (page != null) ? page : 0;
		int items = (size != null) ? size : DEFAULT_SIZE;
		if (number < 0) {
			throw new IllegalArgumentException("page " + number + " must be 0 or more (pages count from 0)");
		}
		if (items < 1 || items > MAX_SIZE) {
			throw new IllegalArgumentException("size " + items + " must be from 1 to " + MAX_SIZE);
		}
		if ((long) number * items > 10_000_000L) {
			throw new IllegalArgumentException("page " + number + " is too far: narrow the filters instead");
		}
		return new Paging(number, items);
	}

	long offset() {
		return (long) this.page * this.size;
	}

}
