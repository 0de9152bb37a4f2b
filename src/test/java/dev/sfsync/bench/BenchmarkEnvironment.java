package dev.sfsync.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sfsync.SfsyncApplication;
import dev.sfsync.connection.AuthFlow;
import dev.sfsync.connection.ConnectionRequest;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.connection.Credentials;
import dev.sfsync.system.EmulatorAdmin;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the benchmark pieces share: an emulator in its own process (so its CPU and heap
 * are not counted as sfsync's), one org on it, an emptied database on the real
 * MySQL-compatible server, and a way to start sfsync against both. Sizes come from system
 * properties {@code bench.<name>} with the figures as defaults.
 */
public final class BenchmarkEnvironment implements AutoCloseable {

	/** Encrypts the benchmark connections' secrets in the benchmark database only. */
	private static final String CREDENTIALS_KEY = "YmVuY2gta2V5LWZvci1zZnN5bmMtYmVuY2htYXJrcyE=";

	private final String jdbcUrl;

	private final Process emulator;

	private final String emulatorUrl;

	private final EmulatorAdmin admin;

	private final EmulatorAdmin.Org org;

	private BenchmarkEnvironment(String jdbcUrl, Process emulator, String emulatorUrl) {
		this.jdbcUrl = jdbcUrl;
		this.emulator = emulator;
		this.emulatorUrl = emulatorUrl;
		this.admin = new EmulatorAdmin(emulatorUrl);
		this.org = this.admin.org("Benchmark Org", Map.of());
	}

	/**
	 * Recreates the database, starts the packaged emulator ({@code target/sfsync.jar}) on
	 * a free port and creates the benchmark org.
	 */
	static BenchmarkEnvironment open(String jdbcUrl) throws Exception {
		recreateDatabase(jdbcUrl);
		Path jar = Path.of("target", "sfsync.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: the benchmarks start the emulator from the packaged"
					+ " jar (./mvnw -Pbench verify packages it first)");
		}
		int port = freePort();
		Process emulator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx3g", "-jar", jar.toString(), "emulator", "--port", String.valueOf(port), "--seed", "none")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		String url = "http://localhost:" + port;
		try {
			awaitUp(url);
			return new BenchmarkEnvironment(jdbcUrl, emulator, url);
		}
		catch (Exception ex) {
			emulator.destroy();
			throw ex;
		}
	}

	/** A size or count for the benchmarks, from {@code -Dbench.<name>=…}. */
	public static int size(String name, int defaultValue) {
		return Integer.getInteger("bench." + name, defaultValue);
	}

	public String emulatorUrl() {
		return this.emulatorUrl;
	}

	public EmulatorAdmin admin() {
		return this.admin;
	}

	/** The benchmark org: the backfill seeds its Contacts. */
	public EmulatorAdmin.Org org() {
		return this.org;
	}

	public String jdbcUrl() {
		return this.jdbcUrl;
	}

	/**
	 * Starts sfsync without a web server against the benchmark database; the caller
	 * closes it.
	 */
	public ConfigurableApplicationContext start(String... properties) {
		return start(WebApplicationType.NONE, properties);
	}

	/**
	 * Starts sfsync with its web server on a free port ({@code local.server.port}); the
	 * caller closes it.
	 */
	public ConfigurableApplicationContext startWeb(String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("server.port=0");
		return start(WebApplicationType.SERVLET, all.toArray(String[]::new));
	}

	private ConfigurableApplicationContext start(WebApplicationType web, String... properties) {
		// A profile of its own, configured here: not the local default (its embedded
		// database), not the tests' (their users). Pieces add users and dispatch.
		List<String> all = new ArrayList<>(List.of("spring.datasource.url=" + this.jdbcUrl,
				"spring.datasource.username=root", "spring.datasource.password=", "spring.main.banner-mode=off",
				"logging.level.root=warn", "spring.quartz.auto-startup=false", "sfsync.outbound.dispatch=false",
				"sfsync.credentials.key=" + CREDENTIALS_KEY, "sfsync.inbound.settle-delay=0s",
				"sfsync.connections.allowed-login-urls[0]=" + this.emulatorUrl));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(SfsyncApplication.class).web(web)
			.profiles("bench")
			.properties(all.toArray(String[]::new))
			.run();
	}

	/**
	 * Creates the connection {@code id} to the benchmark org, unless sfsync already has
	 * it.
	 */
	public void connect(ConfigurableApplicationContext context, String id) {
		ConnectionService connections = context.getBean(ConnectionService.class);
		if (connections.find(id).isPresent()) {
			return;
		}
		connections.create(new ConnectionRequest(id, id, this.emulatorUrl, AuthFlow.USERNAME_PASSWORD,
				this.org.consumerKey(), this.org.username(),
				new Credentials(this.org.consumerSecret(), this.org.password(), null, null), null, null, null));
	}

	/** API calls the org has counted since the last {@link #resetCalls()}. */
	public int calls() {
		return apiCalls().path("used").asInt();
	}

	/** API calls by kind (query, describe, bulk-query-create, …) since the last reset. */
	public JsonNode callsByKind() {
		return apiCalls().path("byKind");
	}

	public void resetCalls() {
		this.admin.send("DELETE", "/emulator/orgs/" + this.org.id() + "/api-calls", null);
	}

	private JsonNode apiCalls() {
		return this.admin.send("GET", "/emulator/orgs/" + this.org.id() + "/api-calls", null);
	}

	/**
	 * The database server's version and InnoDB buffer pool, for the table's heading: a
	 * million rows with their indexes do not fit in a default 128 MB pool.
	 */
	String database() throws Exception {
		try (Connection connection = DriverManager.getConnection(this.jdbcUrl, "root", "");
				Statement statement = connection.createStatement();
				var result = statement.executeQuery("SELECT VERSION(), @@innodb_buffer_pool_size")) {
			result.next();
			return result.getString(1) + " (InnoDB buffer pool " + (result.getLong(2) >> 20) + " MB)";
		}
	}

	@Override
	public void close() {
		this.emulator.destroy();
	}

	static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	private static void recreateDatabase(String jdbcUrl) throws Exception {
		String server = jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1);
		String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
		if (!database.matches("[A-Za-z0-9_]+")) {
			throw new IllegalArgumentException("bench.jdbc-url must end in a plain database name: " + jdbcUrl);
		}
		try (Connection connection = DriverManager.getConnection(server, "root", "");
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + database);
			statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
		}
	}

	private static void awaitUp(String base) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		HttpClient http = HttpClient.newHttpClient();
		while (true) {
			try {
				if (http
					.send(HttpRequest.newBuilder(URI.create(base + "/services/data")).build(),
							HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("The emulator did not start at " + base, ex);
				}
			}
			Thread.sleep(200);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
