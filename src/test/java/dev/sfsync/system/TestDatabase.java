package dev.sfsync.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

/**
 * The one MySQL-compatible database of a test JVM, chosen in this order: the JDBC URL in
 * {@code SFSYNC_TEST_JDBC_URL} (CI gives the machine's MariaDB; each test JVM of the
 * build has a database of its own on that server), else a Testcontainers
 * {@code mysql:8.4} when Docker is available, else an embedded MariaDB. No test is
 * skipped for want of a database.
 */
public final class TestDatabase {

	private static TestDatabase instance;

	private final String jdbcUrl;

	private final String username;

	private final String password;

	private final String source;

	private TestDatabase(String jdbcUrl, String username, String password, String source) {
		this.jdbcUrl = jdbcUrl;
		this.username = username;
		this.password = password;
		this.source = source;
	}

	public static synchronized TestDatabase get() {
		if (instance == null) {
			instance = choose();
			System.getLogger(TestDatabase.class.getName())
				.log(System.Logger.Level.INFO, "Tests use " + instance.source + ": " + instance.jdbcUrl);
		}
		return instance;
	}

	private static TestDatabase choose() {
		String url = System.getenv("SFSYNC_TEST_JDBC_URL");
		if (url != null && !url.isBlank()) {
			TestDatabase given = new TestDatabase(url, env("SFSYNC_TEST_JDBC_USERNAME", "root"),
					env("SFSYNC_TEST_JDBC_PASSWORD", ""), "the database in SFSYNC_TEST_JDBC_URL");
			return given.ofThisFork();
		}
		if (DockerClientFactory.instance().isDockerAvailable()) {
			MySQLContainer mysql = new MySQLContainer("mysql:8.4");
			mysql.start();
			return new TestDatabase(mysql.getJdbcUrl(), mysql.getUsername(), mysql.getPassword(),
					"a Testcontainers mysql:8.4");
		}
		try {
			Path folder = Files.createTempDirectory("sfsync-test-db");
			EmbeddedDatabase database = EmbeddedDatabase.start(folder, 0, "sfsync_test");
			Runtime.getRuntime().addShutdownHook(new Thread(database::close));
			return new TestDatabase(database.jdbcUrl(), database.username(), database.password(),
					"an embedded MariaDB");
		}
		catch (IOException ex) {
			throw new IllegalStateException("No test database: cannot create a folder for the embedded one", ex);
		}
	}

	/**
	 * The build runs the integration tests in several JVMs at once ({@code it.forks}),
	 * each with a database of its own: the first fork uses the given one, the others a
	 * fresh database next to it, named after the given one and the fork's number.
	 */
	private TestDatabase ofThisFork() {
		String fork = System.getProperty("sfsync.test.fork", "1");
		if (fork.equals("1") || !fork.matches("[0-9]{1,2}")) {
			return this;
		}
		String name;
		try (Connection connection = connect()) {
			name = connection.getCatalog() + "_fork" + fork;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reach the test database " + this.jdbcUrl, ex);
		}
		return new TestDatabase(sibling(name), this.username, this.password,
				"fork " + fork + "'s database next to the one in SFSYNC_TEST_JDBC_URL");
	}

	private static String env(String name, String defaultValue) {
		String value = System.getenv(name);
		return (value != null) ? value : defaultValue;
	}

	public String jdbcUrl() {
		return this.jdbcUrl;
	}

	public String username() {
		return this.username;
	}

	public String password() {
		return this.password;
	}

	/**
	 * A database of its own on the same server, empty, for a test whose schema differs
	 * from the suite's (its own migrations): answers its JDBC URL.
	 */
	public String sibling(String name) {
		if (!name.matches("[a-z][a-z0-9_]{0,40}")) {
			throw new IllegalArgumentException("Not a database name: " + name);
		}
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			String current = connection.getCatalog();
			statement.execute("DROP DATABASE IF EXISTS `" + name + "`");
			statement.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
			int path = this.jdbcUrl.indexOf("/" + current);
			if (path < 0) {
				throw new IllegalStateException("Cannot find the database " + current + " in " + this.jdbcUrl);
			}
			return this.jdbcUrl.substring(0, path) + "/" + name + this.jdbcUrl.substring(path + current.length() + 1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the test database " + name + " next to " + this.jdbcUrl, ex);
		}
	}

	public Connection connect() throws SQLException {
		return DriverManager.getConnection(this.jdbcUrl, this.username, this.password);
	}

	/**
	 * Empties every table the migrations created, so that a test class starts from a
	 * known state. Kept: Flyway's history, Batch's id sequences and Quartz's lock rows,
	 * which running contexts rely on.
	 */
	public void reset() {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("SELECT table_name FROM information_schema.tables"
					+ " WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'")) {
				while (rs.next()) {
					tables.add(rs.getString(1));
				}
			}
			statement.execute("SET FOREIGN_KEY_CHECKS = 0");
			// Emptying the app tables is no app change: the outbox triggers skip it.
			statement.execute("SET @sfsync_inbound = 1");
			for (String table : tables) {
				String upper = table.toUpperCase();
				if (!upper.equals("FLYWAY_SCHEMA_HISTORY") && !upper.endsWith("_SEQ") && !upper.equals("QRTZ_LOCKS")
						&& !upper.equals("QRTZ_SCHEDULER_STATE")) {
					statement.execute("DELETE FROM `" + table + "`");
				}
			}
			statement.execute("SET FOREIGN_KEY_CHECKS = 1");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reset the test database " + this.jdbcUrl, ex);
		}
	}

}
