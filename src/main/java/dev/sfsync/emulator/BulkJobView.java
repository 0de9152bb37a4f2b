package dev.sfsync.emulator;

/**
 * How much of a Bulk API 2.0 job's info an answer shows: creating a job (or changing its
 * state) answers the job as set up, listing adds its type, and getting one job adds its
 * counters and timings too.
 */
enum BulkJobView {

	CREATED, LISTED, FULL

}
