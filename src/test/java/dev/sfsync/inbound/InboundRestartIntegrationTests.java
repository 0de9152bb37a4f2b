package dev.sfsync.inbound;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.sfsync.connection.AuthFlow;
import dev.sfsync.connection.ConnectionRequest;
import dev.sfsync.connection.Credentials;
import dev.sfsync.operations.RunExitCode;
import dev.sfsync.outcome.RunFailureCause;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.system.SyncIntegrationTestSupport;
import dev.sfsync.system.TestCatalogs;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs that Salesforce fails in the middle of a step: restarted with the same parameters,
 * they end with exactly the rows of an uninterrupted run, and whole-run failures end with
 * the cause users see and the process exit code operators script against.
 */
class InboundRestartIntegrationTests extends SyncIntegrationTestSupport {

	private static final int PAGE = 200;

	private static final int CHUNK = 500;

	private static final int BACKFILL = 1000;

	/**
	 * The shipped catalog with Contact's sizes made small, so that a few thousand records
	 * span the pages and chunks a run fails between: SOQL pages of 200, chunks of 500,
	 * Bulk result pages of 1,000.
	 */
	@DynamicPropertySource
	static void smallContactSizes(DynamicPropertyRegistry registry) {
		Path catalog = TestCatalogs.copyOfShipped();
		TestCatalogs.replaceLine(catalog, "contact.yaml", "  page: 2000", "  page: " + PAGE);
		TestCatalogs.replaceLine(catalog, "contact.yaml", "  chunk: 5000", "  chunk: " + CHUNK);
		TestCatalogs.replaceLine(catalog, "contact.yaml", "  backfill: 50000", "  backfill: " + BACKFILL);
		registry.add("sfsync.catalog.location", () -> catalog.toUri().toString());
	}

	@Test
	void anIncrementalRunFailedMidStepResumesToTheRowsOfAnUninterruptedRun() throws Exception {
		// Six pages, three chunks.
		int contacts = 6 * PAGE;
		EmulatorAdmin.Org org = admin.org("Flaky Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 50, "Contact", contacts), "badShare", 0.05, "seed", 21));
		connect("steady", org, null);
		connect("flaky", org, null);
		Instant to = Instant.now().minusSeconds(1);

		JobExecution uninterrupted = start("contact-inbound", InboundLaunches.parameters("steady", Instant.EPOCH, to));
		JobExecution failed = failMidStep(org, "contact-inbound",
				InboundLaunches.parameters("flaky", Instant.EPOCH, to));
		JobExecution restarted = start("contact-inbound", failed.getJobParameters());

		assertThat(uninterrupted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
		assertThat(stepCount(restarted, "READ_COUNT")).as("the restart resumed after the last committed chunk")
			.isLessThan(contacts)
			.isEqualTo(contacts - CHUNK * stepCount(failed, "COMMIT_COUNT"));
		assertSameRowsAndOutcomes(uninterrupted, List.of(failed, restarted));
	}

	@Test
	void aBackfillFailedMidStepResumesItsBulkJobInsteadOfCreatingAnother() throws Exception {
		EmulatorAdmin.Org org = admin.org("Bulk Org", Map.of());
		// Three result pages: the reader loads one page ahead, so the outage after the
		// first chunk is met by the third page.
		admin.post("/emulator/orgs/" + org.id() + "/seed", Map.of("objects",
				Map.of("Account", 50, "Contact", 2 * BACKFILL + BACKFILL / 5), "badShare", 0.01, "seed", 22));
		connect("bulk-steady", org, null);
		connect("bulk-flaky", org, null);
		Instant to = Instant.now().minusSeconds(1);

		JobExecution uninterrupted = start("contact-backfill",
				InboundLaunches.parameters("bulk-steady", Instant.EPOCH, to));
		admin.send("DELETE", "/emulator/orgs/" + org.id() + "/api-calls", null);
		JobExecution failed = failMidStep(org, "contact-backfill",
				InboundLaunches.parameters("bulk-flaky", Instant.EPOCH, to));
		JobExecution restarted = start("contact-backfill", failed.getJobParameters());

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(admin.send("GET", "/emulator/orgs/" + org.id() + "/api-calls", null)
			.path("byKind")
			.path("bulk-query-create")
			.asInt()).as("one Bulk query job for the failed run and its restart").isEqualTo(1);
		assertSameRowsAndOutcomes(uninterrupted, List.of(failed, restarted));
	}

	@Test
	void authenticationPermissionAndApiLimitFailuresFailTheRunWithTheirExitCodes() throws Exception {
		EmulatorAdmin.Org org = admin.org("Fault Org", Map.of("unreadableObjects", List.of("Opportunity")));
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 5, "Contact", 20, "Opportunity", 5), "badShare", 0, "seed", 23));
		connect("faults", org, null);
		this.connections.create(new ConnectionRequest("wrong-password", null, emulator.baseUrl(),
				AuthFlow.USERNAME_PASSWORD, org.consumerKey(), org.username(),
				new Credentials(org.consumerSecret(), "not-the-password", null, null), null, null, null));
		Instant to = Instant.now().minusSeconds(1);

		assertFailure(start("contact-inbound", InboundLaunches.parameters("wrong-password", Instant.EPOCH, to)),
				RunFailureCause.AUTHENTICATION_FAILURE, RunExitCode.AUTHENTICATION_FAILURE);
		assertFailure(start("opportunity-inbound", InboundLaunches.parameters("faults", Instant.EPOCH, to)),
				RunFailureCause.INSUFFICIENT_PERMISSIONS, RunExitCode.INSUFFICIENT_PERMISSIONS);
		admin.post("/emulator/orgs/" + org.id() + "/faults/exhaust-api", Map.of());
		assertFailure(start("contact-inbound", InboundLaunches.parameters("faults", Instant.EPOCH, to)),
				RunFailureCause.API_LIMIT_EXCEEDED, RunExitCode.API_LIMIT_EXCEEDED);
	}

	private void assertFailure(JobExecution execution, RunFailureCause cause, RunExitCode exitCode) {
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo(cause.name());
		assertThat(execution.getExitStatus().getExitDescription()).startsWith(cause.message())
			.contains(cause.whatToDo());
		assertThat(RunExitCode.of(execution)).isEqualTo(exitCode);
	}

	/**
	 * Runs a job with every Salesforce call held up for a second, and makes Salesforce
	 * unavailable once the first chunk of pull-updates has committed: the call for the
	 * next page, held up at that moment, fails.
	 */
	private JobExecution failMidStep(EmulatorAdmin.Org org, String job, JobParameters parameters) throws Exception {
		admin.send("PUT", "/emulator/orgs/" + org.id() + "/faults", Map.of("latencyMillis", 1000));
		CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(() -> start(job, parameters));
		await("the first chunk committed").atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(20))
			.failFast("the run ended before it could fail mid-step", run::isDone)
			.until(() -> committedChunks(parameters) >= 1);
		admin.send("PUT", "/emulator/orgs/" + org.id() + "/faults", Map.of("unavailableRate", 1.0));
		try {
			return run.get(90, TimeUnit.SECONDS);
		}
		finally {
			admin.send("DELETE", "/emulator/orgs/" + org.id() + "/faults", null);
		}
	}

	private int committedChunks(JobParameters parameters) {
		return this.jdbc.queryForObject("SELECT COALESCE(MAX(s.COMMIT_COUNT), 0) FROM BATCH_STEP_EXECUTION s JOIN"
				+ " BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID AND p.PARAMETER_NAME ="
				+ " 'connection' WHERE p.PARAMETER_VALUE = ? AND s.STEP_NAME = 'pull-updates'", Integer.class,
				parameters.getString("connection"));
	}

	private long stepCount(JobExecution execution, String column) {
		return this.jdbc.queryForObject("SELECT " + column + " FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
				+ " AND STEP_NAME = 'pull-updates'", Long.class, execution.getId());
	}

	/**
	 * The interrupted connection's rows equal the uninterrupted one's, and across its two
	 * executions every record has exactly one outcome.
	 */
	private void assertSameRowsAndOutcomes(JobExecution uninterrupted, List<JobExecution> interrupted) {
		String steady = uninterrupted.getJobParameters().getString("connection");
		String flaky = interrupted.get(0).getJobParameters().getString("connection");
		String columns = "salesforce_contact_id, email, first_name, last_name, title, phone, salesforce_account_id,"
				+ " company_id IS NULL, external_created_at, external_updated_at, deleted";
		assertThat(this.jdbc.queryForList(
				"SELECT " + columns + " FROM contacts WHERE connection_id = ? ORDER BY" + " salesforce_contact_id",
				flaky))
			.isEqualTo(this.jdbc.queryForList(
					"SELECT " + columns + " FROM contacts WHERE connection_id = ? ORDER BY salesforce_contact_id",
					steady));
		String outcomes = "SELECT salesforce_id, outcome, reason FROM sync_record_outcome WHERE connection_id = ?"
				+ " ORDER BY salesforce_id, outcome";
		assertThat(this.jdbc.queryForList(outcomes, flaky)).isEqualTo(this.jdbc.queryForList(outcomes, steady));
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) - COUNT(DISTINCT salesforce_id) FROM" + " sync_record_outcome WHERE connection_id = ?",
				Integer.class, flaky))
			.as("no record was written twice")
			.isZero();
		long written = 0;
		for (JobExecution execution : interrupted) {
			written += stepCount(execution, "WRITE_COUNT");
		}
		assertThat(written).isEqualTo(stepCount(uninterrupted, "WRITE_COUNT"));
	}

}
