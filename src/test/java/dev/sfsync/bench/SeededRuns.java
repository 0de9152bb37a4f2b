package dev.sfsync.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * History seeded by SQL and shaped like real runs, for the benchmarks that need much of
 * it: each run of one of 11 sync jobs for a connection, ids increasing with time, with 3
 * parameters, 2 steps with their contexts and counters, a job context and 2 outcome rows
 * (a block of 2 successes and a skip); one run in 50 failed.
 */
final class SeededRuns {

	static final List<String> JOBS = List.of("contact-inbound", "account-inbound", "lead-inbound",
			"opportunity-inbound", "campaign-inbound", "task-inbound", "event-inbound", "user-inbound",
			"contact-outbound", "account-outbound", "task-outbound");

	private SeededRuns() {
	}

	/**
	 * An execution context as Spring Batch writes one, so that a seeded run can be read
	 * back (a launch decision restarts a failed one).
	 */
	private static String context() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			new DefaultExecutionContextSerializer().serialize(new HashMap<>(Map.of("batch.version", "6.0.6")), out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString(StandardCharsets.ISO_8859_1);
	}

	/**
	 * Seeds runs, set-based: a table of run numbers from a cross join of digits, then one
	 * INSERT … SELECT per table. Written for MariaDB and MySQL alike.
	 * @param firstId the first run's execution, instance and (twice it) step id
	 * @param runs how many runs
	 * @param connections over how many connections, named {@code prefix} and a number
	 * @param start when the first run starts, as SQL DATETIME text
	 * @param span the time the runs spread over, evenly
	 */
	static void seed(JdbcTemplate jdbc, long firstId, int runs, int connections, String prefix, String start,
			Duration span) {
		jdbc.execute("DROP TABLE IF EXISTS bench_retention_runs");
		jdbc.execute("CREATE TABLE bench_retention_runs (n BIGINT PRIMARY KEY, id BIGINT NOT NULL,"
				+ " job VARCHAR(40) NOT NULL, conn VARCHAR(20) NOT NULL, t DATETIME(6) NOT NULL, status VARCHAR(10))");
		String digits = "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4"
				+ " UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
		StringBuilder jobs = new StringBuilder();
		for (int i = 0; i < JOBS.size(); i++) {
			jobs.append((i > 0) ? " WHEN " : "CASE n MOD 11 WHEN ")
				.append(i)
				.append(" THEN '")
				.append(JOBS.get(i))
				.append("'");
		}
		jobs.append(" END");
		jdbc.update("INSERT INTO bench_retention_runs SELECT n, ? + n, " + jobs + ", CONCAT(?, (n DIV 11) MOD "
				+ connections + "), TIMESTAMP(?) + INTERVAL (n * " + span.toSeconds()
				+ " DIV ?) SECOND, IF(n MOD 50 = 7, 'FAILED',"
				+ " 'COMPLETED') FROM (SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 100000 * g.d"
				+ " + 1000000 * h.d AS n FROM " + digits + " a, " + digits + " b, " + digits + " c, " + digits + " e, "
				+ digits + " f, " + digits + " g, " + digits + " h) numbers WHERE n < ?", firstId, prefix, start, runs,
				runs);
		jdbc.update("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY)"
				+ " SELECT id, 0, job, MD5(CONCAT('retention-bench-', id)) FROM bench_retention_runs");
		jdbc.update("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME,"
				+ " START_TIME, END_TIME, STATUS, EXIT_CODE, EXIT_MESSAGE, LAST_UPDATED) SELECT id, 2, id, t, t,"
				+ " t + INTERVAL 20 SECOND, status, status, '', t + INTERVAL 20 SECOND FROM bench_retention_runs");
		jdbc.update("INSERT INTO BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_TYPE,"
				+ " PARAMETER_VALUE, IDENTIFYING) SELECT id, 'connection', 'java.lang.String', conn, 'Y'"
				+ " FROM bench_retention_runs UNION ALL SELECT id, 'from', 'java.lang.String',"
				+ " DATE_FORMAT(t - INTERVAL 1 MINUTE, '%Y-%m-%dT%H:%i:%s.000Z'), 'Y' FROM bench_retention_runs"
				+ " UNION ALL SELECT id, 'to', 'java.lang.String', DATE_FORMAT(t, '%Y-%m-%dT%H:%i:%s.000Z'), 'Y'"
				+ " FROM bench_retention_runs");
		String context = context();
		jdbc.update("INSERT INTO BATCH_JOB_EXECUTION_CONTEXT (JOB_EXECUTION_ID, SHORT_CONTEXT)"
				+ " SELECT id, ? FROM bench_retention_runs", context);
		jdbc.update("INSERT INTO BATCH_STEP_EXECUTION (STEP_EXECUTION_ID, VERSION, STEP_NAME, JOB_EXECUTION_ID,"
				+ " CREATE_TIME, START_TIME, END_TIME, STATUS, COMMIT_COUNT, READ_COUNT, FILTER_COUNT, WRITE_COUNT,"
				+ " READ_SKIP_COUNT, WRITE_SKIP_COUNT, PROCESS_SKIP_COUNT, ROLLBACK_COUNT, EXIT_CODE, EXIT_MESSAGE,"
				+ " LAST_UPDATED) SELECT 2 * id, 3, 'pull-updates', id, t, t, t + INTERVAL 10 SECOND, status, 1, 4,"
				+ " 0, 3, 1, 0, 0, 0, status, '', t + INTERVAL 10 SECOND FROM bench_retention_runs UNION ALL"
				+ " SELECT 2 * id + 1, 3, 'pull-deletes', id, t, t + INTERVAL 10 SECOND, t + INTERVAL 20 SECOND,"
				+ " status, 1, 0, 0, 0, 0, 0, 0, 0, status, '', t + INTERVAL 20 SECOND FROM bench_retention_runs");
		jdbc.update("INSERT INTO BATCH_STEP_EXECUTION_CONTEXT (STEP_EXECUTION_ID, SHORT_CONTEXT)"
				+ " SELECT 2 * id, ? FROM bench_retention_runs UNION ALL SELECT 2 * id + 1, ? FROM bench_retention_runs",
				context, context);
		jdbc.update("INSERT INTO sync_step_counts (step_execution_id, created_count, updated_count, deleted_count)"
				+ " SELECT 2 * id, 2, 1, 0 FROM bench_retention_runs");
		jdbc.update("INSERT INTO sync_record_outcome_log (connection_id, job_execution_id, step_execution_id,"
				+ " object_type, outcome, reason, salesforce_id, created_at, record_count, records)"
				+ " SELECT conn, id, 2 * id, 'Contact', 'CREATED', NULL, NULL, t + INTERVAL 5 SECOND, 2,"
				+ " '[[\"003000000000001AAA\",1,null,null],[\"003000000000002AAA\",2,null,null]]'"
				+ " FROM bench_retention_runs ORDER BY n");
		jdbc.update("INSERT INTO sync_record_outcome_log (connection_id, job_execution_id, step_execution_id,"
				+ " object_type, outcome, reason, salesforce_id, created_at) SELECT conn, id, 2 * id, 'Contact',"
				+ " 'SKIPPED', 'MISSING_EMAIL_ADDRESS', '003000000000003AAA', t + INTERVAL 6 SECOND"
				+ " FROM bench_retention_runs ORDER BY n");
		jdbc.execute("DROP TABLE bench_retention_runs");
		jdbc.execute("ANALYZE TABLE BATCH_JOB_INSTANCE, BATCH_JOB_EXECUTION, BATCH_JOB_EXECUTION_PARAMS,"
				+ " BATCH_STEP_EXECUTION, sync_record_outcome_log");
	}

}
