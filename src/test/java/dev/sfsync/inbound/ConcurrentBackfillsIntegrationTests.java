package dev.sfsync.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.operations.JobParametersDefaults.Launch;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.system.SyncIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object type's first sync launched at once, as a fresh start's schedules do when
 * nothing orders them (the command line, or parents that failed), twenty times on the
 * real database: tasks and events write the same table, children's foreign keys point at
 * parents being written, and no run may die on a deadlock.
 */
class ConcurrentBackfillsIntegrationTests extends SyncIntegrationTestSupport {

	private static final int ROUNDS = Integer.getInteger("sfsync.backfills.rounds", 20);

	private static final int RECORDS = Integer.getInteger("sfsync.backfills.records", 40);

	@Autowired
	private InboundLaunches launches;

	@Autowired
	private JobCatalog catalog;

	@Test
	void everyBackfillAtOnceCompletesWithoutADeadlockTwentyTimes() throws Exception {
		EmulatorAdmin.Org org = admin.org("Concurrent Backfills Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed", Map.of("records", RECORDS, "badShare", 0.05, "seed", 31));
		List<JobDefinition> definitions = this.catalog.definitions();
		ExecutorService pool = Executors.newFixedThreadPool(definitions.size());
		List<String> failures = new ArrayList<>();
		try {
			for (int round = 1; round <= ROUNDS; round++) {
				String connection = "burst-" + round;
				connect(connection, org, null);
				List<Future<JobExecution>> runs = new ArrayList<>();
				for (JobDefinition definition : definitions) {
					Launch launch = this.launches.next(definition, connection);
					runs.add(pool.submit(() -> start(launch.jobName(), launch.parameters())));
				}
				for (Future<JobExecution> run : runs) {
					JobExecution execution = run.get();
					if (execution.getStatus() != BatchStatus.COMPLETED) {
						failures.add("round " + round + ": " + execution.getJobInstance().getJobName() + " "
								+ execution.getStatus() + " " + execution.getExitStatus().getExitDescription());
					}
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(failures).isEmpty();
		// Started at once, a task or event may be read before its contact is written: it
		// waits for it, and the object type's next run brings it in, pointing at its
		// contact.
		String last = "burst-" + ROUNDS;
		nextSecond();
		for (JobDefinition definition : definitions) {
			if (definition.table().equals("activities")) {
				Launch launch = this.launches.next(definition, last);
				assertThat(start(launch.jobName(), launch.parameters()).getStatus()).as(launch.jobName())
					.isEqualTo(BatchStatus.COMPLETED);
			}
		}
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM activities a JOIN contacts c ON c.id = a.contact_id"
				+ " WHERE a.connection_id = '" + last + "'", Integer.class))
			.as("the last round's activities point at their contacts")
			.isPositive();
	}

}
