package dev.sfsync.salesforce;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;

/**
 * A connection's describe results, revalidated with {@code If-Modified-Since} on every
 * use: an unchanged object costs a 304 and no parsing, a changed one (a field added in
 * Salesforce) is picked up by the next run without a restart.
 */
public final class DescribeCache {

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final Clock clock;

	public DescribeCache(Clock clock) {
		this.clock = clock;
	}

	private record Entry(JsonNode describe, Instant fetchedAt) {
	}

	/** The object's describe, fresh as of this call. */
	public JsonNode describe(SalesforceClient client, String objectName) {
		String key = client.connection() + "/" + objectName.toLowerCase();
		Entry cached = this.entries.get(key);
		Instant now = this.clock.instant();
		JsonNode fresh = client.describe(objectName, (cached != null) ? cached.fetchedAt() : null).orElse(null);
		if (fresh == null && cached != null) {
			return cached.describe();
		}
		if (fresh == null) {
			throw SalesforceErrors.from("describe " + objectName, 502, "application/json", "", false);
		}
		// If-Modified-Since has whole seconds: a change in the second of this fetch must
		// still count as newer next time.
		this.entries.put(key, new Entry(fresh, now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(1)));
		return fresh;
	}

}
