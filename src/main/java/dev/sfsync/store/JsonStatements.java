package dev.sfsync.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.sql.PreparedStatement;

import com.mysql.cj.jdbc.JdbcConnection;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs the statements that send rows as one JSON document ({@code JSON_TABLE}) as
 * server-side prepared statements, so the document travels as a parameter of the binary
 * protocol. Prepared on the client, as the rest of the application's statements are,
 * Connector/J writes every parameter into the statement's text, escaping it character by
 * character on the calling thread: for a backfill's megabyte documents that was a third
 * of the chunk thread's time, in series with the database. Each statement is prepared on
 * the transaction's own connection and closed after it runs, one round trip more for up
 * to 5,000 rows. A connection that is not Connector/J's gets a client-side statement.
 */
public final class JsonStatements {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

	/** The JSON_TABLE column type of each table's text column, read once. */
	private static final Map<String, String> TEXT_TYPES = new ConcurrentHashMap<>();

	private JsonStatements() {
	}

	/**
	 * The type a {@code JSON_TABLE} column needs to be compared with a table's text
	 * column: {@code VARCHAR(255)} of the column's own character set and collation.
	 * {@code JSON_TABLE} gives its text the server's collation, which need not be the
	 * table's: compared, they are an "illegal mix of collations" (a database created
	 * {@code utf8mb4_unicode_ci} on a server whose default is
	 * {@code utf8mb4_general_ci}), or compare by another collation than the index's.
	 */
	public static String textType(JdbcTemplate jdbc, String table, String column) {
		return TEXT_TYPES.computeIfAbsent(table + "." + column, (key) -> {
			List<Map<String, Object>> found = jdbc
				.queryForList(
						"SELECT CHARACTER_SET_NAME, COLLATION_NAME FROM information_schema.COLUMNS"
								+ " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?",
						table, column);
			Object charset = found.isEmpty() ? null : found.get(0).get("CHARACTER_SET_NAME");
			Object collation = found.isEmpty() ? null : found.get(0).get("COLLATION_NAME");
			return (charset != null && collation != null && NAME.matcher(charset.toString()).matches()
					&& NAME.matcher(collation.toString()).matches())
							? "VARCHAR(255) CHARACTER SET " + charset + " COLLATE " + collation : "VARCHAR(255)";
		});
	}

	/**
	 * Runs an insert or update with the given parameters, the JSON document among them.
	 */
	public static int update(JdbcTemplate jdbc, String sql, @Nullable Object... parameters) {
		return jdbc.update((connection) -> {
			PreparedStatement statement = connection.isWrapperFor(JdbcConnection.class)
					? connection.unwrap(JdbcConnection.class).serverPrepareStatement(sql)
					: connection.prepareStatement(sql);
			new ArgumentPreparedStatementSetter(parameters).setValues(statement);
			return statement;
		});
	}

}
