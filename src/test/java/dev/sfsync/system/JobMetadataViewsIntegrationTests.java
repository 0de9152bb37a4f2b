package dev.sfsync.system;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.sfsync.operations.RunFailureListener;
import dev.sfsync.outcome.ClassifiedFailure;
import dev.sfsync.outcome.RunFailureCause;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job metadata views and every query of the operations guide's "Querying the job
 * metadata", run as written, over runs launched through the JobOperator and runs planted
 * through the JobRepository.
 */
class JobMetadataViewsIntegrationTests extends IntegrationTestSupport {

	private static final String DAY = "2026-12-01T";

	@Autowired
	JobOperator operator;

	@Autowired
	JobRepository repository;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	JdbcTemplate jdbc;

	/** What the contact-inbound test job reads from "Salesforce" in its next run. */
	private final Deque<String> salesforceRecords = new ArrayDeque<>();

	private boolean loginRejected;

	private LocalDateTime now;

	private long backfill;

	private long completed;

	private long failed;

	private long restarted;

	private long rateLimited;

	private long afterGap;

	private long running;

	private long outbound;

	private long oldInvoiceFailure;

	private long retention;

	private long overlapping;

	private long oldAccounts;

	@BeforeEach
	void plantRunsAndOutcomes() throws Exception {
		TestDatabase.get().reset();
		this.now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
		runAcmeContacts();
		plantOtherRuns();
		recordOutcomes();
	}

	/**
	 * A backfill, then windows 08:00-08:05, 08:05-08:10 (failed, then restarted),
	 * 08:10-08:15 (failed, never restarted: the gap), 08:15-08:20 and 08:20-08:25 (still
	 * running). The runs of 08:00-08:05 and 08:05-08:10 are launched through the
	 * JobOperator, the others planted.
	 */
	private void runAcmeContacts() throws Exception {
		Job contactInbound = contactInboundJob();
		this.backfill = plant("contact-backfill", window("acme", "1970-01-01T00:00:00Z", DAY + "08:00:00Z"),
				BatchStatus.COMPLETED, ExitStatus.COMPLETED, this.now.minusHours(6), this.now.minusHours(5));
		step(this.backfill, "pull-updates").read(1200).created(1190).filtered(10).save();
		this.salesforceRecords.addAll(List.of("new:1", "new:2", "new:3", "new:4", "old:5", "old:6", "skip:7", "skip:8",
				"bad:9", "unreadable:10"));
		this.completed = this.operator.start(contactInbound, window("acme", DAY + "08:00:00Z", DAY + "08:05:00Z"))
			.getId();
		this.loginRejected = true;
		this.failed = this.operator.start(contactInbound, window("acme", DAY + "08:05:00Z", DAY + "08:10:00Z")).getId();
		this.loginRejected = false;
		this.salesforceRecords.add("new:11");
		this.restarted = this.operator.start(contactInbound, window("acme", DAY + "08:05:00Z", DAY + "08:10:00Z"))
			.getId();
		this.rateLimited = plant("contact-inbound", window("acme", DAY + "08:10:00Z", DAY + "08:15:00Z"),
				BatchStatus.FAILED, failure(RunFailureCause.API_LIMIT_EXCEEDED), this.now.minusHours(2),
				this.now.minusHours(2).plusSeconds(30));
		step(this.rateLimited, "pull-updates").status(BatchStatus.FAILED)
			.read(2000)
			.created(1500)
			.updated(497)
			.filtered(3)
			.save();
		this.afterGap = plant("contact-inbound", window("acme", DAY + "08:15:00Z", DAY + "08:20:00Z"),
				BatchStatus.COMPLETED, ExitStatus.COMPLETED, this.now.minusMinutes(90), this.now.minusMinutes(89));
		step(this.afterGap, "pull-updates").read(40).created(10).updated(25).filtered(4).processSkips(1).save();
		step(this.afterGap, "pull-deletes").read(3).deleted(3).save();
		// Polls that found nothing after the restarted run narrow the gap to 08:12-08:15.
		poll("acme", "contact", DAY + "08:10:00Z", DAY + "08:12:00Z");
		this.running = plant("contact-inbound", window("acme", DAY + "08:20:00Z", DAY + "08:25:00Z"),
				BatchStatus.STARTED, ExitStatus.EXECUTING, this.now.minusMinutes(3), null);
		step(this.running, "pull-updates").status(BatchStatus.STARTED).read(4000).created(3000).save();
	}

	/** A span of polls that found nothing, as the scheduler records it. */
	private void poll(String connectionId, String objectType, String from, String to) {
		this.jdbc.update(
				"INSERT INTO sync_poll (connection_id, object_type, window_from, window_to, polls, api_calls,"
						+ " first_poll_at, last_poll_at) VALUES (?, ?, ?, ?, 3, 3, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))",
				connectionId, objectType, from, to);
	}

	private void plantOtherRuns() {
		// globex/contact: contiguous windows that span acme's gap.
		for (String[] window : new String[][] { { "08:00", "08:05" }, { "08:05", "08:10" }, { "08:10", "08:15" } }) {
			long run = plant("contact-inbound", window("globex", DAY + window[0] + ":00Z", DAY + window[1] + ":00Z"),
					BatchStatus.COMPLETED, ExitStatus.COMPLETED, this.now.minusHours(4), this.now.minusHours(4));
			step(run, "pull-updates").read(10).updated(9).filtered(1).save();
		}

		// globex/contact: then polls that found nothing, with no gap either.
		poll("globex", "contact", DAY + "08:15:00Z", DAY + "08:40:00Z");

		// acme/opportunity-contact-role: overlapping windows that span 08:10-08:15.
		this.overlapping = plantOpportunityContactRoles("08:00", "08:10");
		plantOpportunityContactRoles("08:05", "08:15");
		plantOpportunityContactRoles("08:15", "08:20");

		this.oldInvoiceFailure = plant("invoice__c-inbound", window("acme", DAY + "07:00:00Z", DAY + "07:05:00Z"),
				BatchStatus.FAILED, failure(RunFailureCause.INSUFFICIENT_PERMISSIONS), this.now.minusDays(3),
				this.now.minusDays(3));
		step(this.oldInvoiceFailure, "sync-schema").status(BatchStatus.FAILED).save();
		this.oldAccounts = plant("account-inbound", window("acme", "2026-11-20T08:00:00Z", "2026-11-20T08:05:00Z"),
				BatchStatus.COMPLETED, ExitStatus.COMPLETED, this.now.minusDays(10), this.now.minusDays(10));
		step(this.oldAccounts, "pull-updates").read(20).created(15).filtered(5).save();
		this.outbound = plant("contact-outbound",
				new JobParametersBuilder().addString("connection", "acme")
					.addString("outboxFrom", "101")
					.addString("outboxTo", "180")
					.toJobParameters(),
				BatchStatus.COMPLETED, ExitStatus.COMPLETED, this.now.minusHours(1), this.now.minusHours(1));
		step(this.outbound, "push-updates").read(80)
			.updated(75)
			.filtered(3)
			.writeSkips(2)
			.commits(1)
			.rollbacks(2)
			.save();
		this.retention = plant("activity-retention",
				new JobParametersBuilder().addString("runDate", "2026-12-01").toJobParameters(), BatchStatus.COMPLETED,
				ExitStatus.COMPLETED, this.now.minusMinutes(30), this.now.minusMinutes(30));
		step(this.retention, "purge-record-outcomes").read(7).save();
	}

	private void recordOutcomes() {
		long pullUpdates = stepId(this.completed, "pull-updates");
		outcome(this.completed, pullUpdates, "CREATED", null, "003000000000001AAA", this.now.minusSeconds(4));
		outcome(this.completed, pullUpdates, "FAILED", "MALFORMED_DATA", "003000000000009AAA",
				this.now.minusSeconds(3));
		outcome(this.completed, pullUpdates, "FAILED", "MALFORMED_DATA", "003000000000010AAA",
				this.now.minusSeconds(3));
		outcome(this.completed, pullUpdates, "SKIPPED", "MISSING_EMAIL_ADDRESS", "003000000000007AAA",
				this.now.minusSeconds(2));
		outcome(this.completed, pullUpdates, "SKIPPED", "MISSING_EMAIL_ADDRESS", "003000000000008AAA",
				this.now.minusSeconds(1));
		outcome(this.afterGap, stepId(this.afterGap, "pull-updates"), "SKIPPED", "INVALID_EMAIL_ADDRESS",
				"003000000000012AAA", this.now.minusMinutes(89));
		long pushUpdates = stepId(this.outbound, "push-updates");
		outcome(this.outbound, pushUpdates, "SKIPPED", "OBJECT_WRITE_DISABLED", "003000000000013AAA",
				this.now.minusHours(1));
		outcome(this.outbound, pushUpdates, "FAILED", "REQUIRED_FIELD_MISSING", "003000000000014AAA",
				this.now.minusHours(1));
		outcome(this.outbound, pushUpdates, "FAILED", "REQUIRED_FIELD_MISSING", "003000000000015AAA",
				this.now.minusHours(1));
		outcome(this.oldAccounts, stepId(this.oldAccounts, "pull-updates"), "SKIPPED", "MISSING_EMAIL_ADDRESS",
				"003000000000016AAA", this.now.minusDays(10));
	}

	@Test
	void theReadmeSectionHoldsExactlyTheQueriesTestedHere() throws IOException {
		assertThat(readmeQueries().keySet()).containsExactly(
				"Failed runs of the last day, newest first, with their cause",
				"Gaps between the windows that completed runs and polls covered, per connection and object type",
				"Records with one reason in the last 7 days, newest first",
				"Runs in progress, oldest first, with how long they have been running",
				"Runs, skipped and failed records per connection, object type and direction in the last 7 days",
				"Skipped and failed records per connection, object type and reason in the last 7 days");
	}

	@Test
	void syncRunsShowsEachRunWithItsObjectDirectionConnectionWindowAndSummedStepCounts() {
		assertThat(columns("sync_runs")).containsExactly("job_execution_id", "job_instance_id", "job_name",
				"object_type", "direction", "connection_id", "window_from", "window_to", "outbox_from", "outbox_to",
				"status", "exit_code", "exit_message", "start_time", "end_time", "duration_seconds", "read_count",
				"created_count", "updated_count", "deleted_count", "skipped_count", "failed_count");
		assertThat(count("sync_runs")).isEqualTo(count("BATCH_JOB_EXECUTION")).isEqualTo(17);
		String columns = "job_name, object_type, direction, connection_id, window_from, window_to, outbox_from,"
				+ " outbox_to, status, exit_code, read_count, created_count, updated_count, deleted_count,"
				+ " skipped_count, failed_count";
		assertThat(runLine(columns, this.completed)).isEqualTo("contact-inbound contact inbound acme " + DAY
				+ "08:00:00Z " + DAY + "08:05:00Z null null COMPLETED COMPLETED 9 4 2 0 2 2");
		assertThat(runLine(columns, this.afterGap)).isEqualTo("contact-inbound contact inbound acme " + DAY
				+ "08:15:00Z " + DAY + "08:20:00Z null null COMPLETED COMPLETED 43 10 25 3 4 1");
		assertThat(runLine(columns, this.backfill)).isEqualTo("contact-backfill contact backfill acme"
				+ " 1970-01-01T00:00:00Z " + DAY + "08:00:00Z null null COMPLETED COMPLETED 1200 1190 0 0 10 0");
		assertThat(runLine(columns, this.overlapping))
			.isEqualTo("opportunity-contact-role-inbound opportunity-contact-role inbound acme " + DAY + "08:00:00Z "
					+ DAY + "08:10:00Z null null COMPLETED COMPLETED 5 5 0 0 0 0");
		assertThat(runLine(columns, this.oldInvoiceFailure)).isEqualTo("invoice__c-inbound invoice__c inbound acme "
				+ DAY + "07:00:00Z " + DAY + "07:05:00Z null null FAILED INSUFFICIENT_PERMISSIONS 0 0 0 0 0 0");
		assertThat(runLine(columns, this.outbound))
			.isEqualTo("contact-outbound contact outbound acme null null 101 180 COMPLETED COMPLETED 80 0 75 0 3 2");
		assertThat(runLine(columns, this.retention))
			.isEqualTo("activity-retention null null null null null null null COMPLETED COMPLETED 7 0 0 0 0 0");
	}

	@Test
	void syncRunsTimesARunFromStartToEndAndLeavesARunningOneOpen() {
		// Given in SQL: Connector/J sends no fractional seconds to MariaDB 10.11, whose
		// handshake version (5.5.5-10.11) it reads as older than MySQL 5.6.4.
		this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET END_TIME = DATE_ADD(START_TIME, INTERVAL 60250000 MICROSECOND)"
				+ " WHERE JOB_EXECUTION_ID = ?", this.afterGap);

		assertThat(runLine("duration_seconds", this.afterGap)).isEqualTo("60.25");
		assertThat(runLine("start_time, end_time, duration_seconds, status", this.running))
			.isEqualTo(this.now.minusMinutes(3) + " null null STARTED");
		assertThat(runLine("end_time >= start_time, duration_seconds >= 0", this.completed)).isEqualTo("1 1");
	}

	@Test
	void syncStepsShowsEachStepWithItsCounts() {
		assertThat(columns("sync_steps")).containsExactly("step_execution_id", "job_execution_id", "job_name",
				"step_name", "status", "exit_code", "exit_message", "start_time", "end_time", "duration_seconds",
				"read_count", "created_count", "updated_count", "deleted_count", "skipped_count", "failed_count",
				"commit_count", "rollback_count");
		assertThat(count("sync_steps")).isEqualTo(count("BATCH_STEP_EXECUTION"));
		String columns = "job_name, step_name, status, read_count, created_count, updated_count, deleted_count,"
				+ " skipped_count, failed_count";
		assertThat(lines("SELECT " + columns + " FROM sync_steps WHERE job_execution_id IN (?, ?)"
				+ " ORDER BY job_execution_id, step_execution_id", this.completed, this.afterGap))
			.containsExactly("contact-inbound sync-schema COMPLETED 0 0 0 0 0 0",
					"contact-inbound pull-updates COMPLETED 9 4 2 0 2 2",
					"contact-inbound pull-updates COMPLETED 40 10 25 0 4 1",
					"contact-inbound pull-deletes COMPLETED 3 0 0 3 0 0");
		assertThat(lines("SELECT job_name, step_name, failed_count, commit_count, rollback_count FROM sync_steps"
				+ " WHERE job_execution_id = ?", this.outbound))
			.containsExactly("contact-outbound push-updates 2 1 2");
	}

	@Test
	void syncFailedRunsShowsEachFailedRunWithItsCauseMessageAndRestart() {
		assertThat(lines("SELECT job_execution_id, job_name, connection_id, window_from, cause,"
				+ " completed_by_execution_id FROM sync_failed_runs ORDER BY job_execution_id"))
			.containsExactly(
					this.failed + " contact-inbound acme " + DAY + "08:05:00Z AUTHENTICATION_FAILURE " + this.restarted,
					this.rateLimited + " contact-inbound acme " + DAY + "08:10:00Z API_LIMIT_EXCEEDED null",
					this.oldInvoiceFailure + " invoice__c-inbound acme " + DAY
							+ "07:00:00Z INSUFFICIENT_PERMISSIONS null");
		assertThat(this.jdbc.queryForObject("SELECT message FROM sync_failed_runs WHERE job_execution_id = ?",
				String.class, this.failed))
			.startsWith("Authentication failure. ")
			.contains(RunFailureCause.AUTHENTICATION_FAILURE.whatToDo())
			.contains("Detail: LoginRejected: invalid_grant");
	}

	@Test
	void syncFailedRunsShowsStoppedRunsAndTheOutboundRunThatContinuedOne() {
		// given a stopped outbound run, and a later completed one whose range starts
		// within its range, and a failed one after them that nothing continued yet
		long stopped = plant("contact-outbound", outbox("acme", 90, 120), BatchStatus.STOPPED, ExitStatus.STOPPED,
				this.now.minusHours(2), this.now.minusHours(2));
		long continuation = plant("contact-outbound", outbox("acme", 95, 130), BatchStatus.COMPLETED,
				ExitStatus.COMPLETED, this.now.minusMinutes(100), this.now.minusMinutes(100));
		long failedOutbound = plant("contact-outbound", outbox("acme", 181, 200), BatchStatus.FAILED,
				failure(RunFailureCause.PROCESS_DIED), this.now.minusMinutes(50), this.now.minusMinutes(50));
		long otherTenant = plant("contact-outbound", outbox("globex", 1, 120), BatchStatus.FAILED,
				failure(RunFailureCause.PROCESS_DIED), this.now.minusHours(2), this.now.minusHours(2));

		assertThat(lines("SELECT job_execution_id, status, cause, completed_by_execution_id, continued"
				+ " FROM sync_failed_runs WHERE direction = 'outbound' ORDER BY job_execution_id"))
			.containsExactly(stopped + " STOPPED STOPPED " + continuation + " 1",
					failedOutbound + " FAILED PROCESS_DIED null 0", otherTenant + " FAILED PROCESS_DIED null 0");
		assertThat(lines("SELECT completed_by_execution_id, continued FROM sync_failed_runs WHERE job_execution_id = ?",
				this.failed))
			.as("a restart of the same instance completed it")
			.containsExactly(this.restarted + " 0");
	}

	private static JobParameters outbox(String connection, long from, long to) {
		return new JobParametersBuilder().addString("connection", connection)
			.addString("outboxFrom", Long.toString(from))
			.addString("outboxTo", Long.toString(to))
			.toJobParameters();
	}

	@Test
	void theFailedRunsQueryFindsTheLastDaysFailuresNewestFirst() throws IOException {
		List<Map<String, Object>> rows = this.jdbc
			.queryForList(readmeQuery("Failed runs of the last day, newest first, with their cause"));

		assertThat(lines(rows, "job_execution_id", "job_name", "connection_id", "window_from", "window_to", "cause",
				"completed_by_execution_id"))
			.containsExactly(
					this.failed + " contact-inbound acme " + DAY + "08:05:00Z " + DAY
							+ "08:10:00Z AUTHENTICATION_FAILURE " + this.restarted,
					this.rateLimited + " contact-inbound acme " + DAY + "08:10:00Z " + DAY
							+ "08:15:00Z API_LIMIT_EXCEEDED null");
		assertThat((String) rows.get(1).get("message"))
			.isEqualTo(failure(RunFailureCause.API_LIMIT_EXCEEDED).getExitDescription());
	}

	@Test
	void theGapQueryFindsExactlyTheWindowThatNoCompletedRunOrPollCovered() throws IOException {
		List<Map<String, Object>> rows = this.jdbc.queryForList(readmeQuery(
				"Gaps between the windows that completed runs and polls covered, per connection and object type"));

		assertThat(
				lines(rows, "connection_id", "object_type", "previous_covered_by", "gap_from", "covered_by", "gap_to"))
			.containsExactly("acme contact polls " + DAY + "08:10:00Z to " + DAY + "08:12:00Z " + DAY + "08:12:00Z run "
					+ this.afterGap + " " + DAY + "08:15:00Z");
	}

	@Test
	void theReasonQueryFindsTheRecordsWithThatReasonInTheLastWeekNewestFirst() throws IOException {
		List<Map<String, Object>> rows = this.jdbc
			.queryForList(readmeQuery("Records with one reason in the last 7 days, newest first"));

		assertThat(lines(rows, "connection_id", "job_name", "job_execution_id", "step_name", "outcome", "reason",
				"salesforce_id"))
			.containsExactly(
					"acme contact-inbound " + this.completed
							+ " pull-updates SKIPPED MISSING_EMAIL_ADDRESS 003000000000008AAA",
					"acme contact-inbound " + this.completed
							+ " pull-updates SKIPPED MISSING_EMAIL_ADDRESS 003000000000007AAA");
	}

	@Test
	void theInProgressQueryFindsTheRunningRunAndHowLongItHasRun() throws IOException {
		List<Map<String, Object>> rows = this.jdbc
			.queryForList(readmeQuery("Runs in progress, oldest first, with how long they have been running"));

		assertThat(lines(rows, "job_execution_id", "job_name", "connection_id", "window_from", "status", "read_count",
				"created_count"))
			.containsExactly(this.running + " contact-inbound acme " + DAY + "08:20:00Z STARTED 4000 3000");
		assertThat(((Number) rows.get(0).get("running_seconds")).longValue()).isBetween(180L, 300L);
	}

	@Test
	void thePerObjectQuerySumsTheLastWeeksRunsMostFailuresFirst() throws IOException {
		List<Map<String, Object>> rows = this.jdbc.queryForList(readmeQuery(
				"Runs, skipped and failed records per connection, object type and direction in the last 7 days"));

		assertThat(lines(rows, "connection_id", "object_type", "direction", "runs", "failed_runs", "records_read",
				"records_skipped", "records_failed"))
			.containsExactly("acme contact inbound 6 2 6053 9 3", "acme contact outbound 1 0 80 3 2",
					"acme contact backfill 1 0 1200 10 0", "globex contact inbound 3 0 30 3 0",
					"acme invoice__c inbound 1 1 0 0 0", "acme opportunity-contact-role inbound 3 0 15 0 0");
	}

	@Test
	void thePerReasonQueryCountsTheLastWeeksSkippedAndFailedRecordsByReason() throws IOException {
		List<Map<String, Object>> rows = this.jdbc.queryForList(
				readmeQuery("Skipped and failed records per connection, object type and reason in the last 7 days"));

		assertThat(lines(rows, "connection_id", "object_type", "outcome", "reason", "records")).containsExactly(
				"acme Contact FAILED MALFORMED_DATA 2", "acme Contact FAILED REQUIRED_FIELD_MISSING 2",
				"acme Contact SKIPPED MISSING_EMAIL_ADDRESS 2", "acme Contact SKIPPED INVALID_EMAIL_ADDRESS 1",
				"acme Contact SKIPPED OBJECT_WRITE_DISABLED 1");
	}

	/**
	 * A tiny {@code contact-inbound}: {@code sync-schema} fails as Salesforce rejecting
	 * the login while {@link #loginRejected}, {@code pull-updates} reads
	 * {@link #salesforceRecords} and counts like the real inbound steps: {@code skip:}
	 * records are filtered with a reason, {@code bad:} and {@code unreadable:} ones are
	 * skipped by the skip policy, {@code new:} ones created and {@code old:} ones
	 * updated.
	 */
	private Job contactInboundJob() {
		Step syncSchema = new StepBuilder("sync-schema", this.repository).tasklet((contribution, context) -> {
			if (this.loginRejected) {
				throw new LoginRejected();
			}
			return RepeatStatus.FINISHED;
		}, this.transactionManager).build();
		Step pullUpdates = new StepBuilder("pull-updates", this.repository).<String, String>chunk(3)
			.transactionManager(this.transactionManager)
			.reader(() -> {
				String record = this.salesforceRecords.poll();
				if (record != null && record.startsWith("unreadable:")) {
					throw new MalformedRecord(record);
				}
				return record;
			})
			.processor((record) -> {
				if (record.startsWith("bad:")) {
					throw new MalformedRecord(record);
				}
				return record.startsWith("skip:") ? null : record;
			})
			.writer(this::countWrites)
			.faultTolerant()
			.skip(MalformedRecord.class)
			.skipLimit(10)
			.build();
		return new JobBuilder("contact-inbound", this.repository).listener(new RunFailureListener())
			.start(syncSchema)
			.next(pullUpdates)
			.build();
	}

	private void countWrites(Chunk<? extends String> chunk) {
		long created = chunk.getItems().stream().filter((record) -> record.startsWith("new:")).count();
		long stepExecutionId = StepSynchronizationManager.getContext().getStepExecution().getId();
		this.jdbc.update("""
				INSERT INTO sync_step_counts (step_execution_id, created_count, updated_count) VALUES (?, ?, ?)
				ON DUPLICATE KEY UPDATE created_count = created_count + ?, updated_count = updated_count + ?""",
				stepExecutionId, created, chunk.size() - created, created, chunk.size() - created);
	}

	private long plant(String jobName, JobParameters parameters, BatchStatus status, ExitStatus exitStatus,
			LocalDateTime start, @Nullable LocalDateTime end) {
		return new PlantedRuns(this.repository, this.jdbc).execution(jobName, parameters, status, exitStatus, start,
				end);
	}

	private long plantOpportunityContactRoles(String from, String to) {
		long run = plant("opportunity-contact-role-inbound", window("acme", DAY + from + ":00Z", DAY + to + ":00Z"),
				BatchStatus.COMPLETED, ExitStatus.COMPLETED, this.now.minusHours(3), this.now.minusHours(3));
		step(run, "pull-updates").read(5).created(5).save();
		return run;
	}

	private PlantedStep step(long jobExecutionId, String name) {
		return new PlantedStep(this.repository.getJobExecution(jobExecutionId), name);
	}

	private void outcome(long jobExecutionId, long stepExecutionId, String outcome, @Nullable String reason,
			String salesforceId, LocalDateTime createdAt) {
		this.jdbc.update("""
				INSERT INTO sync_record_outcome_log (connection_id, job_execution_id, step_execution_id, object_type,
					outcome, reason, salesforce_id, created_at)
				VALUES ('acme', ?, ?, 'Contact', ?, ?, ?, ?)""", jobExecutionId, stepExecutionId, outcome, reason,
				salesforceId, createdAt);
	}

	private long stepId(long jobExecutionId, String stepName) {
		return this.jdbc.queryForObject(
				"SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = ?",
				Long.class, jobExecutionId, stepName);
	}

	private List<String> columns(String view) {
		return this.jdbc.queryForList(
				"SELECT column_name FROM information_schema.columns"
						+ " WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position",
				String.class, view);
	}

	private long count(String table) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
	}

	private String runLine(String columns, long jobExecutionId) {
		List<String> lines = lines("SELECT " + columns + " FROM sync_runs WHERE job_execution_id = ?", jobExecutionId);
		assertThat(lines).hasSize(1);
		return lines.get(0);
	}

	private List<String> lines(String sql, Object... arguments) {
		return this.jdbc.queryForList(sql, arguments)
			.stream()
			.map((row) -> row.values()
				.stream()
				.map(JobMetadataViewsIntegrationTests::text)
				.collect(Collectors.joining(" ")))
			.toList();
	}

	private static List<String> lines(List<Map<String, Object>> rows, String... columns) {
		return rows.stream()
			.map((row) -> Stream.of(columns).map((column) -> text(row.get(column))).collect(Collectors.joining(" ")))
			.toList();
	}

	/** A value as text, numbers without their type's scale: 9, 60.25. */
	private static String text(@Nullable Object value) {
		if (value instanceof Number number) {
			return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
		}
		return String.valueOf(value);
	}

	/**
	 * The {@code sql} blocks of the operations guide's "Querying the job metadata", keyed
	 * by their first line, a comment that names the query.
	 */
	private static Map<String, String> readmeQueries() throws IOException {
		String readme = Files.readString(Path.of("src/docs/operations.md"));
		int start = readme.indexOf("\n## Querying the job metadata\n");
		assertThat(start).as("src/docs/operations.md has a section 'Querying the job metadata'").isNotNegative();
		Matcher next = Pattern.compile("\n##+ ").matcher(readme);
		int end = next.find(start + 1) ? next.start() : readme.length();
		Map<String, String> queries = new LinkedHashMap<>();
		Matcher block = Pattern.compile("```sql\n(-- ([^\n]+)\n.*?)```", Pattern.DOTALL)
			.matcher(readme.substring(start, end));
		while (block.find()) {
			queries.put(block.group(2), block.group(1));
		}
		return queries;
	}

	/**
	 * An operations guide query as written, without the terminating semicolon a SQL
	 * client needs.
	 */
	private static String readmeQuery(String name) throws IOException {
		String query = readmeQueries().get(name);
		assertThat(query).as("Operations guide query '" + name + "'").isNotNull();
		return query.strip().replaceFirst(";$", "");
	}

	private static JobParameters window(String connection, String from, String to) {
		return new JobParametersBuilder().addString("connection", connection)
			.addString("from", from)
			.addString("to", to)
			.toJobParameters();
	}

	private static ExitStatus failure(RunFailureCause cause) {
		return new ExitStatus(cause.name(), cause.message() + ". " + cause.explanation() + " " + cause.whatToDo());
	}

	/** A step execution planted with the counts a real step would have left. */
	private final class PlantedStep {

		private final StepExecution step;

		private long created;

		private long updated;

		private long deleted;

		PlantedStep(JobExecution execution, String name) {
			this.step = JobMetadataViewsIntegrationTests.this.repository.createStepExecution(name, execution);
			this.step.setStartTime(execution.getStartTime());
			this.step.setEndTime(execution.getEndTime());
			this.step.setStatus(BatchStatus.COMPLETED);
			this.step.setExitStatus(ExitStatus.COMPLETED);
		}

		PlantedStep status(BatchStatus status) {
			this.step.setStatus(status);
			this.step.setExitStatus(new ExitStatus(status.isRunning() ? "EXECUTING" : status.name()));
			return this;
		}

		PlantedStep read(long count) {
			this.step.setReadCount(count);
			return this;
		}

		PlantedStep created(long count) {
			this.created = count;
			return this;
		}

		PlantedStep updated(long count) {
			this.updated = count;
			return this;
		}

		PlantedStep deleted(long count) {
			this.deleted = count;
			return this;
		}

		PlantedStep filtered(long count) {
			this.step.setFilterCount(count);
			return this;
		}

		PlantedStep processSkips(long count) {
			this.step.setProcessSkipCount(count);
			return this;
		}

		PlantedStep writeSkips(long count) {
			this.step.setWriteSkipCount(count);
			return this;
		}

		PlantedStep commits(long count) {
			this.step.setCommitCount(count);
			return this;
		}

		PlantedStep rollbacks(long count) {
			this.step.setRollbackCount(count);
			return this;
		}

		void save() {
			this.step.setWriteCount(this.created + this.updated + this.deleted);
			JobMetadataViewsIntegrationTests.this.repository.update(this.step);
			JobMetadataViewsIntegrationTests.this.jdbc
				.update("INSERT INTO sync_step_counts (step_execution_id, created_count, updated_count, deleted_count)"
						+ " VALUES (?, ?, ?, ?)", this.step.getId(), this.created, this.updated, this.deleted);
		}

	}

	/** Salesforce answered the token request with {@code invalid_grant}. */
	static final class LoginRejected extends RuntimeException implements ClassifiedFailure {

		LoginRejected() {
			super("invalid_grant: expired access/refresh token");
		}

		@Override
		public RunFailureCause runFailureCause() {
			return RunFailureCause.AUTHENTICATION_FAILURE;
		}

	}

	/**
	 * A record that cannot be read or mapped: skipped by the skip policy, counted as
	 * failed.
	 */
	static final class MalformedRecord extends RuntimeException {

		MalformedRecord(String record) {
			super("Malformed record " + record);
		}

	}

}
