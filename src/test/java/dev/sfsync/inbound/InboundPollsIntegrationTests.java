package dev.sfsync.inbound;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.sfsync.operations.JobParametersDefaults.Launch;
import dev.sfsync.operations.RunCommand;
import dev.sfsync.operations.RunExitCode;
import dev.sfsync.syncstate.SyncState;
import dev.sfsync.syncstate.SyncStates;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.system.SyncIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled polls against an emulated org over HTTP and the real database: a window with
 * nothing new creates no job execution and costs one query call, moves the high-water
 * mark and extends one poll span; a window with changes launches the run, which reads the
 * poll's page instead of asking again; the overlap's re-read and the runs' windows and
 * the spans leave no gap; and a poll that fails launches the run, so the failure is a run
 * with its cause.
 */
@TestPropertySource(properties = "sfsync.inbound.settle-delay=1s")
class InboundPollsIntegrationTests extends SyncIntegrationTestSupport {

	private static final String GAP_QUERY = """
			SELECT connection_id FROM (
			  SELECT connection_id, object_type, window_from,
			         LAG(window_to) OVER (PARTITION BY connection_id, object_type ORDER BY window_from, window_to)
			           AS previous_to
			  FROM (SELECT connection_id, object_type, window_from, window_to FROM sync_runs
			        WHERE direction IN ('inbound', 'backfill') AND status = 'COMPLETED'
			        UNION ALL
			        SELECT connection_id, object_type, window_from, window_to FROM sync_poll) covered
			) ordered
			WHERE connection_id = ? AND window_from > previous_to""";

	@Autowired
	private InboundPolls polls;

	@Autowired
	private SyncStates states;

	@Autowired
	private InboundProperties properties;

	@Autowired
	private RunCommand runCommand;

	@Test
	void aPollThatFindsNothingIsNotARunAndAPollWithChangesHandsItsPageToTheRun() {
		EmulatorAdmin.Org org = admin.org("Polls Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 2, "Contact", 5), "badShare", 0, "seed", 21));
		connect("polls", org, null);
		firstSync("polls", "account");
		JobExecution backfill = fire("polls");
		assertThat(backfill.getJobInstance().getJobName()).isEqualTo("contact-backfill");
		assertThat(backfill.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Instant backfillEnd = Instant.parse(backfill.getJobParameters().getString(InboundLaunches.TO));

		// Nothing changed: the poll is one query, and no job execution.
		int executions = executions("polls");
		Instant firstPoll = afterSettle(backfillEnd);
		admin.resetApiCalls(org);
		assertThat(poll("polls").launch()).isNull();
		assertThat(admin.apiCalls(org)).isEqualTo(Map.of("queryAll", 1));
		assertThat(executions("polls")).isEqualTo(executions);
		SyncState polled = state("polls");
		assertThat(polled.highWaterMark()).as("the mark moved to the poll's window end").isAfterOrEqualTo(firstPoll);
		assertThat(polled.lastPollAt()).isNotNull();
		assertThat(polled.lastExecutionId()).isEqualTo(backfill.getId());
		assertThat(spans("polls"))
			.containsExactly(backfillEnd.minus(this.properties.overlap()) + " " + polled.highWaterMark() + " 1 1");

		// Another quiet window extends the same span.
		afterSettle(polled.highWaterMark());
		assertThat(poll("polls").launch()).isNull();
		SyncState again = state("polls");
		assertThat(again.highWaterMark()).isAfter(polled.highWaterMark());
		assertThat(spans("polls"))
			.containsExactly(backfillEnd.minus(this.properties.overlap()) + " " + again.highWaterMark() + " 2 2");
		assertThat(executions("polls")).isEqualTo(executions);

		// A change: the poll launches the run, which reads the poll's page.
		String contact = this.jdbc.queryForObject("SELECT salesforce_contact_id FROM contacts WHERE connection_id ="
				+ " 'polls' ORDER BY salesforce_contact_id LIMIT 1", String.class);
		admin.send("PATCH", "/emulator/orgs/" + org.id() + "/records/Contact/" + contact, Map.of("Title", "Polled"));
		afterSettle(Instant.now());
		admin.resetApiCalls(org);
		JobExecution run;
		try (InboundPolls.Poll poll = poll("polls")) {
			Launch launch = poll.launch();
			assertThat(launch).isNotNull();
			assertThat(launch.jobName()).isEqualTo("contact-inbound");
			assertThat(launch.parameters().getString(InboundLaunches.FROM))
				.isEqualTo(again.highWaterMark().minus(this.properties.overlap()).toString());
			run = start(launch.jobName(), launch.parameters());
		}
		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(admin.apiCalls(org)).as("the poll's query is the run's first page").isEqualTo(Map.of("queryAll", 1));
		assertThat(this.jdbc.queryForObject(
				"SELECT title FROM contacts WHERE connection_id = 'polls' AND salesforce_contact_id = ?", String.class,
				contact))
			.isEqualTo("Polled");
		assertThat(this.jdbc.queryForObject("SELECT READ_COUNT FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
				+ " AND STEP_NAME = 'pull-updates'", Integer.class, run.getId()))
			.isEqualTo(1);

		// The next window re-reads the change in its overlap: the app holds that version,
		// so nothing is new and no run is launched; a new span starts after the run.
		Instant runEnd = Instant.parse(run.getJobParameters().getString(InboundLaunches.TO));
		afterSettle(runEnd);
		admin.resetApiCalls(org);
		assertThat(poll("polls").launch()).isNull();
		assertThat(admin.apiCalls(org)).isEqualTo(Map.of("queryAll", 1));
		SyncState last = state("polls");
		assertThat(spans("polls")).hasSize(2)
			.last()
			.isEqualTo(runEnd.minus(this.properties.overlap()) + " " + last.highWaterMark() + " 1 1");
		assertThat(this.jdbc.queryForList(GAP_QUERY, String.class, "polls")).as("gaps").isEmpty();

		// The state rebuilt from the job repository and the spans is the state written.
		this.jdbc.update("DELETE FROM sync_state WHERE connection_id = 'polls'");
		this.states.rebuild();
		assertThat(state("polls").highWaterMark()).isEqualTo(last.highWaterMark());
	}

	@Test
	void aFirstSyncWaitsForItsParentsFirstSyncsWhichFireItWhenTheyComplete() {
		EmulatorAdmin.Org org = admin.org("Parents Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 2, "Contact", 4), "badShare", 0, "seed", 24));
		connect("parents", org, null);

		// given no account has arrived, then the contacts' first sync waits
		try (InboundPolls.Poll waiting = poll("parents")) {
			assertThat(waiting.launch()).isNull();
			assertThat(waiting.summary()).isEqualTo("Waiting for the first sync of account for connection parents"
					+ " before the first sync of contact, whose records refer to it");
		}
		assertThat(executions("parents")).isZero();

		// when the accounts' first sync completes, then it names the first syncs it held
		assertThat(this.polls.ready("account-backfill", "parents")).isEmpty();
		JobExecution accounts = firstSync("parents", "account");
		assertThat(accounts.getJobInstance().getJobName()).isEqualTo("account-backfill");
		assertThat(this.polls.ready("account-backfill", "parents")).containsExactlyInAnyOrder("contact", "opportunity");
		assertThat(this.polls.ready("account-inbound", "parents")).as("only a first sync fires others").isEmpty();

		// and the contacts' first sync starts, with every account already there
		JobExecution contacts = fire("parents");
		assertThat(contacts.getJobInstance().getJobName()).isEqualTo("contact-backfill");
		assertThat(contacts.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM contacts c JOIN companies a ON a.id = c.company_id"
				+ " WHERE c.connection_id = 'parents'", Integer.class))
			.isEqualTo(this.jdbc.queryForObject("SELECT COUNT(*) FROM contacts WHERE connection_id = 'parents'"
					+ " AND salesforce_account_id IS NOT NULL", Integer.class))
			.isPositive();
		assertThat(this.polls.ready("contact-backfill", "parents")).as("their other parents have not synced").isEmpty();
		assertThat(this.polls.ready("account-backfill", "parents")).as("the contacts have started")
			.containsExactly("opportunity");
	}

	/** An object type's first sync, as its scheduled fire launches it. */
	private JobExecution firstSync(String connectionId, String objectType) {
		try (InboundPolls.Poll poll = this.polls.poll(objectType + "-inbound", connectionId)) {
			Launch launch = poll.launch();
			assertThat(launch).as(poll.summary()).isNotNull();
			JobExecution execution = start(launch.jobName(), launch.parameters());
			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			return execution;
		}
	}

	@Test
	void aPollThatFailsLaunchesTheRunSoTheFailureIsARunWithItsCause() {
		EmulatorAdmin.Org org = admin.org("Failing Poll Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 2, "Contact", 3), "badShare", 0, "seed", 22));
		connect("failing-poll", org, null);
		firstSync("failing-poll", "account");
		JobExecution backfill = fire("failing-poll");
		assertThat(backfill.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		afterSettle(Instant.parse(backfill.getJobParameters().getString(InboundLaunches.TO)));
		admin.send("PUT", "/emulator/orgs/" + org.id() + "/api-enabled", Map.of("enabled", false));

		JobExecution failed = fire("failing-poll");

		assertThat(failed.getJobInstance().getJobName()).isEqualTo("contact-inbound");
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getExitStatus().getExitDescription()).isNotBlank();
		assertThat(spans("failing-poll")).isEmpty();
	}

	@Test
	void theCommandLinesScheduledFirePollsTooAndRunsNothingForAPausedConnection() {
		EmulatorAdmin.Org org = admin.org("Command Line Poll Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 2, "Contact", 3), "badShare", 0, "seed", 23));
		connect("cli-poll", org, null);
		firstSync("cli-poll", "account");
		Properties connection = new Properties();
		connection.setProperty("connection", "cli-poll");

		Output backfill = fireFromTheCommandLine(connection);
		assertThat(backfill.code()).isEqualTo(RunExitCode.COMPLETED);
		assertThat(backfill.out()).contains("contact-backfill").contains("COMPLETED");
		int executions = executions("cli-poll");
		afterSettle(state("cli-poll").highWaterMark());

		Output quiet = fireFromTheCommandLine(connection);
		assertThat(quiet.code()).isEqualTo(RunExitCode.COMPLETED);
		assertThat(quiet.out()).startsWith("No change in contact for connection cli-poll from ").contains(": no run");
		assertThat(executions("cli-poll")).isEqualTo(executions);

		this.connections.pause("cli-poll");
		Output paused = fireFromTheCommandLine(connection);
		assertThat(paused.code()).isEqualTo(RunExitCode.COMPLETED);
		assertThat(paused.out()).contains("the connection is paused or deleted");
		assertThat(executions("cli-poll")).isEqualTo(executions);
	}

	private record Output(RunExitCode code, String out) {
	}

	private Output fireFromTheCommandLine(Properties parameters) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		RunExitCode code = this.runCommand.run("contact-inbound", parameters, true,
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Output(code, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
	}

	/** What a scheduled fire does: poll, and launch the run the poll names. */
	private JobExecution fire(String connectionId) {
		try (InboundPolls.Poll poll = poll(connectionId)) {
			Launch launch = poll.launch();
			assertThat(launch).as("a run to launch").isNotNull();
			return start(launch.jobName(), launch.parameters());
		}
	}

	private InboundPolls.Poll poll(String connectionId) {
		return this.polls.poll("contact-inbound", connectionId);
	}

	private SyncState state(String connectionId) {
		return this.states.find(connectionId, "contact", SyncState.INBOUND).orElseThrow();
	}

	/**
	 * Waits until a window ending after {@code instant} can be read: past the settle
	 * delay, on a whole second later.
	 */
	private Instant afterSettle(Instant instant) {
		Instant ready = instant.plus(this.properties.settleDelay()).plusSeconds(1);
		awaitUntil(java.time.Duration.ofSeconds(10), "the clock passes " + ready, () -> Instant.now().isAfter(ready));
		return instant;
	}

	private List<String> spans(String connectionId) {
		return this.jdbc.queryForList(
				"SELECT CONCAT_WS(' ', window_from, window_to, polls, api_calls) FROM sync_poll"
						+ " WHERE connection_id = ? AND object_type = 'contact' ORDER BY window_from",
				String.class, connectionId);
	}

	private int executions(String connectionId) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_NAME ="
				+ " 'connection' AND PARAMETER_VALUE = ?", Integer.class, connectionId);
	}

}
