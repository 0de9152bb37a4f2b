package dev.sfsync.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.inbound.InboundLaunches;
import dev.sfsync.system.SyncIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled launches run off the scheduler's thread, on a bounded pool with a limit per
 * connection, against an emulated org over HTTP: a slow tenant's backfill neither holds
 * the caller nor keeps another tenant's run from completing, its second run waits for a
 * later fire, and the slots come back when its run ends.
 */
@TestPropertySource(properties = { "sfsync.scheduling.launch-threads=2", "sfsync.scheduling.runs-per-connection=1" })
class ScheduledLaunchesIntegrationTests extends SyncIntegrationTestSupport {

	@Autowired
	private ScheduledLaunches launches;

	@Autowired
	private JobRepository repository;

	@Autowired
	private MeterRegistry meters;

	@Test
	void aSlowTenantsBackfillHoldsNeitherTheCallerNorTheOtherTenantsAndItsWaitingFireRunsWhenItEnds() throws Exception {
		EmulatorAdmin.Org slowOrg = admin.org("Slow Org", Map.of());
		admin.post("/emulator/orgs/" + slowOrg.id() + "/seed",
				Map.of("objects", Map.of("Account", 2, "Contact", 5), "badShare", 0, "seed", 31));
		EmulatorAdmin.Org fastOrg = admin.org("Fast Org", Map.of());
		admin.post("/emulator/orgs/" + fastOrg.id() + "/seed",
				Map.of("objects", Map.of("Account", 2, "Contact", 5), "badShare", 0, "seed", 32));
		connect("slow", slowOrg, null);
		connect("fast", fastOrg, null);
		admin.send("PUT", "/emulator/orgs/" + slowOrg.id() + "/faults", Map.of("latencyMillis", 3000));
		Instant to = Instant.now().minusSeconds(1);
		AtomicInteger ended = new AtomicInteger();
		AtomicInteger firedAgain = new AtomicInteger();

		JobExecution slow = this.launches.launch(this.registry.getJob("contact-backfill"),
				InboundLaunches.parameters("slow", Instant.EPOCH, to), "slow", "contact", ended::incrementAndGet,
				firedAgain::incrementAndGet);

		assertThat(slow).isNotNull();
		assertThat(slow.getStatus().isRunning()).as("launched in the background").isTrue();
		assertThat(ended).hasValue(0);
		JobExecution second = this.launches.launch(this.registry.getJob("account-backfill"),
				InboundLaunches.parameters("slow", Instant.EPOCH, to), "slow", "account", ended::incrementAndGet,
				firedAgain::incrementAndGet);
		assertThat(second).as("the slow connection has its one run going").isNull();
		assertThat(ended).as("nothing launched: done at once").hasValue(1);
		assertThat(this.meters.counter("sfsync.schedule.deferred", "object", "account", "reason", "connection").count())
			.isEqualTo(1);

		JobExecution fast = this.launches.launch(this.registry.getJob("contact-backfill"),
				InboundLaunches.parameters("fast", Instant.EPOCH, to), "fast", "contact", ended::incrementAndGet,
				firedAgain::incrementAndGet);
		assertThat(fast).isNotNull();
		awaitUntil(Duration.ofSeconds(30), "the fast tenant's run ends", () -> !status(fast).isRunning());
		assertThat(status(fast)).isEqualTo(BatchStatus.COMPLETED);
		assertThat(status(slow).isRunning()).as("the slow tenant's backfill is still going").isTrue();
		assertThat(firedAgain).as("the fast tenant's run made no room for the slow tenant's waiting fire").hasValue(0);

		admin.send("DELETE", "/emulator/orgs/" + slowOrg.id() + "/faults", null);
		awaitUntil(Duration.ofSeconds(60), "the slow tenant's run ends", () -> ended.get() == 3);
		assertThat(status(slow)).isEqualTo(BatchStatus.COMPLETED);
		awaitUntil(Duration.ofSeconds(5), "the slow tenant's waiting fire is fired again once its run ended",
				() -> firedAgain.get() == 1);
		assertThat(this.launches.running()).isZero();
		JobExecution later = this.launches.launch(this.registry.getJob("account-backfill"),
				InboundLaunches.parameters("slow", Instant.EPOCH, to), "slow", "account", ended::incrementAndGet,
				firedAgain::incrementAndGet);
		assertThat(later).as("a later fire has room again").isNotNull();
		awaitUntil(Duration.ofSeconds(30), "the later run ends", () -> ended.get() == 4);
		assertThat(status(later)).isEqualTo(BatchStatus.COMPLETED);
	}

	private BatchStatus status(JobExecution execution) {
		return this.repository.getJobExecution(execution.getId()).getStatus();
	}

}
