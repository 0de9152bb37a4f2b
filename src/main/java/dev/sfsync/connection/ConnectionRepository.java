package dev.sfsync.connection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code connections} table. */
final class ConnectionRepository {

	private static final String COLUMNS = "id, name, enabled, login_url, auth_flow, client_id, username,"
			+ " credentials_ciphertext IS NOT NULL AS stored, credentials_ref, api_version, settings, created_at,"
			+ " updated_at, instance_url, signed_in_at, sign_in_refused_at, sign_in_refusal";

	/**
	 * An instance URL the page may link to: http(s), a host, an optional port, no path.
	 */
	private static final java.util.regex.Pattern LINKABLE = java.util.regex.Pattern
		.compile("https?://[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?/?");

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ConnectionRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** A connection and where its secrets are. */
	record Stored(Connection connection, byte @Nullable [] ciphertext, @Nullable String credentialsRef) {
	}

	List<Connection> findAll() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM connections ORDER BY id").query(this::connection).list();
	}

	/** The connections of these ids, by primary key. */
	List<Connection> findAll(java.util.Collection<String> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM connections WHERE id IN (:ids) ORDER BY id")
			.param("ids", ids)
			.query(this::connection)
			.list();
	}

	Optional<Connection> find(String id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM connections WHERE id = ?")
			.param(id)
			.query(this::connection)
			.optional();
	}

	Optional<Stored> findStored(String id) {
		return find(id).map((connection) -> this.jdbc
			.sql("SELECT credentials_ciphertext, credentials_ref FROM connections WHERE id = ?")
			.param(id)
			.query((rs, row) -> new Stored(connection, rs.getBytes(1), rs.getString(2)))
			.single());
	}

	void insert(ConnectionRequest request, String name, byte @Nullable [] ciphertext, String settings) {
		this.jdbc.sql("""
				INSERT INTO connections (id, name, enabled, login_url, auth_flow, client_id, username,
					credentials_ciphertext, credentials_ref, api_version, settings)
				VALUES (?, ?, TRUE, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(request.id(), name, request.loginUrl(), request.authFlow().name(), request.clientId(),
					request.username(), ciphertext, request.credentialsRef(), apiVersion(request), settings)
			.update();
	}

	void update(ConnectionRequest request, String name, byte @Nullable [] ciphertext, boolean replaceCredentials,
			String settings) {
		this.jdbc.sql("""
				UPDATE connections SET name = ?, login_url = ?, auth_flow = ?, client_id = ?, username = ?,
					credentials_ciphertext = CASE WHEN ? THEN ? ELSE credentials_ciphertext END,
					credentials_ref = CASE WHEN ? THEN ? ELSE credentials_ref END,
					api_version = ?, settings = ?, updated_at = CURRENT_TIMESTAMP(6)
				WHERE id = ?""")
			.params(name, request.loginUrl(), request.authFlow().name(), request.clientId(), request.username(),
					replaceCredentials, ciphertext, replaceCredentials, request.credentialsRef(), apiVersion(request),
					settings, request.id())
			.update();
	}

	/**
	 * New stored credentials from the web-server flow: the connection signs in with them.
	 */
	void authorized(String id, byte[] ciphertext) {
		this.jdbc
			.sql("UPDATE connections SET credentials_ciphertext = ?, auth_flow = ?,"
					+ " updated_at = CURRENT_TIMESTAMP(6) WHERE id = ?")
			.params(ciphertext, AuthFlow.REFRESH_TOKEN.name(), id)
			.update();
	}

	boolean setEnabled(String id, boolean enabled) {
		return this.jdbc.sql("UPDATE connections SET enabled = ?, updated_at = CURRENT_TIMESTAMP(6) WHERE id = ?")
			.params(enabled, id)
			.update() == 1;
	}

	/**
	 * A sign-in: when, and the org's instance URL Salesforce gave, kept when it is an
	 * http(s) URL of a host (the page links records to it).
	 */
	void signedIn(String id, String url, java.time.Instant at) {
		this.jdbc.sql("UPDATE connections SET signed_in_at = ?, instance_url = COALESCE(?, instance_url) WHERE id = ?")
			.params(utc(at), LINKABLE.matcher(url).matches() ? url : null, id)
			.update();
	}

	/** Salesforce refused a sign-in: when, and what it said (never a secret). */
	void signInRefused(String id, String refusal, java.time.Instant at) {
		this.jdbc.sql("UPDATE connections SET sign_in_refused_at = ?, sign_in_refusal = ? WHERE id = ?")
			.params(utc(at), (refusal.length() > 500) ? refusal.substring(0, 500) : refusal, id)
			.update();
	}

	boolean delete(String id) {
		return this.jdbc.sql("DELETE FROM connections WHERE id = ?").param(id).update() == 1;
	}

	private static String apiVersion(ConnectionRequest request) {
		return (request.apiVersion() != null) ? request.apiVersion() : "v63.0";
	}

	private Connection connection(ResultSet rs, int row) throws SQLException {
		String flow = rs.getString("auth_flow");
		String reference = rs.getString("credentials_ref");
		String credentials = rs.getBoolean("stored") ? "stored (encrypted)" : (reference != null) ? reference : "none";
		String settings = rs.getString("settings");
		return new Connection(rs.getString("id"), rs.getString("name"), rs.getBoolean("enabled"),
				rs.getString("login_url"), (flow != null) ? AuthFlow.valueOf(flow) : null, rs.getString("client_id"),
				rs.getString("username"), credentials, rs.getString("api_version"),
				(settings != null) ? this.json.readValue(settings, ConnectionSettings.class)
						: ConnectionSettings.DEFAULTS,
				instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
				rs.getString("instance_url"), utcInstant(rs, "signed_in_at"), utcInstant(rs, "sign_in_refused_at"),
				rs.getString("sign_in_refusal"));
	}

	private static java.time.LocalDateTime utc(java.time.Instant at) {
		return java.time.LocalDateTime.ofInstant(at, java.time.ZoneOffset.UTC);
	}

	/** A time sfsync wrote in UTC. */
	private static java.time.@Nullable Instant utcInstant(ResultSet rs, String column) throws SQLException {
		java.time.LocalDateTime time = rs.getObject(column, java.time.LocalDateTime.class);
		return (time != null) ? time.toInstant(java.time.ZoneOffset.UTC) : null;
	}

	private static java.time.Instant instant(Timestamp timestamp) {
		return timestamp.toInstant();
	}

}
