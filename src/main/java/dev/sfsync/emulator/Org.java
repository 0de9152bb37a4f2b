package dev.sfsync.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.sfsync.emulator.schema.SchemaCatalog;
import org.jspecify.annotations.Nullable;

/**
 * One emulated Salesforce org: its own Ids, users, connected apps, API allocation and
 * data.
 */
final class Org {

	private final String id;

	private final String name;

	private final IdSequence ids;

	private final Map<String, OrgUser> usersByUsername = new ConcurrentSkipListMap<>(String.CASE_INSENSITIVE_ORDER);

	private final Map<String, ConnectedApp> appsByConsumerKey = new ConcurrentHashMap<>();

	private final AtomicLong apiRequestsUsed = new AtomicLong();

	private final Map<String, AtomicLong> callsByKind = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> callsByObjectAndKind = new ConcurrentHashMap<>();

	private final OrgData data;

	private volatile long dailyApiRequests;

	private volatile boolean apiEnabled = true;

	private volatile int concurrentLongRunningLimit = 25;

	private volatile Duration longRunningThreshold = Duration.ofSeconds(20);

	private final Map<Object, Instant> inFlight = new ConcurrentHashMap<>();

	Org(String id, String name, String orgChars, long dailyApiRequests, SchemaCatalog schema) {
		this.id = id;
		this.name = name;
		this.ids = new IdSequence(orgChars);
		this.dailyApiRequests = dailyApiRequests;
		this.data = new OrgData(schema);
	}

	String id() {
		return this.id;
	}

	String name() {
		return this.name;
	}

	OrgData data() {
		return this.data;
	}

	String nextId(String keyPrefix) {
		return this.ids.next(keyPrefix);
	}

	OrgUser addUser(String username, String password, String email) {
		OrgUser user = OrgUser.withFullAccess(nextId("005"), username, password, email);
		putUser(user);
		return user;
	}

	/**
	 * Adds or replaces a user, and keeps its User record, which queries and describe see
	 * as they see any record.
	 */
	void putUser(OrgUser user) {
		this.usersByUsername.put(user.username(), user);
		SObjectTable users = this.data.requireTable("User");
		if (users.find(user.id()).isEmpty()) {
			@Nullable Object[] values = new Object[users.fieldCount()];
			Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
			String name = user.username().substring(0, Math.max(1, user.username().indexOf('@')));
			users.set(values, "Id", user.id());
			users.set(values, "Username", user.username());
			users.set(values, "Email", user.email());
			users.set(values, "LastName", name);
			users.set(values, "Alias", name.substring(0, Math.min(8, name.length())));
			users.set(values, "IsActive", Boolean.TRUE);
			for (String audit : java.util.List.of("CreatedDate", "LastModifiedDate", "SystemModstamp")) {
				users.set(values, audit, now);
			}
			users.set(values, "CreatedById", user.id());
			users.set(values, "LastModifiedById", user.id());
			DerivedFields.apply(users, values);
			users.put(new StoredRecord(user.id(), values));
		}
	}

	Optional<OrgUser> user(String username) {
		return Optional.ofNullable(this.usersByUsername.get(username));
	}

	Optional<OrgUser> userById(String userId) {
		return this.usersByUsername.values().stream().filter((user) -> user.id().equals(userId)).findFirst();
	}

	Collection<OrgUser> users() {
		return this.usersByUsername.values();
	}

	void addApp(ConnectedApp app) {
		this.appsByConsumerKey.put(app.consumerKey(), app);
	}

	Collection<ConnectedApp> apps() {
		return this.appsByConsumerKey.values();
	}

	Optional<ConnectedApp> app(String consumerKey) {
		return Optional.ofNullable(this.appsByConsumerKey.get(consumerKey));
	}

	/**
	 * Counts one API call of a kind against the daily allocation, and by object type when
	 * the call names one.
	 * @return the usage after the call, or -1 if the allocation was already spent
	 */
	long countCall(String kind, @Nullable String objectType) {
		long used = this.apiRequestsUsed.incrementAndGet();
		if (used > this.dailyApiRequests) {
			this.apiRequestsUsed.decrementAndGet();
			return -1;
		}
		this.callsByKind.computeIfAbsent(kind, (key) -> new AtomicLong()).incrementAndGet();
		if (objectType != null) {
			this.callsByObjectAndKind.computeIfAbsent(objectType + " " + kind, (key) -> new AtomicLong())
				.incrementAndGet();
		}
		return used;
	}

	long apiRequestsUsed() {
		return this.apiRequestsUsed.get();
	}

	long dailyApiRequests() {
		return this.dailyApiRequests;
	}

	void setDailyApiRequests(long dailyApiRequests) {
		this.dailyApiRequests = dailyApiRequests;
	}

	/** Spends the whole allocation, as a busy org would. */
	void exhaustApiRequests() {
		this.apiRequestsUsed.set(this.dailyApiRequests);
	}

	void resetApiUsage() {
		this.apiRequestsUsed.set(0);
		this.callsByKind.clear();
		this.callsByObjectAndKind.clear();
	}

	Map<String, Long> callsByKind() {
		Map<String, Long> calls = new TreeMap<>();
		this.callsByKind.forEach((kind, count) -> calls.put(kind, count.get()));
		return calls;
	}

	/** Calls that named an object type, by object type and then kind. */
	Map<String, Map<String, Long>> callsByObject() {
		Map<String, Map<String, Long>> calls = new TreeMap<>();
		this.callsByObjectAndKind.forEach((key, count) -> {
			int space = key.indexOf(' ');
			calls.computeIfAbsent(key.substring(0, space), (object) -> new TreeMap<>())
				.put(key.substring(space + 1), count.get());
		});
		return calls;
	}

	int concurrentLongRunningLimit() {
		return this.concurrentLongRunningLimit;
	}

	Duration longRunningThreshold() {
		return this.longRunningThreshold;
	}

	void setConcurrency(int limit, Duration threshold) {
		this.concurrentLongRunningLimit = limit;
		this.longRunningThreshold = threshold;
	}

	/**
	 * Starts a request unless the org already has its limit of long-running requests
	 * (those running longer than the threshold) in flight.
	 * @return false when the request must be refused as ConcurrentRequests
	 */
	boolean startRequest(Object request, Instant now) {
		if (longRunningRequests(now) >= this.concurrentLongRunningLimit) {
			return false;
		}
		this.inFlight.put(request, now);
		return true;
	}

	/** Requests in flight, for tests that check none is left behind. */
	int requestsInFlight() {
		return this.inFlight.size();
	}

	/**
	 * Requests in flight that have run longer than the threshold at a time: those the
	 * concurrency limit counts, and tests wait for.
	 */
	long longRunningRequests(Instant now) {
		Instant longRunningSince = now.minus(this.longRunningThreshold);
		return this.inFlight.values().stream().filter((started) -> started.isBefore(longRunningSince)).count();
	}

	void endRequest(Object request) {
		this.inFlight.remove(request);
	}

	boolean apiEnabled() {
		return this.apiEnabled;
	}

	void setApiEnabled(boolean apiEnabled) {
		this.apiEnabled = apiEnabled;
	}

}
