package dev.sfsync.operations;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;

import dev.sfsync.system.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class RunCommandIntegrationTests extends IntegrationTestSupport {

	@Autowired
	RunCommand command;

	@Autowired
	JdbcTemplate jdbc;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void runsRetentionForTodayPrintsASummaryAndRefusesToRunTheCompletedRunAgain() {
		assertThat(run("activity-retention", Map.of())).isEqualTo(RunExitCode.COMPLETED);
		assertThat(out()).matches("(?s)activity-retention execution=\\d+ status=COMPLETED exit=COMPLETED read=0"
				+ " written=0 skipped=0 failed=0 duration=\\d+\\.\\ds\\n");
		assertThat(this.jdbc.queryForList("SELECT PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS p JOIN"
				+ " BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID JOIN BATCH_JOB_INSTANCE i ON"
				+ " i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'activity-retention'"
				+ " AND p.PARAMETER_NAME = 'runDate' AND p.IDENTIFYING = 'Y'", String.class))
			.containsExactly(LocalDate.now(ZoneOffset.UTC).toString());

		assertThat(run("activity-retention", Map.of())).isEqualTo(RunExitCode.ALREADY_COMPLETE);
		assertThat(err()).contains("activity-retention already COMPLETED with parameters").contains("Nothing was run");
	}

	@Test
	void aFailedRunExitsWithItsCauseAndRestartsWithTheSameParameters() {
		this.jdbc.execute("RENAME TABLE sync_record_outcome_log TO sync_record_outcome_away");
		RunExitCode failed;
		try {
			failed = run("activity-retention", Map.of("runDate", "2026-01-01"));
		}
		finally {
			this.jdbc.execute("RENAME TABLE sync_record_outcome_away TO sync_record_outcome_log");
		}
		assertThat(failed).isEqualTo(RunExitCode.UNKNOWN_ERROR);
		assertThat(out()).contains("status=FAILED exit=UNKNOWN_ERROR");
		assertThat(err()).contains("Unknown error. An unexpected error occurred while processing the sync.");
		Map<String, Object> firstRun = this.jdbc.queryForMap("SELECT e.STATUS, e.EXIT_CODE, e.EXIT_MESSAGE,"
				+ " e.JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON"
				+ " i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'activity-retention' AND EXISTS (SELECT 1"
				+ " FROM BATCH_JOB_EXECUTION_PARAMS p WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
				+ " AND p.PARAMETER_VALUE = '2026-01-01')");
		assertThat(firstRun).containsEntry("STATUS", "FAILED").containsEntry("EXIT_CODE", "UNKNOWN_ERROR");
		assertThat((String) firstRun.get("EXIT_MESSAGE"))
			.startsWith("Unknown error. An unexpected error occurred while processing the sync. Retry on the next run;")
			.contains("sync_record_outcome");

		this.out.reset();
		assertThat(run("activity-retention", Map.of("runDate", "2026-01-01"))).isEqualTo(RunExitCode.COMPLETED);
		assertThat(out()).startsWith("Restarting activity-retention: execution ")
			.contains("ended FAILED; resuming from its last committed chunk.")
			.contains("status=COMPLETED");
		assertThat(this.jdbc.queryForList("SELECT e.STATUS FROM BATCH_JOB_EXECUTION e WHERE e.JOB_INSTANCE_ID = ?"
				+ " ORDER BY e.JOB_EXECUTION_ID", String.class, firstRun.get("JOB_INSTANCE_ID")))
			.containsExactly("FAILED", "COMPLETED");
	}

	@Test
	void invalidParametersAreRejectedWithoutLeavingAJobInstance() {
		assertThat(run("activity-retention", Map.of("runDate", "yesterday"))).isEqualTo(RunExitCode.USAGE);
		assertThat(err()).contains("runDate=yesterday is not an ISO date such as 2026-11-22");
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'activity-retention'", Long.class))
			.isZero();
	}

	@Test
	void anUnknownJobListsTheJobsThatExist() {
		assertThat(run("nope", Map.of())).isEqualTo(RunExitCode.USAGE);
		assertThat(err()).contains("Unknown job 'nope'. Jobs: ").contains("activity-retention");
	}

	@Test
	void aSyncRunForAnUnknownConnectionIsRejectedBeforeAnythingIsWritten() {
		assertThat(run("contact-inbound", Map.of("connection", "nobody"))).isEqualTo(RunExitCode.USAGE);
		assertThat(err()).contains("connection=nobody is not a connection");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME LIKE 'contact-%'",
				Integer.class))
			.isZero();
	}

	private RunExitCode run(String job, Map<String, String> parameters) {
		Properties properties = new Properties();
		properties.putAll(parameters);
		return this.command.run(job, properties, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
