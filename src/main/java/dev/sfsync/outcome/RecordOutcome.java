package dev.sfsync.outcome;

/** What happened to one record in a step. */
public enum RecordOutcome {

	CREATED, UPDATED, DELETED, SKIPPED, FAILED

}
