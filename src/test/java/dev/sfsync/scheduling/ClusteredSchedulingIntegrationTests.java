package dev.sfsync.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sfsync.SfsyncApplication;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.connection.AuthFlow;
import dev.sfsync.connection.ConnectionRequest;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.connection.Credentials;
import dev.sfsync.emulator.Emulator;
import dev.sfsync.system.TestEmulator;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.system.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two sfsync instances on one database, their clustered Quartz schedulers firing a
 * connection's account schedule every three seconds while accounts change now and then:
 * every change is synced by exactly one run, on one of the two; fires that find no change
 * are polls, not runs; no two runs overlap or repeat a window, and runs and polls leave
 * no gap.
 */
class ClusteredSchedulingIntegrationTests {

	private static Emulator emulator;

	private static EmulatorAdmin admin;

	@BeforeAll
	static void start() {
		TestDatabase.get().reset();
		emulator = TestEmulator.get();
		admin = new EmulatorAdmin(emulator.baseUrl());
	}

	@Test
	void everyFireOfAScheduleRunsExactlyOnceAcrossTwoInstances() throws Exception {
		EmulatorAdmin.Org org = admin.org("Clustered Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 10), "badShare", 0, "seed", 5));
		try (ConfigurableApplicationContext first = instance(); ConfigurableApplicationContext second = instance()) {
			JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
			ConnectionService connections = first.getBean(ConnectionService.class);
			// Given a connection whose accounts sync every three seconds, and nothing
			// else
			// soon.
			Map<String, String> schedules = new HashMap<>();
			first.getBean(JobCatalog.class)
				.definitions()
				.forEach((definition) -> schedules.put(definition.name(), "0 0 0 1 1 ? 2099"));
			schedules.put("account", "*/3 * * * * ?");
			connections.create(new ConnectionRequest("clustered", "clustered", emulator.baseUrl(),
					AuthFlow.USERNAME_PASSWORD, org.consumerKey(), org.username(),
					new Credentials(org.consumerSecret(), org.password(), null, null), null, null,
					new ConnectionSettings(null, null, null, null, schedules, false)));

			// When both instances fire it for a while, and an account changes after each
			// run, four times
			Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
			AtomicInteger changes = new AtomicInteger();
			await("five runs and a poll since the last").atMost(Duration.between(Instant.now(), deadline))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> {
					if (changes.get() < 4 && completedRuns(jdbc) > changes.get()) {
						admin.create(org, "Account", Map.of("Name", "Changed account " + changes.incrementAndGet()));
					}
					return completedRuns(jdbc) >= 5 && polledSinceLastRun(jdbc);
				});
			connections.pause("clustered");
			await("no run is going").atMost(Duration.between(Instant.now(), deadline))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> runningRuns(jdbc) == 0);

			// Then each change was one run, no two runs shared a window, and the fires
			// that
			// found nothing were polls
			List<Map<String, Object>> runs = jdbc.queryForList("""
					SELECT e.JOB_EXECUTION_ID AS id, i.JOB_NAME AS job, e.STATUS AS status,
						f.PARAMETER_VALUE AS fired, w1.PARAMETER_VALUE AS window_from, w2.PARAMETER_VALUE AS window_to,
						e.START_TIME AS started, e.END_TIME AS ended
					FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
					LEFT JOIN BATCH_JOB_EXECUTION_PARAMS f ON f.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
						AND f.PARAMETER_NAME = 'scheduledFireTime'
					JOIN BATCH_JOB_EXECUTION_PARAMS w1 ON w1.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
						AND w1.PARAMETER_NAME = 'from'
					JOIN BATCH_JOB_EXECUTION_PARAMS w2 ON w2.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
						AND w2.PARAMETER_NAME = 'to'
					ORDER BY e.JOB_EXECUTION_ID""");
			assertThat(runs).as("the backfill and one run per change").hasSize(5);
			assertThat(runs).extracting((run) -> run.get("status")).containsOnly("COMPLETED");
			assertThat(runs.get(0).get("job")).isEqualTo("account-backfill");
			assertThat(runs.subList(1, runs.size())).extracting((run) -> run.get("job"))
				.containsOnly("account-inbound");
			assertThat(new HashSet<>(runs.stream().map((run) -> run.get("fired")).toList())).as("distinct fire times")
				.hasSize(runs.size())
				.doesNotContainNull();
			assertThat(new HashSet<>(
					runs.stream().map((run) -> run.get("window_from") + "/" + run.get("window_to")).toList()))
				.as("distinct windows")
				.hasSize(runs.size());
			for (int i = 1; i < runs.size(); i++) {
				assertThat((java.time.LocalDateTime) runs.get(i).get("started"))
					.as("run %s starts after run %s ended", runs.get(i).get("id"), runs.get(i - 1).get("id"))
					.isAfterOrEqualTo((java.time.LocalDateTime) runs.get(i - 1).get("ended"));
			}
			assertThat(jdbc.queryForList("SELECT DISTINCT PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS"
					+ " WHERE PARAMETER_NAME = 'firedBy'", String.class))
				.as("the instances that fired")
				.isSubsetOf(jdbc.queryForList("SELECT INSTANCE_NAME FROM QRTZ_SCHEDULER_STATE", String.class));
			assertThat(jdbc.queryForList(readmeQuery()))
				.as("the operations guide's query of which replica ran each scheduled run")
				.hasSize(Math.min(20, runs.size()))
				.allSatisfy((row) -> assertThat(row.get("fired_by")).isNotNull());
			assertThat(jdbc.queryForObject("SELECT SUM(polls) FROM sync_poll WHERE connection_id = 'clustered'",
					Integer.class))
				.as("fires that found no change")
				.isPositive();
			assertThat(jdbc.queryForList("SELECT READ_COUNT FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION e"
					+ " ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID ="
					+ " e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'account-inbound' AND s.STEP_NAME = 'pull-updates'",
					Integer.class))
				.as("every run read its change")
				.hasSize(4)
				.allSatisfy((read) -> assertThat(read).isPositive());
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM companies WHERE connection_id = 'clustered'",
					Integer.class))
				.isEqualTo(14);
			assertThat(jdbc.queryForList(gapQuery())).as("gaps between runs and polls").isEmpty();
			assertThat(launchesMeasured(first) + launchesMeasured(second)).as("runs timed from their fire to launch")
				.isEqualTo(runs.size());
			assertThat(first.getBean(MeterRegistry.class).find("sfsync.schedule.lateness").timer()).isNotNull();
			assertThat(
					jdbc.queryForObject("SELECT COUNT(DISTINCT SCHED_NAME) FROM QRTZ_SCHEDULER_STATE", Integer.class))
				.as("one cluster of two scheduler instances")
				.isEqualTo(1);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE", Integer.class))
				.isGreaterThanOrEqualTo(2);
		}
	}

	/** The operations guide's "Scheduling" query as written, without its semicolon. */
	private static String readmeQuery() throws java.io.IOException {
		String readme = java.nio.file.Files.readString(java.nio.file.Path.of("src/docs/operations.md"));
		String section = readme.substring(readme.indexOf("\n## Scheduling\n"),
				readme.indexOf("\n## Operator controls\n"));
		String block = section.substring(section.indexOf("```sql\n") + 7);
		return block.substring(0, block.indexOf("```")).strip().replaceAll(";$", "");
	}

	private static long launchesMeasured(ConfigurableApplicationContext instance) {
		return instance.getBean(MeterRegistry.class)
			.find("sfsync.schedule.launch")
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	/** The operations guide's gap query as written, without its semicolon. */
	private static String gapQuery() throws java.io.IOException {
		String readme = java.nio.file.Files.readString(java.nio.file.Path.of("src/docs/operations.md"));
		String query = readme.substring(readme.indexOf("-- Gaps between the windows that completed runs and polls"));
		return query.substring(0, query.indexOf("```")).strip().replaceAll(";$", "");
	}

	/** Whether a fire found no change after the last run ended. */
	private static boolean polledSinceLastRun(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM sync_state s WHERE s.connection_id = 'clustered'"
				+ " AND s.object_type = 'account' AND s.last_poll_at > (SELECT MAX(END_TIME) FROM BATCH_JOB_EXECUTION)",
				Integer.class) > 0;
	}

	private static int completedRuns(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'",
				Integer.class);
	}

	private static int runningRuns(JdbcTemplate jdbc) {
		return jdbc.queryForObject(
				"SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTING', 'STARTED', 'STOPPING')",
				Integer.class);
	}

	private static ConfigurableApplicationContext instance() {
		TestDatabase database = TestDatabase.get();
		return new SpringApplicationBuilder(SfsyncApplication.class).web(WebApplicationType.NONE)
			.profiles("test")
			.run("--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.username(),
					"--spring.datasource.password=" + database.password(), "--spring.quartz.auto-startup=true",
					"--spring.quartz.scheduler-name=sfsync-cluster-test",
					"--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000",
					"--sfsync.inbound.settle-delay=1s", "--sfsync.emulator.enabled=false");
	}

}
