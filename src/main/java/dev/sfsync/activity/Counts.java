package dev.sfsync.activity;

/**
 * How many records a run or a step read, created, updated, deleted, skipped with a reason
 * and failed (Marketo's New, Updated, Deleted, Skipped and Failed Item).
 */
record Counts(long read, long created, long updated, long deleted, long skipped, long failed) {

	static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);

}
