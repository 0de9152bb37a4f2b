package dev.sfsync.connection;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.sfsync.salesforce.ApiUsage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * sfsync's own Salesforce API calls per connection, hour, object type and kind, and the
 * usage Salesforce last reported for each connection: what the Rate limits view shows.
 * Sessions count their calls here in memory; {@link #flush()} adds them to
 * {@code sync_api_calls} and keeps the usage on the connection's row every 30 seconds and
 * at shutdown, so a call costs no statement. A replica that dies loses at most its last
 * 30 seconds of counts.
 */
public class ApiCalls implements DisposableBean {

	private static final Log logger = LogFactory.getLog(ApiCalls.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private static final int SHUTDOWN_FLUSH_SECONDS = 5;

	/** Rows per statement of a flush. */
	private static final int ROWS = 1_000;

	private static final java.util.Comparator<Key> KEY_ORDER = java.util.Comparator.comparing(Key::connectionId)
		.thenComparing(Key::hour)
		.thenComparing(Key::objectType)
		.thenComparing(Key::kind);

	private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

	private final Map<String, Reported> usages = new ConcurrentHashMap<>();

	ApiCalls(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** One hour's calls of one kind, for one object type of one connection. */
	private record Key(String connectionId, LocalDateTime hour, String objectType, String kind) {
	}

	/** A usage as reported, and whether it is kept yet. */
	private record Reported(ApiUsage usage, Instant at, boolean kept) {
	}

	/** Calls counted for the Rate limits view: an hour, an object type and a kind. */
	public record Count(String connectionId, Instant hour, String objectType, String kind, long calls) {
	}

	/** A connection's usage as Salesforce last reported it (Sforce-Limit-Info). */
	public record Usage(long used, long max, Instant at) {
	}

	void called(String connectionId, @Nullable String objectType, String kind) {
		LocalDateTime hour = LocalDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC)
			.truncatedTo(ChronoUnit.HOURS);
		this.counts
			.computeIfAbsent(new Key(connectionId, hour, (objectType != null) ? objectType : "", kind),
					(key) -> new LongAdder())
			.increment();
	}

	void reported(String connectionId, ApiUsage usage) {
		this.usages.put(connectionId, new Reported(usage, this.clock.instant(), false));
	}

	/**
	 * Adds the calls counted since the last flush to {@code sync_api_calls}, one
	 * statement for all of them, and keeps the usages reported since. Counts a failed
	 * write could not add are kept for the next.
	 */
	@Scheduled(initialDelayString = "${sfsync.connections.api-calls-flush:30s}",
			fixedDelayString = "${sfsync.connections.api-calls-flush:30s}")
	public void flush() {
		Map<Key, Long> taken = new java.util.TreeMap<>(KEY_ORDER);
		this.counts.forEach((key, adder) -> {
			long calls = adder.sumThenReset();
			if (calls > 0) {
				taken.put(key, calls);
			}
		});
		// Hours gone by have nothing more to count.
		LocalDateTime hour = LocalDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC)
			.truncatedTo(ChronoUnit.HOURS);
		this.counts.keySet().removeIf((key) -> key.hour().isBefore(hour.minusHours(1)) && !taken.containsKey(key));
		try {
			// In primary key order, so that replicas flushing at once lock rows in the
			// same
			// order; at most ROWS a statement.
			List<Map.Entry<Key, Long>> rows = new ArrayList<>(taken.entrySet());
			for (int start = 0; start < rows.size(); start += ROWS) {
				List<Map.Entry<Key, Long>> batch = rows.subList(start, Math.min(rows.size(), start + ROWS));
				List<Object> values = new ArrayList<>(batch.size() * 5);
				batch.forEach((row) -> values.addAll(List.of(row.getKey().connectionId(), row.getKey().hour(),
						row.getKey().objectType(), row.getKey().kind(), row.getValue())));
				this.jdbc
					.sql("INSERT INTO sync_api_calls (connection_id, hour, object_type, kind, calls) VALUES "
							+ String.join(", ", java.util.Collections.nCopies(batch.size(), "(?, ?, ?, ?, ?)"))
							+ " ON DUPLICATE KEY UPDATE calls = calls + VALUES(calls)")
					.params(values)
					.update();
				batch.forEach((row) -> taken.put(row.getKey(), 0L));
			}
			this.usages.forEach((connectionId, reported) -> {
				if (!reported.kept()) {
					this.jdbc.sql("UPDATE connections SET api_used = ?, api_max = ?, api_usage_at = ? WHERE id = ?")
						.params(reported.usage().used(), reported.usage().max(),
								LocalDateTime.ofInstant(reported.at(), ZoneOffset.UTC), connectionId)
						.update();
					this.usages.replace(connectionId, reported, new Reported(reported.usage(), reported.at(), true));
				}
			});
		}
		catch (DataAccessException ex) {
			logger
				.warn("API call counts were not kept; they are added at the next flush: " + ex.getMostSpecificCause());
			taken.forEach((key, calls) -> {
				if (calls > 0) {
					this.counts.computeIfAbsent(key, (k) -> new LongAdder()).add(calls);
				}
			});
		}
	}

	/**
	 * The calls of these connections since an hour, oldest first: an index range each.
	 */
	public List<Count> since(Collection<String> connectionIds, Instant since) {
		if (connectionIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("SELECT connection_id, hour, object_type, kind, calls FROM sync_api_calls"
					+ " WHERE connection_id IN (:connections) AND hour >= :since ORDER BY hour, connection_id")
			.param("connections", connectionIds)
			.param("since", LocalDateTime.ofInstant(since, ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS))
			.query((rs, row) -> new Count(rs.getString(1),
					rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString(3), rs.getString(4),
					rs.getLong(5)))
			.list();
	}

	/** The usage Salesforce last reported for each of these connections, as kept. */
	public Map<String, Usage> usages(Collection<String> connectionIds) {
		Map<String, Usage> usages = new java.util.HashMap<>();
		if (connectionIds.isEmpty()) {
			return usages;
		}
		this.jdbc
			.sql("SELECT id, api_used, api_max, api_usage_at FROM connections WHERE id IN (:connections)"
					+ " AND api_usage_at IS NOT NULL")
			.param("connections", connectionIds)
			.query((rs) -> {
				usages.put(rs.getString(1), new Usage(rs.getLong(2), rs.getLong(3),
						rs.getObject(4, LocalDateTime.class).toInstant(ZoneOffset.UTC)));
			});
		return usages;
	}

	/**
	 * Adds the last counts at shutdown, waiting at most {@value #SHUTDOWN_FLUSH_SECONDS}
	 * seconds: a database that is gone must not hold the process (the counts are then
	 * lost, as a crash loses them).
	 */
	@Override
	public void destroy() {
		try {
			java.util.concurrent.CompletableFuture.runAsync(this::flush)
				.get(SHUTDOWN_FLUSH_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException ex) {
			logger.warn("The last API call counts were not kept at shutdown: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
