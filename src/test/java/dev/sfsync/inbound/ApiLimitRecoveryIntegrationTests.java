package dev.sfsync.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.sfsync.operations.JobParametersDefaults.Launch;
import dev.sfsync.outcome.RunFailureCause;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.system.SyncIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection whose API allocation ran out recovers by itself once it resets: its runs
 * stop on the usage Salesforce last reported without calling, say when the usage is read
 * again, and the first scheduled fire after that reads it with one {@code /limits} call
 * and runs. No one reconnects.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = { "sfsync.inbound.settle-delay=1s", "sfsync.connections.usage-recheck=5s" })
class ApiLimitRecoveryIntegrationTests extends SyncIntegrationTestSupport {

	@Autowired
	private InboundPolls polls;

	@Test
	void runsStopWhileTheAllocationIsUsedUpAndTheNextFireAfterItsResetCompletes() {
		EmulatorAdmin.Org org = admin.org("Limit Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 5), "badShare", 0, "seed", 41));
		connect("limited", org, null);
		assertThat(fire().getStatus()).isEqualTo(BatchStatus.COMPLETED);

		// given the org's allocation is used up, then a run fails on Salesforce's refusal
		admin.post("/emulator/orgs/" + org.id() + "/faults/exhaust-api", Map.of());
		settled();
		JobExecution refused = fire();
		assertThat(refused.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(refused.getExitStatus().getExitCode()).isEqualTo(RunFailureCause.API_LIMIT_EXCEEDED.name());

		// and the next one stops on the usage it knows, before calling (Salesforce's own
		// refusal is "TotalRequests Limit exceeded"), and says when it looks again
		JobExecution stopped = fire();
		assertThat(stopped.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(stopped.getExitStatus().getExitDescription()).contains("API budget reached")
			.contains("sfsync reads the usage again from ")
			.doesNotContain("TotalRequests");

		// when the allocation resets, then the first fire after the recheck time reads
		// the usage once and the run completes
		admin.resetApiCalls(org);
		Instant due = Instant.now().plusSeconds(5);
		awaitUntil(Duration.ofSeconds(10), "the usage is due to be read again", () -> Instant.now().isAfter(due));
		JobExecution resumed = fire();
		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(admin.apiCalls(org)).containsEntry("limits", 1);
	}

	private JobExecution fire() {
		try (InboundPolls.Poll poll = this.polls.poll("account-inbound", "limited")) {
			Launch launch = poll.launch();
			assertThat(launch).as(poll.summary()).isNotNull();
			return start(launch.jobName(), launch.parameters());
		}
	}

}
