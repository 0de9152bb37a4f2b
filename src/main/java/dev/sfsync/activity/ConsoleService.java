package dev.sfsync.activity;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.connection.ApiCalls;
import dev.sfsync.connection.AuthFlow;
import dev.sfsync.connection.Connection;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.salesforce.ApiBudget;
import dev.sfsync.syncstate.RunRecords;
import dev.sfsync.syncstate.SyncState;
import dev.sfsync.syncstate.SyncStates;
import dev.sfsync.tenancy.Tenant;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * The sync console's Overview and Rate limits: the connections a user may see, each as it
 * stands, and their API usage. Every read is of the user's connections only, by primary
 * key or by index range.
 */
@Service
class ConsoleService {

	private final ConnectionService connections;

	private final ApiCalls calls;

	private final SyncStates states;

	private final JobCatalog catalog;

	private final RunRecords records;

	private final Clock clock;

	ConsoleService(ConnectionService connections, ApiCalls calls, SyncStates states, JobCatalog catalog,
			RunRecords records, Clock clock) {
		this.connections = connections;
		this.calls = calls;
		this.states = states;
		this.catalog = catalog;
		this.records = records;
		this.clock = clock;
	}

	private List<Connection> visible(Tenant tenant) {
		if (tenant.none()) {
			return List.of();
		}
		return tenant.all() ? this.connections.list() : this.connections.list(tenant.connectionIds());
	}

	/** A card per connection the user may see. */
	List<Overview> overview(Tenant tenant) {
		List<Connection> visible = visible(tenant);
		if (visible.isEmpty()) {
			return List.of();
		}
		List<SyncState> states = this.states.forConnections(visible.stream().map(Connection::id).toList());
		Map<Long, Instant> ended = endTimes(
				states.stream().map(SyncState::completedExecutionId).filter(Objects::nonNull).toList());
		Map<String, ApiCalls.Usage> usages = this.calls.usages(visible.stream().map(Connection::id).toList());
		Map<String, SyncState> byKey = new HashMap<>();
		states.forEach(
				(state) -> byKey.put(state.connectionId() + "/" + state.objectType() + "/" + state.direction(), state));
		return visible.stream().map((connection) -> {
			Instant limitUntil = this.connections.apiLimitReachedUntil(connection.id(), usages.get(connection.id()))
				.orElse(null);
			String status = status(connection, limitUntil);
			List<Overview.LastSync> objects = new ArrayList<>();
			for (JobDefinition definition : this.catalog.definitions()) {
				for (String direction : definition.outbound() ? List.of(SyncState.INBOUND, SyncState.OUTBOUND)
						: List.of(SyncState.INBOUND)) {
					SyncState state = byKey.get(connection.id() + "/" + definition.name() + "/" + direction);
					Long run = (state != null) ? state.completedExecutionId() : null;
					objects.add(new Overview.LastSync(definition.name(), Names.objectLabel(definition.name()),
							direction, run, (run != null) ? ended.get(run) : null));
				}
			}
			objects
				.sort(Comparator.comparing(Overview.LastSync::objectType).thenComparing(Overview.LastSync::direction));
			return new Overview(connection.id(), connection.name(), status, whatToDo(connection, status, limitUntil),
					limitUntil, connection.instanceUrl(), connection.username(),
					(connection.authFlow() != null) ? connection.authFlow().name() : null, connection.signedInAt(),
					objects);
		}).toList();
	}

	/** Paused first: nothing runs, whatever else is true; then a refused sign-in. */
	static String status(Connection connection, @Nullable Instant limitUntil) {
		if (!connection.enabled()) {
			return Overview.PAUSED;
		}
		if (connection.needsReconnect()) {
			return Overview.NEEDS_RECONNECT;
		}
		if (limitUntil != null) {
			return Overview.API_LIMIT_REACHED;
		}
		return (connection.signedInAt() != null) ? Overview.CONNECTED : Overview.NOT_SIGNED_IN;
	}

	private static @Nullable String whatToDo(Connection connection, String status, @Nullable Instant limitUntil) {
		return switch (status) {
			case Overview.PAUSED -> "No run starts for this connection until an operator resumes it.";
			case Overview.NEEDS_RECONNECT -> "Salesforce refused sfsync's sign-in"
					+ ((connection.signInRefusal() != null) ? " (" + connection.signInRefusal() + ")" : "") + ". "
					+ ((connection.authFlow() == AuthFlow.REFRESH_TOKEN)
							? "The refresh token was revoked or has expired: press Reconnect Salesforce and sign in to"
									+ " Salesforce as the integration user to allow sfsync again."
							: "Check in Salesforce that the integration user " + connection.username()
									+ " is active and may sign in through the connected app, and that the connection's"
									+ " credentials are current, then press Reconnect Salesforce.");
			case Overview.API_LIMIT_REACHED -> "Runs stop at " + Math.round(ApiBudget.DEFAULT.totalShare() * 100)
					+ " % of the org's daily API allocation. sfsync reads the usage again at "
					+ Objects.requireNonNull(limitUntil).truncatedTo(ChronoUnit.SECONDS)
					+ " and runs resume once it is below; see Rate limits.";
			case Overview.NOT_SIGNED_IN -> "sfsync signs in at the first run; press Reconnect Salesforce to try now.";
			default -> null;
		};
	}

	/** The end of each of these runs, by primary key. */
	private Map<Long, Instant> endTimes(List<Long> ids) {
		Map<Long, Instant> ended = new HashMap<>();
		this.records.executions(ids).forEach((id, execution) -> {
			if (execution.endTime() != null) {
				ended.put(id, execution.endTime().toInstant(ZoneOffset.UTC));
			}
		});
		return ended;
	}

	/** The Rate limits of each connection the user may see. */
	List<RateLimits> rateLimits(Tenant tenant) {
		List<Connection> visible = visible(tenant);
		if (visible.isEmpty()) {
			return List.of();
		}
		Instant now = this.clock.instant();
		Instant hour = now.truncatedTo(ChronoUnit.HOURS);
		Instant day = now.truncatedTo(ChronoUnit.DAYS);
		Instant hoursFrom = hour.minus(23, ChronoUnit.HOURS);
		Instant daysFrom = day.minus(4, ChronoUnit.DAYS);
		List<ApiCalls.Count> counts = this.calls.since(visible.stream().map(Connection::id).toList(),
				daysFrom.isBefore(hoursFrom) ? daysFrom : hoursFrom);
		Map<String, List<ApiCalls.Count>> byConnection = new HashMap<>();
		counts.forEach((c) -> byConnection.computeIfAbsent(c.connectionId(), (k) -> new ArrayList<>()).add(c));
		Map<String, ApiCalls.Usage> usages = this.calls.usages(visible.stream().map(Connection::id).toList());
		List<RateLimits> limits = new ArrayList<>();
		for (Connection connection : visible) {
			List<ApiCalls.Count> mine = byConnection.getOrDefault(connection.id(), List.of());
			List<RateLimits.Bucket> hours = new ArrayList<>();
			for (int i = 0; i < 24; i++) {
				Instant start = hoursFrom.plus(i, ChronoUnit.HOURS);
				hours.add(bucket(start, mine.stream().filter((c) -> c.hour().equals(start)).toList()));
			}
			List<RateLimits.Bucket> days = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				Instant start = daysFrom.plus(i, ChronoUnit.DAYS);
				Instant end = start.plus(1, ChronoUnit.DAYS);
				days.add(bucket(start,
						mine.stream().filter((c) -> !c.hour().isBefore(start) && c.hour().isBefore(end)).toList()));
			}
			Map<String, List<ApiCalls.Count>> byObject = new LinkedHashMap<>();
			mine.stream()
				.sorted(Comparator.comparing(ApiCalls.Count::objectType))
				.forEach((c) -> byObject.computeIfAbsent(c.objectType(), (k) -> new ArrayList<>()).add(c));
			List<RateLimits.ObjectCalls> objects = byObject.entrySet()
				.stream()
				.map((entry) -> new RateLimits.ObjectCalls(entry.getKey(),
						entry.getKey().isEmpty() ? "Connection checks" : Names.objectLabel(entry.getKey()),
						byKind(entry.getValue().stream().filter((c) -> !c.hour().isBefore(hoursFrom)).toList()),
						byKind(entry.getValue().stream().filter((c) -> !c.hour().isBefore(daysFrom)).toList())))
				.toList();
			ApiCalls.Usage usage = usages.get(connection.id());
			limits.add(new RateLimits(connection.id(), connection.name(), (usage != null) ? usage.used() : null,
					(usage != null) ? usage.max() : null, (usage != null) ? usage.at() : null,
					ApiBudget.DEFAULT.perRunShare(), ApiBudget.DEFAULT.totalShare(),
					this.connections.apiLimitReachedUntil(connection.id(), usage).orElse(null), hours, days, objects));
		}
		return limits;
	}

	private static RateLimits.Bucket bucket(Instant start, List<ApiCalls.Count> counts) {
		Map<String, Long> kinds = byKind(counts);
		return new RateLimits.Bucket(start, kinds, kinds.values().stream().mapToLong(Long::longValue).sum());
	}

	private static Map<String, Long> byKind(List<ApiCalls.Count> counts) {
		Map<String, Long> kinds = new LinkedHashMap<>();
		RateLimits.KINDS.forEach((kind) -> kinds.put(kind, 0L));
		counts.forEach((c) -> kinds.merge(c.kind(), c.calls(), Long::sum));
		return kinds;
	}

}
