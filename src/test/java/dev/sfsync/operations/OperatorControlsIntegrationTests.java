package dev.sfsync.operations;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.sfsync.SfsyncApplication;
import dev.sfsync.connection.AuthFlow;
import dev.sfsync.connection.ConnectionRequest;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.connection.Credentials;
import dev.sfsync.emulator.Emulator;
import dev.sfsync.system.TestEmulator;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.syncstate.SyncStates;
import dev.sfsync.system.ApiClient;
import dev.sfsync.system.IntegrationTestSupport;
import dev.sfsync.system.TestDatabase;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The operator controls on real runs against the emulator, over REST (with its roles and
 * CSRF) and the command line: stop at a chunk boundary and restart, recover a run whose
 * process was killed and restart it, recover orphans automatically without touching live
 * runs, stop gracefully on shutdown, and an audit row for each action.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "sfsync.inbound.settle-delay=1s", "sfsync.security.users[0].username=admin",
		"sfsync.security.users[0].password={bcrypt}$2a$04$RWv6ikiw3AzjFhMlQqXJreHWa8kQM9DR6PFIK.ztTWMKLSqUHs6NS",
		"sfsync.security.users[0].roles[0]=ADMIN", "sfsync.security.users[0].connections[0]=ops",
		"sfsync.security.users[1].username=operator",
		"sfsync.security.users[1].password={bcrypt}$2a$04$6.UncRf8DEcohsCobwImCuC3Uzj19NTOg2HagxzGF5SiohD1qmJUm",
		"sfsync.security.users[1].roles[0]=OPERATOR", "sfsync.security.users[1].connections[0]=ops",
		"sfsync.security.users[2].username=scraper",
		"sfsync.security.users[2].password={bcrypt}$2a$04$dkQvuVR0DOwxesy8jQbhoOH3x74tBxn5ZTyeJB04P26HQw7vKBlC6",
		"sfsync.security.users[2].roles[0]=METRICS" })
class OperatorControlsIntegrationTests extends IntegrationTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static Emulator emulator;

	private static EmulatorAdmin admin;

	private static EmulatorAdmin.Org org;

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobRepository repository;

	@Autowired
	ConnectionService connections;

	@Autowired
	OperatorService operations;

	@Autowired
	RunsCommand runs;

	@Autowired
	SyncStates states;

	@Autowired
	RunCommand command;

	@Autowired
	RunOwners owners;

	@BeforeAll
	static void startEmulator() {
		emulator = TestEmulator.get();
		admin = new EmulatorAdmin(emulator.baseUrl());
		org = admin.org("Operator Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 20), "badShare", 0, "seed", 11));
	}

	@BeforeEach
	void connection() {
		admin.send("DELETE", "/emulator/orgs/" + org.id() + "/faults", null);
		if (this.connections.find("ops").isEmpty()) {
			this.connections.create(new ConnectionRequest("ops", "ops", emulator.baseUrl(), AuthFlow.USERNAME_PASSWORD,
					org.consumerKey(), org.username(),
					new Credentials(org.consumerSecret(), org.password(), null, null), null, null,
					ConnectionSettings.DEFAULTS));
		}
	}

	@Test
	void anOperatorStopsARunAtAChunkBoundaryAndRestartsItToCompletionOverRest() throws Exception {
		// Given a slow Salesforce, and a run started now by an operator
		slowSalesforce();
		HttpResponse<String> started = send("operator", "POST", "/api/runs",
				Map.of("job", "account-backfill", "parameters", Map.of("connection", "ops")));
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		long id = JSON.readTree(started.body()).get("id").asLong();
		awaitStatus(id, "STARTED");
		assertThat(send("operator", "POST", "/api/runs",
				Map.of("job", "account-inbound", "parameters", Map.of("connection", "ops")))
			.statusCode()).as("a second run of accounts for the same connection").isEqualTo(409);

		// When the operator stops it
		HttpResponse<String> stopped = send("operator", "POST", "/api/runs/" + id + "/stop", null);

		// Then it ends STOPPED at a boundary, and a restart completes it
		assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
		assertThat(awaitEnd(id)).isEqualTo("STOPPED");
		admin.send("DELETE", "/emulator/orgs/" + org.id() + "/faults", null);
		HttpResponse<String> restarted = send("operator", "POST", "/api/runs/" + id + "/restart", null);
		assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(202);
		long restart = JSON.readTree(restarted.body()).get("id").asLong();
		assertThat(awaitEnd(restart)).isEqualTo("COMPLETED");
		assertThat(instanceOf(restart)).isEqualTo(instanceOf(id));
		JsonNode shown = JSON.readTree(send("operator", "GET", "/api/runs/" + restart, null).body());
		assertThat(shown.get("parameters").get("connection").asString()).isEqualTo("ops");
		assertThat(shown.get("steps")).isNotEmpty();
		assertThat(JSON.readTree(send("admin", "GET", "/api/runs?connection=ops&status=STOPPED", null).body()))
			.extracting((run) -> run.get("id").asLong())
			.contains(id)
			.doesNotContain(restart);
		assertThat(audit()).contains("operator start DONE " + id, "operator stop DONE " + id,
				"operator restart DONE " + id);
	}

	@Test
	void theRunsApiAnswers404ForUnknownRuns400ForBadInputAndNeedsTheOperatorRoleAndCsrf() throws Exception {
		assertThat(send("operator", "GET", "/api/runs/999999", null).statusCode()).isEqualTo(404);
		assertThat(send("operator", "POST", "/api/runs/999999/restart", null).statusCode()).isEqualTo(404);
		assertThat(send("operator", "GET", "/api/runs/not-a-number", null).statusCode()).isEqualTo(400);
		assertThat(send("operator", "GET", "/api/runs?status=LOST", null).statusCode()).isEqualTo(400);
		assertThat(send("operator", "POST", "/api/runs", Map.of("job", "no-such-job")).statusCode()).isEqualTo(400);
		assertThat(send("admin", "POST", "/api/runs/999999/stop", null).statusCode()).isEqualTo(403);
		HttpRequest withoutCsrf = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/runs/1/stop"))
			.header("Authorization", new ApiClient(this.port, "operator", "operator-test").authorization())
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		assertThat(HttpClient.newHttpClient().send(withoutCsrf, HttpResponse.BodyHandlers.discarding()).statusCode())
			.isIn(401, 403);
	}

	@Test
	void aKilledRunIsRecoveredAndRestartedToCompletionOverRestAndFromTheCommandLine() throws Exception {
		// Given two runs whose process was killed: STARTED, owned by an instance that
		// stopped beating a minute ago
		long viaRest = killedRun(Instant.parse("2026-01-01T00:00:00Z"));
		long viaCli = killedRun(Instant.parse("2026-01-02T00:00:00Z"));

		// When an operator recovers and restarts them
		HttpResponse<String> recovered = send("operator", "POST", "/api/runs/" + viaRest + "/recover", null);
		assertThat(recovered.statusCode()).as(recovered.body()).isEqualTo(200);
		assertThat(JSON.readTree(recovered.body()).get("status").asString()).isEqualTo("FAILED");
		HttpResponse<String> restarted = send("operator", "POST", "/api/runs/" + viaRest + "/restart", null);
		assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(202);
		// (one run of the object type at a time: the second restart waits for the first)
		assertThat(awaitEnd(JSON.readTree(restarted.body()).get("id").asLong())).isEqualTo("COMPLETED");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
		assertThat(this.runs.run(List.of("recover", String.valueOf(viaCli)), print, print)).as(out.toString()).isZero();
		assertThat(this.runs.run(List.of("restart", String.valueOf(viaCli)), print, print)).as(out.toString()).isZero();

		// Then both complete
		assertThat(out.toString()).contains("account-inbound\tops\tCOMPLETED");
		assertThat(this.repository.getJobExecution(viaRest).getStatus()).isEqualTo(BatchStatus.FAILED);
		// and the failed run links to the run that completed it
		HttpResponse<String> healed = send("operator", "GET", "/api/activity/runs/" + viaRest, null);
		assertThat(healed.statusCode()).as(healed.body()).isEqualTo(200);
		assertThat(JSON.readTree(healed.body()).path("run").path("completedBy").asLong())
			.isEqualTo(JSON.readTree(restarted.body()).get("id").asLong());
		assertThat(audit()).contains("operator recover DONE " + viaRest, "operator restart DONE " + viaRest)
			.anyMatch((row) -> row.matches("cli:.* recover DONE " + viaCli));
	}

	@Test
	void orphansOfADeadProcessAreRecoveredButALiveRunOnAnotherReplicaIsNot() throws Exception {
		// Given an orphan, and a run owned by a replica that is beating
		long orphan = killedRun(Instant.parse("2026-02-01T00:00:00Z"));
		long live = killedRun(Instant.parse("2026-02-02T00:00:00Z"));
		this.jdbc.update("INSERT INTO sync_instance (instance_id, host, started_at, heartbeat_at)"
				+ " VALUES ('live-replica', 'live', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))");
		this.jdbc.update("UPDATE sync_run_owner SET instance_id = 'live-replica' WHERE job_execution_id = ?", live);

		// When sfsync looks for orphans, and an operator tries to recover the live run
		List<Long> recovered = this.operations.recoverOrphans();
		HttpResponse<String> refused = send("operator", "POST", "/api/runs/" + live + "/recover", null);

		// Then only the orphan is FAILED, and restartable
		assertThat(recovered).containsExactly(orphan);
		assertThat(this.repository.getJobExecution(orphan).getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(this.repository.getJobExecution(live).getStatus()).isEqualTo(BatchStatus.STARTED);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
		assertThat(audit()).anyMatch((row) -> row.matches("sfsync .* recover DONE " + orphan))
			.contains("operator recover REJECTED " + live);
		this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'ABANDONED' WHERE JOB_EXECUTION_ID = ?", live);
	}

	@Test
	void aRunLeftStartingWithoutAnOwnerIsRecoveredAsProcessDiedAndTheNextLaunchResumesIt() throws Exception {
		// Given a run whose process died while it was STARTING, before it had an owner,
		// and a run that was created a moment ago and is about to register its owner
		JobExecution dead = accountRun(Instant.parse("2026-04-01T00:00:00Z"));
		this.states.started(dead);
		this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET CREATE_TIME = UTC_TIMESTAMP(6) - INTERVAL 2 MINUTE,"
				+ " LAST_UPDATED = '2026-12-06 10:00:00' WHERE JOB_EXECUTION_ID = ?", dead.getId());
		JobExecution launching = accountRun(Instant.parse("2026-04-02T00:00:00Z"));

		// When sfsync looks for orphans
		List<Long> recovered = this.operations.recoverOrphans();

		// Then the dead run is FAILED with its cause and when its process was last seen
		assertThat(recovered).containsExactly(dead.getId());
		JobExecution after = this.repository.getJobExecution(dead.getId());
		assertThat(after.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(after.getExitStatus().getExitCode()).isEqualTo("PROCESS_DIED");
		assertThat(after.getExitStatus().getExitDescription())
			.isEqualTo("The process running this sync stopped unexpectedly at 2026-12-06T10:00:00Z; the next run"
					+ " resumes from the last saved batch.");
		assertThat(this.jdbc.queryForObject("SELECT cause FROM sync_failed_runs WHERE job_execution_id = ?",
				String.class, dead.getId()))
			.isEqualTo("PROCESS_DIED");
		assertThat(this.repository.getJobExecution(launching.getId()).getStatus()).as("not an orphan yet")
			.isEqualTo(BatchStatus.STARTING);
		assertThat(this.operations.recoverOrphans()).isEmpty();

		// And the next launch resumes the dead run's instance
		this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'ABANDONED' WHERE JOB_EXECUTION_ID = ?",
				launching.getId());
		HttpResponse<String> resumed = send("operator", "POST", "/api/runs",
				Map.of("job", "account-inbound", "parameters", Map.of("connection", "ops")));
		assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
		long resumedId = JSON.readTree(resumed.body()).get("id").asLong();
		assertThat(instanceOf(resumedId)).isEqualTo(dead.getJobInstance().getInstanceId());
		assertThat(awaitEnd(resumedId)).isEqualTo("COMPLETED");
	}

	@Test
	void aLaunchThatFindsADeadRunInItsWayRecoversItAndResumesItsInstance() throws Exception {
		// Given a run left STARTING without an owner two minutes ago (its process died
		// before the run registered), the last run of its object type
		JobExecution dead = accountRun(Instant.parse("2026-06-01T00:00:00Z"));
		this.states.started(dead);
		this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET CREATE_TIME = UTC_TIMESTAMP(6) - INTERVAL 2 MINUTE"
				+ " WHERE JOB_EXECUTION_ID = ?", dead.getId());

		// When an operator launches the object type, before any sweep for orphans
		HttpResponse<String> resumed = send("operator", "POST", "/api/runs",
				Map.of("job", "account-inbound", "parameters", Map.of("connection", "ops")));

		// Then the launch recovered the dead run and resumed its instance, not a new
		// window beside it
		assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
		long resumedId = JSON.readTree(resumed.body()).get("id").asLong();
		assertThat(instanceOf(resumedId)).isEqualTo(dead.getJobInstance().getInstanceId());
		assertThat(this.repository.getJobExecution(dead.getId()).getExitStatus().getExitCode())
			.isEqualTo("PROCESS_DIED");
		assertThat(awaitEnd(resumedId)).isEqualTo("COMPLETED");
	}

	@Test
	void theCommandLineAndTheApiRefuseARunOfAnObjectTypeThatALiveReplicaIsRunning() throws Exception {
		// Given an account run going for the connection on a replica that is beating,
		// holding the object type's claim
		long going = killedRun(Instant.parse("2026-05-01T00:00:00Z"));
		this.states.started(this.repository.getJobExecution(going));
		this.jdbc.update("INSERT INTO sync_instance (instance_id, host, started_at, heartbeat_at)"
				+ " VALUES ('live-2', 'live', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))"
				+ " ON DUPLICATE KEY UPDATE heartbeat_at = VALUES(heartbeat_at)");
		this.jdbc.update("UPDATE sync_run_owner SET instance_id = 'live-2' WHERE job_execution_id = ?", going);
		this.jdbc.update("UPDATE sync_state SET claim_owner = 'live-2#1', claim_execution_id = ?,"
				+ " claim_until = UTC_TIMESTAMP(6) + INTERVAL 1 MINUTE WHERE connection_id = 'ops'"
				+ " AND object_type = 'account' AND direction = 'inbound'", going);
		long executions = this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class);

		// When the command line and the API launch accounts for the connection
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		Properties parameters = new Properties();
		parameters.setProperty("connection", "ops");
		RunExitCode code = this.command.run("account-inbound", parameters,
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		HttpResponse<String> refused = send("operator", "POST", "/api/runs",
				Map.of("job", "account-backfill", "parameters", Map.of("connection", "ops")));

		// Then nothing runs beside it, and both say which run holds the object type
		assertThat(code).isEqualTo(RunExitCode.ALREADY_RUNNING);
		assertThat(err.toString(StandardCharsets.UTF_8))
			.contains("account-inbound for connection ops is already running as execution " + going);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
		assertThat(refused.body()).contains("already running as execution " + going);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class))
			.isEqualTo(executions);
		this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'ABANDONED' WHERE JOB_EXECUTION_ID = ?", going);
		this.states.settle(going);
	}

	@Test
	void tenConcurrentLaunchesOfAnObjectTypeFromTwoProcessesAndTheApiRunExactlyOnce() throws Exception {
		// Given a slow Salesforce, and a second sfsync process on the same database
		slowSalesforce();
		long before = this.jdbc.queryForObject("SELECT COALESCE(MAX(JOB_EXECUTION_ID), 0) FROM BATCH_JOB_EXECUTION",
				Long.class);
		try (ConfigurableApplicationContext other = instance()) {
			RunCommand otherCommand = other.getBean(RunCommand.class);
			OperatorService otherOperations = other.getBean(OperatorService.class);
			java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
			List<java.util.concurrent.Callable<String>> launches = new java.util.ArrayList<>();
			for (int i = 0; i < 10; i++) {
				int n = i;
				launches.add(() -> {
					go.await();
					return switch (n % 4) {
						// the command line of each process
						case 0 -> "cli " + cli(this.command);
						case 1 -> "cli " + cli(otherCommand);
						// the operator service of the other process
						case 2 -> {
							try {
								yield "service "
										+ otherOperations.start("account-inbound", Map.of("connection", "ops"), "test")
											.id();
							}
							catch (RunStateException ex) {
								yield "service refused: " + ex.getMessage();
							}
						}
						// the API of this one
						default -> {
							HttpResponse<String> answer = send("operator", "POST", "/api/runs",
									Map.of("job", "account-inbound", "parameters", Map.of("connection", "ops")));
							yield "api " + answer.statusCode() + " " + answer.body();
						}
					};
				});
			}
			java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
			List<java.util.concurrent.Future<String>> answers = launches.stream().map(pool::submit).toList();

			// When all ten launch at once
			go.countDown();
			List<String> results = new java.util.ArrayList<>();
			for (java.util.concurrent.Future<String> answer : answers) {
				results.add(answer.get(120, java.util.concurrent.TimeUnit.SECONDS));
			}
			pool.shutdown();

			// Then exactly one execution was created, and the nine others were told
			// which run holds the object type
			List<Long> created = this.jdbc.queryForList(
					"SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID > ?", Long.class, before);
			assertThat(created).as(results.toString()).hasSize(1);
			assertThat(results)
				.filteredOn((result) -> result.contains("already running as execution")
						|| result.contains("already being launched"))
				.as(results.toString())
				.hasSize(9);
			assertThat(results).filteredOn((result) -> result.startsWith("api 409"))
				.allMatch((result) -> result.contains("account-inbound for connection ops is already"));
			admin.send("DELETE", "/emulator/orgs/" + org.id() + "/faults", null);
			assertThat(awaitEnd(created.get(0))).isEqualTo("COMPLETED");
		}
		// And the claim was given back with the run's end
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM sync_state WHERE connection_id = 'ops'" + " AND claim_owner IS NOT NULL",
				Integer.class))
			.isZero();
	}

	private static String cli(RunCommand command) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
		Properties parameters = new Properties();
		parameters.setProperty("connection", "ops");
		RunExitCode code = command.run("account-inbound", parameters, print, print);
		return code + " " + out.toString(StandardCharsets.UTF_8);
	}

	@Test
	void runsADatabaseOutageLeftUnknownOrUnrecordedFailAsDatabaseUnavailableAndTheNextLaunchResumesThem()
			throws Exception {
		// Given a run Spring Batch recorded as UNKNOWN (a chunk's rollback failed while
		// the database was away), its step UNKNOWN too
		JobExecution unknown = accountRun(Instant.parse("2026-07-01T00:00:00Z"));
		unknown.setStartTime(LocalDateTime.now(ZoneOffset.UTC));
		unknown.setStatus(BatchStatus.UNKNOWN);
		this.repository.update(unknown);
		org.springframework.batch.core.step.StepExecution step = this.repository.createStepExecution("pull-updates",
				unknown);
		step.setStatus(BatchStatus.UNKNOWN);
		this.repository.update(step);
		this.states.started(unknown);
		// and a run this process owns but no longer runs: its end could not be recorded
		JobExecution unrecorded = accountRun(Instant.parse("2026-07-02T00:00:00Z"));
		unrecorded.setStatus(BatchStatus.STARTED);
		unrecorded.setStartTime(LocalDateTime.now(ZoneOffset.UTC));
		this.repository.update(unrecorded);
		this.jdbc.update("INSERT INTO sync_run_owner (job_execution_id, instance_id, claimed_at)"
				+ " VALUES (?, ?, UTC_TIMESTAMP(6))", unrecorded.getId(), this.owners.instanceId());

		// When this process looks for orphans, the database being back
		List<Long> recovered = this.operations.recoverOrphans();

		// Then both are FAILED with the database as their cause, their steps too
		assertThat(recovered).contains(unknown.getId(), unrecorded.getId());
		for (long id : List.of(unknown.getId(), unrecorded.getId())) {
			JobExecution after = this.repository.getJobExecution(id);
			assertThat(after.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(after.getExitStatus().getExitCode()).isEqualTo("DATABASE_UNAVAILABLE");
			assertThat(after.getExitStatus().getExitDescription())
				.isEqualTo("The database was unavailable; the run resumes automatically from the last saved batch.");
			assertThat(this.jdbc.queryForObject("SELECT cause FROM sync_failed_runs WHERE job_execution_id = ?",
					String.class, id))
				.isEqualTo("DATABASE_UNAVAILABLE");
		}
		assertThat(this.repository.getStepExecution(unknown.getId(), step.getId()).getStatus())
			.isEqualTo(BatchStatus.FAILED);

		// And the next launch resumes the UNKNOWN run's instance, which completes
		HttpResponse<String> resumed = send("operator", "POST", "/api/runs",
				Map.of("job", "account-inbound", "parameters", Map.of("connection", "ops")));
		assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
		long resumedId = JSON.readTree(resumed.body()).get("id").asLong();
		assertThat(instanceOf(resumedId)).isEqualTo(unknown.getJobInstance().getInstanceId());
		assertThat(awaitEnd(resumedId)).isEqualTo("COMPLETED");
	}

	@Test
	void aFailedRunWhoseStepAnOutageLeftRunningIsResumedByTheNextLaunch() throws Exception {
		// Given a run that ended FAILED while the database took its step's end: the
		// step is still STARTED in the job repository
		JobExecution failed = accountRun(Instant.parse("2026-08-01T00:00:00Z"));
		failed.setStartTime(LocalDateTime.now(ZoneOffset.UTC));
		this.states.started(failed);
		org.springframework.batch.core.step.StepExecution step = this.repository.createStepExecution("pull-updates",
				failed);
		step.setStatus(BatchStatus.STARTED);
		this.repository.update(step);
		failed.setStatus(BatchStatus.FAILED);
		failed.setEndTime(LocalDateTime.now(ZoneOffset.UTC));
		this.repository.update(failed);
		this.states.settle(failed.getId());

		// When the next launch comes
		HttpResponse<String> resumed = send("operator", "POST", "/api/runs",
				Map.of("job", "account-inbound", "parameters", Map.of("connection", "ops")));

		// Then it resumes that instance (Spring Batch took the step for a running one)
		assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
		long resumedId = JSON.readTree(resumed.body()).get("id").asLong();
		assertThat(instanceOf(resumedId)).isEqualTo(failed.getJobInstance().getInstanceId());
		assertThat(awaitEnd(resumedId)).isEqualTo("COMPLETED");
		assertThat(this.repository.getStepExecution(failed.getId(), step.getId()).getStatus())
			.isEqualTo(BatchStatus.FAILED);
	}

	@Test
	void aShutdownStopsTheRunsOfThatInstanceSoTheyEndStoppedAndRestart() throws Exception {
		// Given a run going in another instance
		slowSalesforce();
		long id;
		try (ConfigurableApplicationContext other = instance()) {
			id = other.getBean(OperatorService.class)
				.start("account-inbound",
						Map.of("connection", "ops", "from", "2026-03-01T00:00:00Z", "to", "2026-03-02T00:00:00Z"),
						"test")
				.id();
			awaitStatus(id, "STARTED");
			// When that instance shuts down (SIGTERM closes the context)
		}
		// Then the run is STOPPED, and restarts to completion
		assertThat(this.repository.getJobExecution(id).getStatus()).isEqualTo(BatchStatus.STOPPED);
		admin.send("DELETE", "/emulator/orgs/" + org.id() + "/faults", null);
		long restart = this.operations.restart(id, "test").orElseThrow().id();
		assertThat(awaitEnd(restart)).isEqualTo("COMPLETED");
	}

	@Test
	void onceItsProcessIsShuttingDownNoLaunchIsClaimedSoNoRunStartsAfterTheRunsWereStopped() {
		// Given a process shutting down (its supervisor has begun stopping its runs)
		long before = this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class);
		this.owners.stopping();
		try {
			// When a launch decided before (a poll that waited on Salesforce) claims its
			// run
			assertThatExceptionOfType(LaunchClaims.ShuttingDownException.class)
				.isThrownBy(() -> this.operations.start("account-inbound", Map.of("connection", "ops"), "test"))
				.withMessageContaining("shutting down");
		}
		finally {
			this.owners.accepting();
		}
		// Then nothing was created
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class)).isEqualTo(before);
	}

	@Test
	void prometheusShowsEachObjectsRecordsAndLagAndTheBatchObservations() throws Exception {
		// Given a run that wrote records
		long id = this.operations
			.start("account-inbound",
					Map.of("connection", "ops", "from", "2020-01-01T00:00:00Z", "to", "2030-01-01T00:00:00Z"), "test")
			.id();
		assertThat(awaitEnd(id)).isEqualTo("COMPLETED");

		// When Prometheus scrapes sfsync (a tenant's users may not: every connection's
		// series are there)
		assertThat(send("admin", "GET", "/actuator/prometheus", null).statusCode()).isEqualTo(403);
		HttpResponse<String> scrape = send("scraper", "GET", "/actuator/prometheus", null);

		// Then it sees records per object, their lag, and Spring Batch's own metrics
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).containsPattern(
				"sfsync_inbound_records_total\\{connection=\"ops\",object=\"account\",outcome=\"(CREATED|UPDATED)\"}")
			.contains("sfsync_inbound_lag_seconds_count{connection=\"ops\",object=\"account\"}")
			.contains("spring_batch_job");
	}

	/**
	 * A new execution of {@code account-inbound} for the connection, an hour's window
	 * from a time, as its launcher creates it (STARTING).
	 */
	private JobExecution accountRun(Instant from) {
		JobParameters parameters = new JobParametersBuilder().addString("connection", "ops")
			.addString("from", from.toString())
			.addString("to", from.plusSeconds(3600).toString())
			.toJobParameters();
		return this.repository.createJobExecution(this.repository.createJobInstance("account-inbound", parameters),
				parameters, new ExecutionContext());
	}

	private long killedRun(Instant from) {
		JobExecution execution = accountRun(from);
		execution.setStatus(BatchStatus.STARTED);
		execution.setStartTime(LocalDateTime.now(ZoneOffset.UTC));
		this.repository.update(execution);
		this.jdbc.update("INSERT INTO sync_instance (instance_id, host, started_at, heartbeat_at) VALUES ('killed-1',"
				+ " 'gone', UTC_TIMESTAMP(6) - INTERVAL 1 HOUR, UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE)"
				+ " ON DUPLICATE KEY UPDATE heartbeat_at = VALUES(heartbeat_at)");
		this.jdbc.update("INSERT INTO sync_run_owner (job_execution_id, instance_id, claimed_at)"
				+ " VALUES (?, 'killed-1', UTC_TIMESTAMP(6))", execution.getId());
		return execution.getId();
	}

	private void slowSalesforce() {
		admin.send("PUT", "/emulator/orgs/" + org.id() + "/faults", Map.of("latencyMillis", 1500));
	}

	private long instanceOf(long id) {
		return this.repository.getJobExecution(id).getJobInstance().getInstanceId();
	}

	private List<String> audit() {
		return this.jdbc.queryForList("SELECT CONCAT(actor, ' ', action, ' ', outcome, ' ',"
				+ " COALESCE(job_execution_id, '-')) FROM sync_operator_audit ORDER BY id", String.class);
	}

	private void awaitStatus(long id, String status) {
		await("run " + id + " is " + status).atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(status(id)).isEqualTo(status));
	}

	private String awaitEnd(long id) {
		try {
			await("run " + id + " ends").atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> !List.of("STARTING", "STARTED", "STOPPING").contains(status(id)) && ended(id));
		}
		catch (ConditionTimeoutException ex) {
			fail("Run " + id + " did not end within 90 s; it is " + status(id));
		}
		return status(id);
	}

	private boolean ended(long id) {
		return this.jdbc.queryForObject(
				"SELECT END_TIME IS NOT NULL FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", Boolean.class, id);
	}

	private String status(long id) {
		return this.jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, id);
	}

	private static ConfigurableApplicationContext instance() {
		TestDatabase database = TestDatabase.get();
		return new SpringApplicationBuilder(SfsyncApplication.class).web(WebApplicationType.NONE)
			.profiles("test")
			.run("--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.username(),
					"--spring.datasource.password=" + database.password(), "--sfsync.emulator.enabled=false");
	}

	/** A call as a user whose password is their name and "-test". */
	private HttpResponse<String> send(String user, String method, String path, Object body) throws Exception {
		return new ApiClient(this.port, user, user + "-test").send(method, path, body);
	}

}
