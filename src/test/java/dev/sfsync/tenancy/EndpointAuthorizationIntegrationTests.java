package dev.sfsync.tenancy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.sfsync.connection.AuthFlow;
import dev.sfsync.connection.ConnectionRequest;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.connection.Credentials;
import dev.sfsync.emulator.Emulator;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.system.IntegrationTestSupport;
import dev.sfsync.system.TestEmulator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every endpoint sfsync serves, read from Spring MVC's handler mappings (the actuator's
 * included) and the static page, against {@link Endpoints}: each must be classified, each
 * refuses anonymous callers (401) and users without its role (403), and each that names a
 * connection or a run answers another tenant's user 404, exactly as for an id that does
 * not exist. Lists show the caller's connections only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sfsync.security.users[0].username=platform",
				"sfsync.security.users[0].password=" + EndpointAuthorizationIntegrationTests.PASSWORD_HASH,
				"sfsync.security.users[0].roles=PLATFORM", "sfsync.security.users[1].username=a-admin",
				"sfsync.security.users[1].password=" + EndpointAuthorizationIntegrationTests.PASSWORD_HASH,
				"sfsync.security.users[1].roles=ADMIN", "sfsync.security.users[1].connections=tenant-a",
				"sfsync.security.users[2].username=a-operator",
				"sfsync.security.users[2].password=" + EndpointAuthorizationIntegrationTests.PASSWORD_HASH,
				"sfsync.security.users[2].roles=OPERATOR", "sfsync.security.users[2].connections=tenant-a",
				"sfsync.security.users[3].username=b-admin",
				"sfsync.security.users[3].password=" + EndpointAuthorizationIntegrationTests.PASSWORD_HASH,
				"sfsync.security.users[3].roles=ADMIN", "sfsync.security.users[3].connections=tenant-b",
				"sfsync.security.users[4].username=b-operator",
				"sfsync.security.users[4].password=" + EndpointAuthorizationIntegrationTests.PASSWORD_HASH,
				"sfsync.security.users[4].roles=OPERATOR", "sfsync.security.users[4].connections=tenant-b",
				"sfsync.security.users[5].username=no-role",
				"sfsync.security.users[5].password=" + EndpointAuthorizationIntegrationTests.PASSWORD_HASH,
				"sfsync.security.users[5].connections=tenant-a", "sfsync.security.users[6].username=scraper",
				"sfsync.security.users[6].password=" + EndpointAuthorizationIntegrationTests.PASSWORD_HASH,
				"sfsync.security.users[6].roles=METRICS" })
class EndpointAuthorizationIntegrationTests extends IntegrationTestSupport {

	/** bcrypt (cost 4, fast for tests) of {@code tenant-test}. */
	static final String PASSWORD_HASH = "{bcrypt}$2a$04$j.vYF5B8NMYa6apD13Hh3unRdq/01YJfvmmXNCRQndrjZIM8./WO.";

	private static Emulator emulator;

	private static EmulatorAdmin.Org org;

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	Endpoints endpoints;

	@Autowired
	ConnectionService connections;

	@Autowired
	JobRepository repository;

	@Autowired
	JdbcTemplate jdbc;

	private final HttpClient http = HttpClient.newHttpClient();

	private long runOfA;

	private long runOfB;

	private long systemRun;

	@BeforeAll
	static void aSeededOrg() {
		emulator = TestEmulator.get();
		EmulatorAdmin admin = new EmulatorAdmin(emulator.baseUrl());
		org = admin.org("Endpoint Authorization Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed", Map.of("records", 1));
	}

	@BeforeEach
	void twoTenants() {
		for (String id : List.of("tenant-a", "tenant-b")) {
			if (this.connections.find(id).isEmpty()) {
				this.connections.create(new ConnectionRequest(id, null, emulator.baseUrl(), AuthFlow.USERNAME_PASSWORD,
						org.consumerKey(), org.username(),
						new Credentials(org.consumerSecret(), org.password(), null, null), null, null, null));
			}
		}
		this.runOfA = failedRun("contact-inbound", "tenant-a");
		this.runOfB = failedRun("contact-inbound", "tenant-b");
		this.systemRun = failedRun("activity-retention", null);
	}

	@Test
	void everyMappingIsClassified() throws IOException {
		List<String> unclassified = new ArrayList<>();
		for (Call call : calls()) {
			if (this.endpoints.match(call.method(), call.path()).isEmpty()) {
				unclassified.add(call.method() + " " + call.pattern());
			}
		}
		assertThat(unclassified).as("endpoints no rule in Endpoints classifies: add a rule for each").isEmpty();
		assertThat(calls()).as("the mappings read").hasSizeGreaterThan(30);
	}

	@Test
	void anonymousCallersAre401ExceptForTheProbes() throws Exception {
		for (Call call : calls()) {
			Endpoints.Rule rule = rule(call);
			int status = send(null, call.method(), call.path(this.runOfA)).statusCode();
			if (rule.isPublic()) {
				assertThat(status).as(call + " is public").isNotIn(401, 403);
			}
			else {
				assertThat(status).as(call + " anonymously").isEqualTo(401);
			}
		}
	}

	@Test
	void usersWithoutTheRoleAre403EvenOnTheirOwnConnection() throws Exception {
		for (Call call : calls()) {
			Endpoints.Rule rule = rule(call);
			if (rule.role() == null) {
				continue;
			}
			String user = switch (rule.role()) {
				case ADMIN -> "no-role";
				case OPERATOR -> "a-admin";
				case PLATFORM, METRICS -> "a-operator";
			};
			assertThat(send(user, call.method(), call.path(this.runOfA)).statusCode()).as(call + " as " + user)
				.isEqualTo(403);
		}
	}

	@Test
	void anotherTenantsConnectionOrRunIs404ExactlyAsOneThatDoesNotExist() throws Exception {
		int checked = 0;
		for (Call call : calls()) {
			Endpoints.Rule rule = rule(call);
			if (rule.resource() == Endpoints.Resource.NONE || rule.role() == Role.PLATFORM) {
				continue;
			}
			String user = (rule.role() == Role.OPERATOR) ? "b-operator" : "b-admin";
			HttpResponse<String> theirs = send(user, call.method(), call.path(this.runOfA));
			HttpResponse<String> missing = send(user, call.method(), call.pattern()
				.replace("{id}", (rule.resource() == Endpoints.Resource.RUN) ? "987654321" : "no-such"));
			assertThat(theirs.statusCode()).as(call + " as " + user).isEqualTo(404);
			assertThat(theirs.body()).as(call + ": the same answer as for nothing").isEqualTo(missing.body());
			assertThat(missing.statusCode()).isEqualTo(404);
			// A run of no connection (a system job) is the platform's only.
			if (rule.resource() == Endpoints.Resource.RUN) {
				assertThat(send(user, call.method(), call.path(this.systemRun)).statusCode()).as(call + " system run")
					.isEqualTo(404);
			}
			checked++;
		}
		assertThat(checked).isGreaterThanOrEqualTo(15);
		// Their own are reached.
		assertThat(send("b-admin", "GET", "/api/connections/tenant-b").statusCode()).isEqualTo(200);
		assertThat(send("b-admin", "GET", "/api/runs/" + this.runOfB).statusCode()).isEqualTo(200);
		assertThat(send("b-admin", "GET", "/api/activity/runs/" + this.runOfB).statusCode()).isEqualTo(200);
		assertThat(send("platform", "GET", "/api/runs/" + this.systemRun).statusCode()).isEqualTo(200);
	}

	@Test
	void listsShowTheCallersConnectionsOnly() throws Exception {
		String since = "from=2026-01-01";
		for (String path : List.of("/api/connections", "/api/runs?limit=1000", "/api/activity/runs?size=100&" + since,
				"/api/activity/health", "/api/activity/errors.csv?" + since)) {
			String theirs = send("b-operator", "GET", path).body();
			assertThat(theirs).as(path).doesNotContain("tenant-a").doesNotContain("activity-retention");
			assertThat(send("platform", "GET", path).statusCode()).as(path).isEqualTo(200);
		}
		assertThat(send("b-operator", "GET", "/api/runs?connection=tenant-a").body()).isEqualTo("[]");
		assertThat(send("b-operator", "GET", "/api/connections").body()).contains("tenant-b");
		assertThat(send("platform", "GET", "/api/connections").body()).contains("tenant-a", "tenant-b");
		assertThat(send("b-operator", "GET", "/api/activity/me").body()).contains("\"connections\":[\"tenant-b\"]");
	}

	@Test
	void runsStartOnlyForTheCallersConnectionsAndSystemJobsOnlyForThePlatform() throws Exception {
		String retentionRuns = "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'activity-retention'";
		Integer before = this.jdbc.queryForObject(retentionRuns, Integer.class);
		assertThat(send("b-operator", "POST", "/api/runs",
				"{\"job\":\"contact-inbound\",\"parameters\":{\"connection\":\"tenant-a\"}}")
			.statusCode()).isEqualTo(404);
		assertThat(send("b-operator", "POST", "/api/runs",
				"{\"job\":\"activity-retention\",\"parameters\":{\"runDate\":\"2099-01-01\"}}")
			.statusCode()).isEqualTo(403);
		assertThat(send("b-operator", "POST", "/api/runs", "{\"job\":\"contact-inbound\"}").statusCode())
			.isEqualTo(400);
		assertThat(send("b-admin", "POST", "/api/runs",
				"{\"job\":\"contact-inbound\",\"parameters\":{\"connection\":\"tenant-b\"}}")
			.statusCode()).isEqualTo(403);
		// Not even the platform can expire history ahead of the retention.
		HttpResponse<String> ahead = send("platform", "POST", "/api/runs",
				"{\"job\":\"activity-retention\",\"parameters\":{\"runDate\":\"2099-01-01\"}}");
		assertThat(ahead.statusCode()).isEqualTo(400);
		assertThat(ahead.body()).contains("runDate=2099-01-01 is in the future");
		assertThat(this.jdbc.queryForObject(retentionRuns, Integer.class)).as("no retention run was started")
			.isEqualTo(before);
	}

	@Test
	void onlyThePlatformCreatesConnectionsOrSaysWhereSecretsAreRead() throws Exception {
		String create = "{\"id\":\"tenant-c\",\"loginUrl\":\"" + emulator.baseUrl()
				+ "\",\"authFlow\":\"USERNAME_PASSWORD\","
				+ "\"clientId\":\"x\",\"username\":\"u\",\"credentialsRef\":\"env:OTHER_TENANT\"}";
		assertThat(send("a-operator", "POST", "/api/connections", create).statusCode()).isEqualTo(403);
		String update = "{\"loginUrl\":\"" + emulator.baseUrl() + "\",\"authFlow\":\"USERNAME_PASSWORD\","
				+ "\"clientId\":\"x\",\"username\":\"u\",\"credentialsRef\":\"env:OTHER_TENANT\"}";
		assertThat(send("a-admin", "PUT", "/api/connections/tenant-a", update).statusCode()).isEqualTo(403);
		assertThat(this.connections.find("tenant-a").orElseThrow().clientId()).isEqualTo(org.consumerKey());
		assertThat(this.connections.find("tenant-c")).isEmpty();
	}

	@Test
	void stateChangingCallsAreAuditedWithTheirConnectionAndOutcome() throws Exception {
		assertThat(send("a-operator", "POST", "/api/connections/tenant-a/pause").statusCode()).isEqualTo(204);
		assertThat(send("a-operator", "POST", "/api/connections/tenant-a/resume").statusCode()).isEqualTo(204);
		assertThat(send("b-operator", "POST", "/api/connections/tenant-a/pause").statusCode()).isEqualTo(404);
		assertThat(send("a-admin", "POST", "/api/connections/tenant-a/pause").statusCode()).isEqualTo(403);
		assertThat(send("b-operator", "POST", "/api/runs/" + this.runOfA + "/restart").statusCode()).isEqualTo(404);
		List<String> audit = this.jdbc
			.queryForList("SELECT CONCAT(actor, ' ', action, ' ', COALESCE(connection_id, '-'), ' ', outcome)"
					+ " FROM sync_operator_audit WHERE connection_id = 'tenant-a' ORDER BY id", String.class);
		assertThat(audit).contains("a-operator connection-pause tenant-a DONE",
				"a-operator connection-resume tenant-a DONE", "b-operator connection-pause tenant-a DENIED",
				"a-admin connection-pause tenant-a DENIED", "b-operator restart tenant-a DENIED");
	}

	private long failedRun(String jobName, @Nullable String connection) {
		JobParametersBuilder builder = new JobParametersBuilder().addLong("planted", System.nanoTime());
		if (connection != null) {
			builder.addString("connection", connection);
		}
		JobParameters parameters = builder.toJobParameters();
		JobInstance instance = this.repository.createJobInstance(jobName, parameters);
		JobExecution execution = this.repository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStartTime(LocalDateTime.now().minusMinutes(5));
		execution.setEndTime(LocalDateTime.now().minusMinutes(4));
		execution.setStatus(BatchStatus.FAILED);
		execution.setExitStatus(new ExitStatus("UNKNOWN_ERROR", "planted for tenant " + connection));
		this.repository.update(execution);
		return execution.getId();
	}

	/** One method and path pattern that sfsync serves. */
	private record Call(String method, String pattern, Endpoints.Resource resource) {

		String path() {
			return path(1);
		}

		/** The path with {id} naming tenant A's connection or run. */
		String path(long run) {
			String id = switch (this.resource) {
				case CONNECTION -> "tenant-a";
				case RUN -> String.valueOf(run);
				case NONE -> "1";
			};
			return this.pattern.replace("{*path}", "db").replace("{id}", id);
		}

		@Override
		public String toString() {
			return this.method + " " + this.pattern;
		}

	}

	/** Every handler mapping of Spring MVC and the actuator, and the static files. */
	private Set<Call> calls() throws IOException {
		Set<Call> calls = new LinkedHashSet<>();
		for (RequestMappingInfoHandlerMapping mapping : this.context
			.getBeansOfType(RequestMappingInfoHandlerMapping.class)
			.values()) {
			for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
				Set<String> methods = new LinkedHashSet<>();
				info.getMethodsCondition().getMethods().forEach((method) -> methods.add(method.name()));
				if (methods.isEmpty()) {
					methods.addAll(List.of("GET", "POST"));
				}
				for (String pattern : info.getPatternValues()) {
					for (String method : methods) {
						calls.add(call(method, pattern));
					}
				}
			}
		}
		calls.add(call("GET", "/"));
		for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath:static/*")) {
			calls.add(call("GET", "/" + file.getFilename()));
		}
		return calls;
	}

	private Call call(String method, String pattern) {
		String sample = pattern.replace("{*path}", "db").replace("{id}", "1");
		Endpoints.Resource resource = this.endpoints.match(method, sample)
			.map((match) -> match.rule().resource())
			.orElse(Endpoints.Resource.NONE);
		return new Call(method, pattern, resource);
	}

	private Endpoints.Rule rule(Call call) {
		return this.endpoints.match(call.method(), call.path())
			.map(Endpoints.Match::rule)
			.orElseGet(() -> fail("no rule classifies " + call));
	}

	private HttpResponse<String> send(@Nullable String user, String method, String path) throws Exception {
		return send(user, method, path, method.equals("GET") ? null : "{}");
	}

	private HttpResponse<String> send(@Nullable String user, String method, String path, @Nullable String body)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", "application/json")
			.header("Content-Type", "application/json")
			// The double-submit CSRF token: the cookie and the header agree.
			.header("Cookie", "XSRF-TOKEN=matrix-token")
			.header("X-XSRF-TOKEN", "matrix-token")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (user != null) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":tenant-test").getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
