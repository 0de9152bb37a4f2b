package dev.sfsync.store;

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

	private JsonStatements() {
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
