package dev.sfsync.activity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The Rate limits view of one connection: its org's API usage today against the
 * allocation, the budget that stops runs, and sfsync's own calls by hour, day, object
 * type and kind.
 *
 * @param connectionId the connection
 * @param name its display name
 * @param used API calls used in the org's last 24 hours, as Salesforce last reported them
 * (Sforce-Limit-Info), or null before the first call
 * @param max the org's daily allocation, or null
 * @param reportedAt when Salesforce reported them
 * @param perRunShare the share of the allocation one run may use before it stops
 * @param totalShare the share of the allocation used above which no run calls on
 * @param stoppedUntil while runs stop for the budget: when sfsync reads the usage again
 * @param hours sfsync's calls in each of the last 24 hours, by kind
 * @param days sfsync's calls on each of the last 5 days (UTC), by kind
 * @param objects sfsync's calls by object type and kind, over 24 hours and 5 days
 */
record RateLimits(String connectionId, String name, @Nullable Long used, @Nullable Long max,
		@Nullable Instant reportedAt, double perRunShare, double totalShare, @Nullable Instant stoppedUntil,
		List<Bucket> hours, List<Bucket> days, List<ObjectCalls> objects) {

	/** The kinds of call, in the order the chart stacks them. */
	static final List<String> KINDS = List.of("query", "bulk", "collections", "describe", "limits", "other");

	/** Calls of a period (an hour or a UTC day, by its start), by kind. */
	record Bucket(Instant start, Map<String, Long> calls, long total) {
	}

	/** An object type's calls by kind ({@code ""} for calls of no run). */
	record ObjectCalls(String objectType, String objectLabel, Map<String, Long> last24Hours,
			Map<String, Long> last5Days) {
	}

}
