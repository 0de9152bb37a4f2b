package dev.sfsync.emulator;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.emulator.schema.SchemaCatalog;
import dev.sfsync.salesforce.SalesforceId;

/**
 * The orgs the emulator hosts, each with its own Ids, users, limits and data, and each
 * starting with the standard objects and the custom objects of sfsync's job catalog.
 */
final class Orgs {

	private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private final Map<String, Org> byId = new ConcurrentHashMap<>();

	private final AtomicInteger sequence = new AtomicInteger();

	private final long defaultDailyApiRequests;

	private final JobCatalog jobs;

	Orgs(long defaultDailyApiRequests, JobCatalog jobs) {
		this.defaultDailyApiRequests = defaultDailyApiRequests;
		this.jobs = jobs;
	}

	Org create(String name) {
		int number = this.sequence.incrementAndGet();
		String orgChars = "" + BASE62.charAt(10 + (number / 62) % 52) + BASE62.charAt(number % 62);
		String id = SalesforceId.to18("00D" + orgChars + String.format("%010d", number));
		Org org = new Org(id, name, orgChars, this.defaultDailyApiRequests, SchemaCatalog.of(this.jobs));
		this.byId.put(id, org);
		return org;
	}

	Optional<Org> find(String orgId) {
		return Optional.ofNullable(this.byId.get(orgId));
	}

	Collection<Org> all() {
		return this.byId.values();
	}

	/** The org a connected app belongs to, by its consumer key. */
	Optional<Org> byConsumerKey(String consumerKey) {
		return this.byId.values().stream().filter((org) -> org.app(consumerKey).isPresent()).findFirst();
	}

	/** The org of a username; usernames are unique across Salesforce. */
	Optional<Org> byUsername(String username) {
		return this.byId.values().stream().filter((org) -> org.user(username).isPresent()).findFirst();
	}

}
