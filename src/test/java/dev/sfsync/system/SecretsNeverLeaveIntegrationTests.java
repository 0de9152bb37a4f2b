package dev.sfsync.system;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.sfsync.emulator.Emulator;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Secrets never leave sfsync: a production-shaped sfsync process, with the Salesforce
 * emulator in the same JVM, logs everything at DEBUG, then at TRACE, while connections
 * sign in with each flow, a sync runs, and sign-ins to sfsync and to Salesforce fail. No
 * secret may appear in its output, nor in any answer of its API.
 */
class SecretsNeverLeaveIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The password of {@code secrets-admin}, whose bcrypt hash the process is given. */
	private static final String ADMIN_PASSWORD = "admin-test";

	private static final String ADMIN_HASH = "{bcrypt}$2a$04$RWv6ikiw3AzjFhMlQqXJreHWa8kQM9DR6PFIK.ztTWMKLSqUHs6NS";

	/** What the secrets look like when the test cannot know their values. */
	private static final List<Pattern> SECRET_SHAPES = List.of(
			// An Authorization header's credentials.
			Pattern.compile("(?i)authorization\"?\\s*[:=]\\s*\\[?\"?(basic|bearer|oauth)\\s+[A-Za-z0-9+/=._!-]{8,}"),
			// A Salesforce (or emulator) access token: the org id, '!', the session.
			Pattern.compile("00D[A-Za-z0-9]{12}![A-Za-z0-9._-]{16,}"),
			// A signed JWT, such as the JWT bearer flow's assertion.
			Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}"), Pattern.compile("PRIVATE KEY-----"));

	private final SecureRandom random = new SecureRandom();

	/** Every secret of the scenario, by what it is. */
	private final Map<String, String> secrets = new LinkedHashMap<>();

	/** Every answer sfsync's API gave, which must not carry a secret either. */
	private final List<String> answers = new ArrayList<>();

	@BeforeEach
	void startFromKnownState() {
		TestDatabase.get().reset();
	}

	@ParameterizedTest(name = "logging at {0}")
	@ValueSource(strings = { "DEBUG", "TRACE" })
	void noSecretAppearsInTheLogOrInAnyAnswer(String level, @TempDir Path workingDirectory) throws Exception {
		int port = freePort();
		int emulatorPort = freePort();
		String credentialsKey = Base64.getEncoder().encodeToString(bytes(32));
		this.secrets.put("SFSYNC_CREDENTIALS_KEY", credentialsKey);
		this.secrets.put("the sfsync user's password", ADMIN_PASSWORD);
		this.secrets.put("the sfsync user's Basic credentials", basic("secrets-admin", ADMIN_PASSWORD));
		this.secrets.put("the emulator's demo client secret", Emulator.DEMO_CLIENT_SECRET);
		this.secrets.put("the emulator's demo password", Emulator.DEMO_PASSWORD);
		String databasePassword = TestDatabase.get().password();
		if (databasePassword.length() >= 8) {
			// Shorter ones (Testcontainers' "test") are words the log has anyway.
			this.secrets.put("the datasource password", databasePassword);
		}
		Map<String, String> environment = new HashMap<>(SfsyncProcess.onTestDatabase());
		environment.put("SFSYNC_CREDENTIALS_KEY", credentialsKey);
		// The packaged jar has no test configuration: under the test profile it is the
		// production configuration that may also start the emulator in the same JVM, so
		// the emulator's own logging is checked too.
		environment.put("SPRING_PROFILES_ACTIVE", "test");
		SfsyncProcess sfsync = SfsyncProcess.start(workingDirectory, environment, "--server.port=" + port,
				"--logging.level.root=" + level, "--sfsync.emulator.enabled=true",
				"--sfsync.emulator.port=" + emulatorPort, "--sfsync.emulator.records=5",
				"--spring.quartz.auto-startup=false", "--sfsync.outbound.dispatch=false",
				"--sfsync.security.users[0].username=secrets-admin",
				"--sfsync.security.users[0].password=" + ADMIN_HASH,
				"--sfsync.security.users[0].roles=PLATFORM,ADMIN,OPERATOR", "--sfsync.security.users[0].connections=*");
		String output;
		try {
			Api api = new Api("http://localhost:" + port);
			awaitUp(sfsync, api);
			signInToSalesforceAndSync(api, "http://localhost:" + emulatorPort);
			failToSignInToSfsync(api);
			refuseRequestsThatCarrySecrets(api);
		}
		finally {
			sfsync.stop(TIMEOUT);
			output = sfsync.output();
		}
		// The log was written at the level asked, and still says what happened to whom.
		assertThat(output).contains(" " + level + " ")
			.contains("Created connection password-flow")
			.contains("Created connection jwt-flow")
			.contains("Created connection refresh-flow")
			.contains("Testing connection wrong-password failed");
		List<String> leaks = new ArrayList<>(leaks("the " + level + " log", output));
		leaks.addAll(leaks("an answer of the API", String.join("\n", this.answers)));
		assertThat(leaks).as("secrets that left sfsync").isEmpty();
	}

	/**
	 * Every Salesforce sign-in flow, a connection test for each, a failed sign-in, and an
	 * inbound run that signs in and reads contacts.
	 */
	private void signInToSalesforceAndSync(Api api, String emulator) throws Exception {
		EmulatorAdmin admin = new EmulatorAdmin(emulator);
		String org = admin.post("/emulator/orgs", Map.of("name", "Secrets")).get("id").asString();
		admin.post("/emulator/orgs/" + org + "/seed", Map.of("records", 5));
		KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
		String consumerSecret = "cs" + token(24);
		this.secrets.put("the connected app's consumer secret", consumerSecret);
		Map<String, Object> app = new HashMap<>();
		app.put("name", "sfsync");
		app.put("consumerKey", "3MVG9secrets" + token(8));
		app.put("consumerSecret", consumerSecret);
		app.put("publicKey", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
		String consumerKey = admin.post("/emulator/orgs/" + org + "/apps", app).get("consumerKey").asString();
		String username = "integration@secrets-" + token(6).toLowerCase() + ".example";
		String password = "pw" + token(20);
		String securityToken = "st" + token(20);
		this.secrets.put("the Salesforce user's password", password);
		this.secrets.put("the Salesforce user's security token", securityToken);
		admin.post("/emulator/orgs/" + org + "/users",
				Map.of("username", username, "password", password + securityToken));
		String refreshToken = admin
			.post("/emulator/orgs/" + org + "/refresh-tokens", Map.of("username", username, "consumerKey", consumerKey))
			.get("refresh_token")
			.asString();
		this.secrets.put("the refresh token", refreshToken);
		String privateKey = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(keys.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		List<String> keyLines = privateKey.lines().filter((line) -> !line.startsWith("-----")).toList();
		for (int i = 0; i < keyLines.size(); i++) {
			this.secrets.put("line " + (i + 1) + " of the private key", keyLines.get(i));
		}
		String wrongPassword = "wrong" + token(20);
		this.secrets.put("a wrong Salesforce password", wrongPassword);
		// A sign-in of the test's own, so that one access token is known.
		String accessToken = signIn(emulator, Map.of("grant_type", "password", "client_id", consumerKey,
				"client_secret", consumerSecret, "username", username, "password", password + securityToken));
		this.secrets.put("an access token", accessToken);

		api.created(connection("password-flow", emulator, "USERNAME_PASSWORD", consumerKey, username,
				Map.of("clientSecret", consumerSecret, "password", password + securityToken)));
		api.created(connection("jwt-flow", emulator, "JWT_BEARER", consumerKey, username,
				Map.of("privateKey", privateKey)));
		api.created(connection("refresh-flow", emulator, "REFRESH_TOKEN", consumerKey, null,
				Map.of("clientSecret", consumerSecret, "refreshToken", refreshToken)));
		api.created(connection("wrong-password", emulator, "USERNAME_PASSWORD", consumerKey, username,
				Map.of("clientSecret", consumerSecret, "password", wrongPassword)));
		for (String id : List.of("password-flow", "jwt-flow", "refresh-flow", "demo")) {
			assertThat(api.json("POST", "/api/connections/" + id + "/test", null).get("ok").asBoolean()).as(id)
				.isTrue();
		}
		JsonNode refused = api.json("POST", "/api/connections/wrong-password/test", null);
		assertThat(refused.get("ok").asBoolean()).isFalse();
		assertThat(refused.get("message").asString()).startsWith("Authentication failure: ");

		JsonNode synced = api.awaitRun(api.json("POST", "/api/runs",
				Map.of("job", "contact-inbound", "parameters", Map.of("connection", "jwt-flow"))));
		assertThat(synced.get("status").asString()).as(synced.toString()).isEqualTo("COMPLETED");
		assertThat(synced.get("steps").valueStream().mapToLong((step) -> step.get("read").asLong()).sum())
			.as("contacts read")
			.isEqualTo(5);
		JsonNode failed = api.awaitRun(api.json("POST", "/api/runs",
				Map.of("job", "contact-inbound", "parameters", Map.of("connection", "wrong-password"))));
		assertThat(failed.get("status").asString()).isEqualTo("FAILED");
		assertThat(failed.get("exitCode").asString()).isEqualTo("AUTHENTICATION_FAILURE");
	}

	/**
	 * A wrong password over Basic auth and through the login form, then the right one.
	 */
	private void failToSignInToSfsync(Api api) throws Exception {
		String wrong = "wrong-admin-" + token(16);
		this.secrets.put("a wrong sfsync password", wrong);
		this.secrets.put("wrong Basic credentials", basic("secrets-admin", wrong));
		HttpResponse<String> refused = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(api.base + "/api/connections"))
				.header("Authorization", "Basic " + basic("secrets-admin", wrong))
				.build(), HttpResponse.BodyHandlers.ofString());
		this.answers.add(refused.body());
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(api.formLogin("secrets-admin", wrong)).contains("/login?error");
		assertThat(api.formLogin("secrets-admin", ADMIN_PASSWORD)).doesNotContain("error");
		assertThat(this.secrets).containsKey("the session id of a form login with the right password");
	}

	/** Requests that carry secrets where they do not belong are refused without them. */
	private void refuseRequestsThatCarrySecrets(Api api) throws Exception {
		String misplaced = "misplaced" + token(20);
		this.secrets.put("a secret given as credentials", misplaced);
		HttpResponse<String> notAnObject = api.send("POST", "/api/connections",
				"{\"id\": \"bad-one\", \"loginUrl\": \"http://localhost:1\", \"authFlow\": \"USERNAME_PASSWORD\","
						+ " \"clientId\": \"x\", \"username\": \"u\", \"credentials\": \"" + misplaced + "\"}");
		assertThat(notAnObject.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(notAnObject.body()).get("detail").asString())
			.startsWith("The request body has a value of the wrong type or shape in 'credentials'");
		String unquoted = "unquoted" + token(20);
		this.secrets.put("a secret in a malformed request", unquoted);
		HttpResponse<String> malformed = api.send("POST", "/api/connections",
				"{\"id\": \"bad-two\", \"loginUrl\": \"http://localhost:1\", \"authFlow\": \"USERNAME_PASSWORD\","
						+ " \"clientId\": \"x\", \"username\": \"u\", \"credentials\": {\"clientSecret\": \"c\","
						+ " \"password\": " + unquoted + "}}");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(malformed.body()).get("detail").asString())
			.startsWith("The request body is not valid JSON in 'credentials'");
		String reference = "reference" + token(20);
		this.secrets.put("a secret given as a credentials reference", reference);
		Map<String, Object> referenced = connection("bad-three", "http://localhost:1", "USERNAME_PASSWORD", "x", "u",
				Map.of());
		referenced.remove("credentials");
		referenced.put("credentialsRef", reference);
		HttpResponse<String> notAReference = api.send("POST", "/api/connections", JSON.writeValueAsString(referenced));
		assertThat(notAReference.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(notAReference.body()).get("detail").asString())
			.startsWith("credentialsRef is not a reference");
		String unused = "unused" + token(20);
		this.secrets.put("a secret of an invalid connection", unused);
		Map<String, Object> missingUser = connection("bad-four", "http://localhost:1", "USERNAME_PASSWORD", "x", null,
				Map.of("clientSecret", unused, "password", unused));
		HttpResponse<String> invalid = api.send("POST", "/api/connections", JSON.writeValueAsString(missingUser));
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.body()).contains("missing: username");
	}

	/** The secrets a text shows, each with where it first shows it. */
	private List<String> leaks(String where, String text) {
		List<String> leaks = new ArrayList<>();
		this.secrets.forEach((name, value) -> {
			int at = text.indexOf(value);
			if (at >= 0) {
				leaks.add(where + " shows " + name + ": " + around(text, at));
			}
		});
		for (Pattern shape : SECRET_SHAPES) {
			Matcher found = shape.matcher(text);
			if (found.find()) {
				leaks.add(where + " shows something shaped like " + shape + ": " + around(text, found.start()));
			}
		}
		return leaks;
	}

	/** The line a secret was found on, for the failure message. */
	private static String around(String text, int at) {
		int start = Math.max(text.lastIndexOf('\n', at) + 1, at - 300);
		int end = text.indexOf('\n', at);
		return text.substring(start, Math.min((end < 0) ? text.length() : end, at + 200));
	}

	private static Map<String, Object> connection(String id, String loginUrl, String flow, String clientId,
			String username, Map<String, String> credentials) {
		Map<String, Object> connection = new LinkedHashMap<>();
		connection.put("id", id);
		connection.put("loginUrl", loginUrl);
		connection.put("authFlow", flow);
		connection.put("clientId", clientId);
		if (username != null) {
			connection.put("username", username);
		}
		connection.put("credentials", credentials);
		return connection;
	}

	private static void awaitUp(SfsyncProcess sfsync, Api api) {
		try {
			await("sfsync is ready").atMost(TIMEOUT)
				.pollInterval(Duration.ofMillis(250))
				.failFast(() -> !sfsync.isAlive())
				// Not listening yet.
				.ignoreExceptionsInstanceOf(IOException.class)
				.until(() -> api.anonymous("/actuator/health/readiness").statusCode() == 200);
		}
		catch (TerminalFailureException ex) {
			fail("sfsync exited before it was up:\n" + tail(sfsync.output()));
		}
		catch (ConditionTimeoutException ex) {
			fail("sfsync was not up within " + TIMEOUT + ":\n" + tail(sfsync.output()));
		}
	}

	private static String tail(String output) {
		return output.substring(Math.max(0, output.length() - 20_000));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private byte[] bytes(int count) {
		byte[] bytes = new byte[count];
		this.random.nextBytes(bytes);
		return bytes;
	}

	/** Random letters and digits: a value no log line has by chance. */
	private String token(int length) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(bytes(length))
			.replaceAll("[^A-Za-z0-9]", "x")
			.substring(0, length);
	}

	private static String basic(String username, String password) {
		return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** Signs in at the emulator's token endpoint; answers the access token. */
	private static String signIn(String emulator, Map<String, String> fields) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(emulator + "/services/oauth2/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form(fields)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).get("access_token").asString();
	}

	private static String form(Map<String, String> fields) {
		List<String> pairs = new ArrayList<>();
		fields.forEach((name, value) -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
				+ URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return String.join("&", pairs);
	}

	/** sfsync's API as {@code secrets-admin}: Basic auth and the XSRF token. */
	private final class Api {

		private final String base;

		private final CookieManager cookies = new CookieManager();

		private final HttpClient http = HttpClient.newBuilder().cookieHandler(this.cookies).build();

		Api(String base) {
			this.base = base;
		}

		HttpResponse<String> anonymous(String path) throws Exception {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(this.base + path)).build(),
						HttpResponse.BodyHandlers.ofString());
		}

		void created(Map<String, Object> connection) throws Exception {
			HttpResponse<String> created = send("POST", "/api/connections", JSON.writeValueAsString(connection));
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		}

		JsonNode json(String method, String path, Object body) throws Exception {
			HttpResponse<String> response = send(method, path, (body != null) ? JSON.writeValueAsString(body) : null);
			assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 299);
			return JSON.readTree(response.body());
		}

		HttpResponse<String> send(String method, String path, String body) throws Exception {
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + path))
				.header("Authorization", "Basic " + basic("secrets-admin", ADMIN_PASSWORD))
				.header("X-XSRF-TOKEN", xsrfToken())
				.header("Content-Type", "application/json")
				.method(method,
						(body != null) ? HttpRequest.BodyPublishers.ofString(body)
								: HttpRequest.BodyPublishers.noBody())
				.build();
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			SecretsNeverLeaveIntegrationTests.this.answers.add(response.body());
			return response;
		}

		/** Waits for a run that {@code POST /api/runs} started to end, and shows it. */
		JsonNode awaitRun(JsonNode started) {
			AtomicReference<JsonNode> lastSeen = new AtomicReference<>();
			try {
				await("run " + started.get("id") + " ends").atMost(TIMEOUT)
					.pollInterval(Duration.ofMillis(200))
					.until(() -> {
						JsonNode run = json("GET", "/api/runs/" + started.get("id").asLong(), null);
						lastSeen.set(run);
						// Spring Batch 6 saves a failed run's end before its listeners
						// give it its cause, so a run that ended FAILED is waited for
						// until it has its cause.
						boolean ended = !run.path("endTime").isNull() && !run.path("endTime").isMissingNode();
						return ended && !run.path("exitCode").asString().equals("FAILED");
					});
				return lastSeen.get();
			}
			catch (ConditionTimeoutException ex) {
				return fail("Run " + started.get("id") + " did not end within " + TIMEOUT + ": " + lastSeen.get());
			}
		}

		/**
		 * Signs in through the login form, as a browser does; answers where it redirects.
		 */
		String formLogin(String username, String password) throws Exception {
			CookieManager browser = new CookieManager();
			HttpClient client = HttpClient.newBuilder().cookieHandler(browser).build();
			client.send(HttpRequest.newBuilder(URI.create(this.base + "/login")).build(),
					HttpResponse.BodyHandlers.discarding());
			String token = browser.getCookieStore()
				.getCookies()
				.stream()
				.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
				.map(HttpCookie::getValue)
				.findFirst()
				.orElse("");
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(this.base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("X-XSRF-TOKEN", token)
				.POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password))))
				.build(), HttpResponse.BodyHandlers.ofString());
			SecretsNeverLeaveIntegrationTests.this.answers.add(response.body());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
			// A signed-in session's id is as good as the password while it lasts.
			browser.getCookieStore()
				.getCookies()
				.stream()
				.filter((cookie) -> cookie.getName().equals("JSESSIONID"))
				.forEach((cookie) -> SecretsNeverLeaveIntegrationTests.this.secrets.put(
						"the session id of a form login with "
								+ (password.equals(ADMIN_PASSWORD) ? "the right password" : "a wrong password"),
						cookie.getValue()));
			return response.headers().firstValue("Location").orElse("");
		}

		private String xsrfToken() throws Exception {
			if (cookie("XSRF-TOKEN") == null) {
				this.http.send(HttpRequest.newBuilder(URI.create(this.base + "/api/connections"))
					.header("Authorization", "Basic " + basic("secrets-admin", ADMIN_PASSWORD))
					.build(), HttpResponse.BodyHandlers.discarding());
			}
			String token = cookie("XSRF-TOKEN");
			return (token != null) ? token : "";
		}

		private String cookie(String name) {
			return this.cookies.getCookieStore()
				.getCookies()
				.stream()
				.filter((cookie) -> cookie.getName().equals(name))
				.map(HttpCookie::getValue)
				.findFirst()
				.orElse(null);
		}

	}

}
