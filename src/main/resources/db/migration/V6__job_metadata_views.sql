-- Views over the job repository and the outcome tables for operators who query the metadata
-- directly (README: "Querying the job metadata"). Sync jobs are named {object}-{direction}; other
-- jobs (activity-retention) have no object type and no direction. Times are UTC. Written for both
-- MySQL 8.4 and MariaDB 10.11: no LATERAL, no CTEs, no functions only one of them has.

-- The views read a run's parameters by name; the foreign key's index alone stops at the execution.
CREATE INDEX BATCH_JOB_EXEC_PARAMS_NAME_IDX ON BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, PARAMETER_NAME);

-- One row per step execution. skipped = records the processor filtered with a reason; failed =
-- records the skip policy skipped on read, process or write; created/updated/deleted are counted by
-- the writers in sync_step_counts, in the chunk's transaction.
CREATE VIEW sync_steps AS
SELECT
	s.STEP_EXECUTION_ID AS step_execution_id,
	s.JOB_EXECUTION_ID AS job_execution_id,
	i.JOB_NAME AS job_name,
	s.STEP_NAME AS step_name,
	s.STATUS AS status,
	s.EXIT_CODE AS exit_code,
	s.EXIT_MESSAGE AS exit_message,
	s.START_TIME AS start_time,
	s.END_TIME AS end_time,
	CAST(TIMESTAMPDIFF(MICROSECOND, s.START_TIME, s.END_TIME) / 1000000 AS DECIMAL(15, 3)) AS duration_seconds,
	COALESCE(s.READ_COUNT, 0) AS read_count,
	COALESCE(c.created_count, 0) AS created_count,
	COALESCE(c.updated_count, 0) AS updated_count,
	COALESCE(c.deleted_count, 0) AS deleted_count,
	COALESCE(s.FILTER_COUNT, 0) AS skipped_count,
	COALESCE(s.READ_SKIP_COUNT, 0) + COALESCE(s.PROCESS_SKIP_COUNT, 0) + COALESCE(s.WRITE_SKIP_COUNT, 0) AS failed_count,
	COALESCE(s.COMMIT_COUNT, 0) AS commit_count,
	COALESCE(s.ROLLBACK_COUNT, 0) AS rollback_count
FROM BATCH_STEP_EXECUTION s
JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID
JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
LEFT JOIN sync_step_counts c ON c.step_execution_id = s.STEP_EXECUTION_ID;

-- One row per job execution (a run): what ran, for which connection and window, how it ended, and
-- its steps' counts summed. A restarted run is a new execution of the same job instance.
CREATE VIEW sync_runs AS
SELECT
	e.JOB_EXECUTION_ID AS job_execution_id,
	e.JOB_INSTANCE_ID AS job_instance_id,
	i.JOB_NAME AS job_name,
	CASE WHEN LOCATE('-', i.JOB_NAME) > 1
			AND SUBSTRING_INDEX(i.JOB_NAME, '-', -1) IN ('inbound', 'backfill', 'outbound')
		THEN LEFT(i.JOB_NAME, CHAR_LENGTH(i.JOB_NAME) - CHAR_LENGTH(SUBSTRING_INDEX(i.JOB_NAME, '-', -1)) - 1)
	END AS object_type,
	CASE WHEN LOCATE('-', i.JOB_NAME) > 1
			AND SUBSTRING_INDEX(i.JOB_NAME, '-', -1) IN ('inbound', 'backfill', 'outbound')
		THEN SUBSTRING_INDEX(i.JOB_NAME, '-', -1)
	END AS direction,
	p_connection.PARAMETER_VALUE AS connection_id,
	p_from.PARAMETER_VALUE AS window_from,
	p_to.PARAMETER_VALUE AS window_to,
	CAST(p_outbox_from.PARAMETER_VALUE AS UNSIGNED) AS outbox_from,
	CAST(p_outbox_to.PARAMETER_VALUE AS UNSIGNED) AS outbox_to,
	e.STATUS AS status,
	e.EXIT_CODE AS exit_code,
	e.EXIT_MESSAGE AS exit_message,
	e.START_TIME AS start_time,
	e.END_TIME AS end_time,
	CAST(TIMESTAMPDIFF(MICROSECOND, e.START_TIME, e.END_TIME) / 1000000 AS DECIMAL(15, 3)) AS duration_seconds,
	COALESCE(steps.read_count, 0) AS read_count,
	COALESCE(steps.created_count, 0) AS created_count,
	COALESCE(steps.updated_count, 0) AS updated_count,
	COALESCE(steps.deleted_count, 0) AS deleted_count,
	COALESCE(steps.skipped_count, 0) AS skipped_count,
	COALESCE(steps.failed_count, 0) AS failed_count
FROM BATCH_JOB_EXECUTION e
JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
LEFT JOIN BATCH_JOB_EXECUTION_PARAMS p_connection ON p_connection.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
	AND p_connection.PARAMETER_NAME = 'connection'
LEFT JOIN BATCH_JOB_EXECUTION_PARAMS p_from ON p_from.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
	AND p_from.PARAMETER_NAME = 'from'
LEFT JOIN BATCH_JOB_EXECUTION_PARAMS p_to ON p_to.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
	AND p_to.PARAMETER_NAME = 'to'
LEFT JOIN BATCH_JOB_EXECUTION_PARAMS p_outbox_from ON p_outbox_from.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
	AND p_outbox_from.PARAMETER_NAME = 'outboxFrom'
LEFT JOIN BATCH_JOB_EXECUTION_PARAMS p_outbox_to ON p_outbox_to.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
	AND p_outbox_to.PARAMETER_NAME = 'outboxTo'
LEFT JOIN (
	SELECT
		job_execution_id,
		CAST(SUM(read_count) AS SIGNED) AS read_count,
		CAST(SUM(created_count) AS SIGNED) AS created_count,
		CAST(SUM(updated_count) AS SIGNED) AS updated_count,
		CAST(SUM(deleted_count) AS SIGNED) AS deleted_count,
		CAST(SUM(skipped_count) AS SIGNED) AS skipped_count,
		CAST(SUM(failed_count) AS SIGNED) AS failed_count
	FROM sync_steps
	GROUP BY job_execution_id
) steps ON steps.job_execution_id = e.JOB_EXECUTION_ID;

-- Failed runs with their cause (the exit code: AUTHENTICATION_FAILURE, INSUFFICIENT_PERMISSIONS,
-- API_LIMIT_EXCEEDED, UNKNOWN_ERROR) and the plain-language message that says what to do, and the
-- later execution of the same parameters that completed, if the run was restarted successfully.
CREATE VIEW sync_failed_runs AS
SELECT
	r.job_execution_id,
	r.job_instance_id,
	r.job_name,
	r.object_type,
	r.direction,
	r.connection_id,
	r.window_from,
	r.window_to,
	r.outbox_from,
	r.outbox_to,
	r.start_time,
	r.end_time,
	r.exit_code AS cause,
	r.exit_message AS message,
	r.read_count,
	r.created_count,
	r.updated_count,
	r.deleted_count,
	r.skipped_count,
	r.failed_count,
	later.JOB_EXECUTION_ID AS completed_by_execution_id
FROM sync_runs r
LEFT JOIN BATCH_JOB_EXECUTION later ON later.JOB_INSTANCE_ID = r.job_instance_id
	AND later.STATUS = 'COMPLETED'
WHERE r.status = 'FAILED';
