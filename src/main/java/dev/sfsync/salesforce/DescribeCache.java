package dev.sfsync.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A connection's describe results. One is trusted without a call for a time to live after
 * Salesforce last confirmed it, so an incremental run of an unchanged object costs no
 * describe; after that, or when a caller needs it fresh, it is revalidated with
 * {@code If-Modified-Since}: an unchanged object costs a 304 and no parsing. An entry is
 * trusted only by the session it was read with, so a connection updated, deleted or
 * created again describes afresh. It keeps only what sfsync reads of a describe
 * ({@link #compact}).
 */
public final class DescribeCache {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final List<String> FIELD_ATTRIBUTES = List.of("name", "type", "nillable", "createable",
			"defaultedOnCreate");

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final Clock clock;

	private final Duration ttl;

	/**
	 * @param clock the clock of the time to live
	 * @param ttl how long a describe is trusted after Salesforce last confirmed it; zero
	 * revalidates on every use
	 */
	public DescribeCache(Clock clock, Duration ttl) {
		if (ttl.isNegative()) {
			throw new IllegalArgumentException("The describe time to live must not be negative; was " + ttl);
		}
		this.clock = clock;
		this.ttl = ttl;
	}

	/**
	 * @param describe the describe
	 * @param modifiedSince what to send as {@code If-Modified-Since} next time
	 * @param confirmedAt when Salesforce last confirmed it
	 * @param session the session it was read with
	 */
	private record Entry(JsonNode describe, Instant modifiedSince, Instant confirmedAt, SalesforceSession session) {
	}

	/**
	 * The object's describe: the cached one while it is trusted, else as Salesforce has
	 * it now.
	 */
	public JsonNode describe(SalesforceClient client, String objectName) {
		Entry cached = this.entries.get(key(client, objectName));
		if (cached != null && cached.session() == client.session()
				&& this.clock.instant().isBefore(cached.confirmedAt().plus(this.ttl))) {
			return cached.describe();
		}
		return revalidate(client, objectName);
	}

	/**
	 * The object's describe this session last read, however old: for a scheduled poll,
	 * which only asks whether anything changed and never decides on fields with it (the
	 * run it launches describes as {@link #describe} says).
	 */
	public Optional<JsonNode> cached(SalesforceClient client, String objectName) {
		Entry cached = this.entries.get(key(client, objectName));
		return (cached != null && cached.session() == client.session()) ? Optional.of(cached.describe())
				: Optional.empty();
	}

	/** The object's describe as Salesforce has it now: always one call. */
	public JsonNode revalidate(SalesforceClient client, String objectName) {
		String key = key(client, objectName);
		Entry cached = this.entries.get(key);
		if (cached != null && cached.session() != client.session()) {
			cached = null;
		}
		Instant now = this.clock.instant();
		JsonNode fresh = client.describe(objectName, (cached != null) ? cached.modifiedSince() : null).orElse(null);
		if (fresh == null && cached != null) {
			this.entries.put(key, new Entry(cached.describe(), cached.modifiedSince(), now, cached.session()));
			return cached.describe();
		}
		if (fresh == null) {
			throw SalesforceErrors.from("describe " + objectName, 502, List.of(), false);
		}
		JsonNode compact = compact(fresh);
		// If-Modified-Since has whole seconds: a change in the second of this fetch must
		// still count as newer next time.
		this.entries.put(key,
				new Entry(compact, now.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1), now, client.session()));
		return compact;
	}

	/**
	 * The part of a describe that sfsync reads: the object's name and each field's name,
	 * type and whether it is nillable, createable and defaulted on create. A full
	 * describe is tens to hundreds of kilobytes; a thousand connections × 11 object types
	 * of them would not fit in a heap.
	 */
	static JsonNode compact(JsonNode describe) {
		ObjectNode compact = NODES.objectNode();
		if (describe.has("name")) {
			compact.set("name", describe.get("name"));
		}
		ArrayNode fields = compact.putArray("fields");
		for (JsonNode field : describe.path("fields")) {
			ObjectNode kept = fields.addObject();
			for (String attribute : FIELD_ATTRIBUTES) {
				if (field.has(attribute)) {
					kept.set(attribute, field.get(attribute));
				}
			}
		}
		return compact;
	}

	/**
	 * Forgets the object's describe, for example when Salesforce refused a query for a
	 * field it lists: the next describe reads it whole.
	 */
	public void forget(SalesforceClient client, String objectName) {
		this.entries.remove(key(client, objectName));
	}

	private static String key(SalesforceClient client, String objectName) {
		return client.connection() + "/" + objectName.toLowerCase(java.util.Locale.ROOT);
	}

}
