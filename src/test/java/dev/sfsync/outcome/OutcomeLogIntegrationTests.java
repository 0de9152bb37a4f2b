package dev.sfsync.outcome;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sfsync.system.IntegrationTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The outcome log on the real database: rows sent as JSON through {@code JSON_TABLE} and
 * blocks of successes arrive exactly as given, in order, across statements, whatever
 * their text holds, and the view {@code sync_record_outcome} shows a row per record.
 */
class OutcomeLogIntegrationTests extends IntegrationTestSupport {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JsonMapper json;

	private OutcomeLog outcomes;

	@BeforeEach
	void registerStep() {
		this.outcomes = new OutcomeLog(this.jdbc, Clock.systemUTC(), this.json);
		this.jdbc.update("DELETE FROM sync_record_outcome_log WHERE step_execution_id = 77");
		StepSynchronizationManager.register(new StepExecution(77, "pull-updates",
				new JobExecution(66, new JobInstance(55, "contact-inbound"), new JobParameters())));
	}

	@AfterEach
	void closeStep() {
		StepSynchronizationManager.close();
	}

	@Test
	void rowsArriveAsGivenInOrderAcrossStatements() {
		Instant created = Instant.parse("2026-11-30T08:15:30.123456Z");
		Instant updated = Instant.parse("2026-12-01T23:59:59.000001Z");
		String awkward = "quote \" backslash \\ newline \n tab \t emoji 😀 accents éü control \u0001 nul-free";
		List<OutcomeRow> rows = new ArrayList<>();
		rows.add(new OutcomeRow(RecordOutcome.CREATED, null, null, "003A00000000001AAA", null, created, updated));
		rows.add(new OutcomeRow(RecordOutcome.FAILED, OutcomeReason.MALFORMED_DATA, awkward, "003A00000000002AAA", 42L,
				null, null));
		rows.add(new OutcomeRow(RecordOutcome.SKIPPED, OutcomeReason.MISSING_EMAIL_ADDRESS, "x".repeat(1500), null,
				null, created, null));
		for (int i = 3; i < OutcomeLog.ROWS_PER_STATEMENT + 7; i++) {
			rows.add(new OutcomeRow(RecordOutcome.UPDATED, null, null, String.format("003A%014d", i), (long) i, created,
					updated));
		}
		this.outcomes.append("acme", "contact", rows);

		List<Map<String, Object>> stored = this.jdbc.queryForList("SELECT connection_id, job_execution_id,"
				+ " step_execution_id, object_type, outcome, reason, detail, salesforce_id, app_id,"
				+ " external_created_at, external_updated_at FROM sync_record_outcome WHERE step_execution_id = 77"
				+ " ORDER BY id, position");
		assertThat(stored).hasSize(rows.size());
		assertThat(stored).allSatisfy((row) -> {
			assertThat(row.get("connection_id")).isEqualTo("acme");
			assertThat(row.get("job_execution_id")).isEqualTo(66L);
			assertThat(row.get("object_type")).isEqualTo("contact");
		});
		assertThat(stored.get(0).get("outcome")).isEqualTo("CREATED");
		assertThat(stored.get(0).get("reason")).isNull();
		assertThat(stored.get(0).get("app_id")).isNull();
		assertThat(instant(stored.get(0).get("external_created_at"))).isEqualTo(created);
		assertThat(instant(stored.get(0).get("external_updated_at"))).isEqualTo(updated);
		assertThat(stored.get(1).get("reason")).isEqualTo("MALFORMED_DATA");
		assertThat(stored.get(1).get("detail")).isEqualTo(awkward);
		assertThat(stored.get(1).get("app_id")).isEqualTo(42L);
		assertThat(stored.get(1).get("external_created_at")).isNull();
		assertThat(stored.get(2).get("detail")).as("details are cut to the column's 1,000 characters")
			.isEqualTo("x".repeat(1000));
		assertThat(stored.get(2).get("salesforce_id")).isNull();
		for (int i = 3; i < rows.size(); i++) {
			assertThat(stored.get(i).get("salesforce_id")).as("row %d in the order given", i)
				.isEqualTo(String.format("003A%014d", i));
			assertThat(stored.get(i).get("app_id")).isEqualTo((long) i);
			assertThat(instant(stored.get(i).get("external_created_at"))).isEqualTo(created);
			assertThat(instant(stored.get(i).get("external_updated_at"))).isEqualTo(updated);
		}
		assertThat(this.jdbc.queryForList("SELECT CONCAT(outcome, ' x', record_count) FROM sync_record_outcome_log"
				+ " WHERE step_execution_id = 77 ORDER BY id", String.class))
			.as("a run of %d successes is a block; a shorter run is a row each", OutcomeLog.BLOCK_MIN)
			.containsExactly("CREATED x1", "FAILED x1", "SKIPPED x1", "UPDATED x" + OutcomeLog.ROWS_PER_STATEMENT,
					"UPDATED x1", "UPDATED x1", "UPDATED x1", "UPDATED x1");
	}

	@Test
	void blocksAndRowsInterleaveInTheOrderGiven() {
		List<OutcomeRow> rows = new ArrayList<>();
		for (int i = 0; i < 3 * OutcomeLog.BLOCK_MIN; i++) {
			RecordOutcome outcome = (i < OutcomeLog.BLOCK_MIN) ? RecordOutcome.CREATED
					: (i < 2 * OutcomeLog.BLOCK_MIN) ? RecordOutcome.DELETED : RecordOutcome.CREATED;
			rows.add(new OutcomeRow(outcome, null, null, String.format("003A%014d", i), null, null, null));
			if (i == OutcomeLog.BLOCK_MIN + 5) {
				rows.add(OutcomeRow.skipped(OutcomeReason.MISSING_EMAIL_ADDRESS, "003Askipped0000AAA", null, null, null,
						"Ada Lovelace"));
			}
		}
		this.outcomes.append("acme", "contact", rows);

		List<String> expected = new ArrayList<>();
		expected.add("CREATED x" + OutcomeLog.BLOCK_MIN);
		expected.addAll(java.util.Collections.nCopies(6, "DELETED x1"));
		expected.add("SKIPPED x1");
		expected.addAll(java.util.Collections.nCopies(OutcomeLog.BLOCK_MIN - 6, "DELETED x1"));
		expected.add("CREATED x" + OutcomeLog.BLOCK_MIN);
		assertThat(this.jdbc.queryForList("SELECT CONCAT(outcome, ' x', record_count) FROM sync_record_outcome_log"
				+ " WHERE step_execution_id = 77 ORDER BY id", String.class))
			.as("the skip splits the deletes into two runs too short for a block")
			.containsExactlyElementsOf(expected);
		assertThat(this.jdbc.queryForList(
				"SELECT salesforce_id FROM sync_record_outcome WHERE step_execution_id = 77" + " ORDER BY id, position",
				String.class))
			.containsExactlyElementsOf(rows.stream().map(OutcomeRow::salesforceId).toList());
	}

	@Test
	void outcomesAreWrittenOnlyInsideAStep() {
		StepSynchronizationManager.close();
		assertThatIllegalStateException()
			.isThrownBy(() -> this.outcomes.append("acme", "contact",
					List.of(new OutcomeRow(RecordOutcome.CREATED, null, null, "003A00000000001AAA", null, null, null))))
			.withMessageContaining("inside a step");
		StepSynchronizationManager.register(new StepExecution(78, "pull-updates",
				new JobExecution(67, new JobInstance(56, "contact-inbound"), new JobParameters())));
	}

	private static Instant instant(Object value) {
		return ((java.time.LocalDateTime) value).toInstant(java.time.ZoneOffset.UTC);
	}

}
