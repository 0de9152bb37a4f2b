package dev.sfsync.system;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Flyway owns all DDL: Spring Batch's tables, Quartz's tables and the app tables. */
class DatabaseSchemaIntegrationTests extends IntegrationTestSupport {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void flywayAppliedEveryMigration() {
		assertThat(this.jdbc.queryForList(
				"SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL ORDER BY installed_rank",
				String.class))
			.containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
					"17", "18", "19", "20", "21", "22");
	}

	@Test
	void theJobRepositoryQuartzAndOutcomeTablesExist() {
		List<String> tables = this.jdbc.queryForList(
				"SELECT UPPER(table_name) FROM information_schema.tables" + " WHERE table_schema = DATABASE()",
				String.class);
		assertThat(tables).contains("BATCH_JOB_INSTANCE", "BATCH_JOB_EXECUTION", "BATCH_JOB_EXECUTION_PARAMS",
				"BATCH_STEP_EXECUTION", "BATCH_STEP_EXECUTION_CONTEXT", "BATCH_JOB_EXECUTION_CONTEXT",
				"BATCH_JOB_INSTANCE_SEQ", "QRTZ_JOB_DETAILS", "QRTZ_TRIGGERS", "QRTZ_CRON_TRIGGERS", "QRTZ_LOCKS",
				"QRTZ_SCHEDULER_STATE", "CONNECTIONS", "SYNC_RECORD_OUTCOME", "SYNC_STEP_COUNTS", "SYNC_STATE",
				"SYNC_POLL", "SYNC_RUN", "SYNC_API_CALLS");
	}

	@Test
	void theBatchSequencesAreSeededSoIdsCanBeAllocated() {
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_SEQ", Long.class)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION_SEQ", Long.class)).isEqualTo(1);
	}

}
