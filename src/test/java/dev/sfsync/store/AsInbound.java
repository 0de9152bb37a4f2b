package dev.sfsync.store;

import java.sql.Statement;
import java.util.List;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * App writes made as an inbound run makes them, with {@code @sfsync_inbound} set, so the
 * outbox triggers make no rows: drift planted by the benchmarks and the chaos trials,
 * which no outbound run may send back to Salesforce.
 */
public final class AsInbound {

	private AsInbound() {
	}

	/** Runs one statement on one connection with the session variable set. */
	public static void update(JdbcTemplate jdbc, String sql) {
		jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET @sfsync_inbound = 1");
				try {
					statement.executeUpdate(sql);
				}
				finally {
					statement.execute("SET @sfsync_inbound = NULL");
				}
			}
			return null;
		});
	}

	/** Salesforce Ids as a SQL list; they are checked to be Ids, never free text. */
	public static String quoted(List<String> ids) {
		if (!ids.stream().allMatch(dev.sfsync.salesforce.SalesforceId::isValid)) {
			throw new IllegalArgumentException("Not all Salesforce Ids: " + ids);
		}
		return String.join(", ", ids.stream().map((id) -> "'" + id + "'").toList());
	}

}
