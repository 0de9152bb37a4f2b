-- The Ids a reconcile run (the {object}-reconcile job) read from Salesforce: every record of its
-- object type, from one Bulk queryAll of Id, SystemModstamp and IsDeleted, keyed by the run's job
-- instance, so that a restart of the run keeps what its earlier executions read. find-drift
-- compares them with the app table set-based, a page of Ids per statement, and marks what to
-- repair; a record the app holds that Salesforce no longer has (purged from the Recycle Bin) gets
-- a row of its own. A million of them are written per run, so a row holds only what the compare
-- needs; whose run they are is in sync_reconcile_instance.
CREATE TABLE sync_reconcile (
	job_instance_id BIGINT NOT NULL,
	salesforce_id VARCHAR(18) NOT NULL,
	-- Salesforce's SystemModstamp of the record; NULL for a record only the app has.
	modstamp DATETIME(6) NULL,
	-- Salesforce's IsDeleted (in the Recycle Bin), or TRUE for a record only the app has.
	deleted BOOLEAN NOT NULL,
	-- What find-drift decided: READ (missing from the app, or newer or undeleted in Salesforce),
	-- DELETE (deleted in Salesforce, live in the app), PURGED (gone from Salesforce), or NULL.
	action VARCHAR(7) NULL,
	PRIMARY KEY (job_instance_id, salesforce_id)
) ENGINE=InnoDB;

-- The reconcile instances that have rows in sync_reconcile, by connection and object type. Their
-- rows are deleted once the instance completes, and those of an instance that never completed
-- when the next instance of its connection and object type begins.
CREATE TABLE sync_reconcile_instance (
	job_instance_id BIGINT NOT NULL PRIMARY KEY,
	connection_id VARCHAR(64) NOT NULL,
	object_type VARCHAR(100) NOT NULL,
	started_at DATETIME(6) NOT NULL,
	KEY sync_reconcile_instance_object_idx (connection_id, object_type)
) ENGINE=InnoDB;

-- A connection's last run of one job (the last reconcile of an object type, to resume it when it
-- did not complete): an index range of that job's runs, not of all the connection's runs.
ALTER TABLE sync_run ADD KEY sync_run_connection_job_idx (connection_id, job_name, started_at);

-- Reconcile runs are sync runs of their object type: sync_runs names their object type and
-- direction (reconcile), as it does for inbound, backfill and outbound runs.
CREATE OR REPLACE VIEW sync_runs AS
SELECT
	e.JOB_EXECUTION_ID AS job_execution_id,
	e.JOB_INSTANCE_ID AS job_instance_id,
	i.JOB_NAME AS job_name,
	CASE WHEN LOCATE('-', i.JOB_NAME) > 1
			AND SUBSTRING_INDEX(i.JOB_NAME, '-', -1) IN ('inbound', 'backfill', 'outbound', 'reconcile')
		THEN LEFT(i.JOB_NAME, CHAR_LENGTH(i.JOB_NAME) - CHAR_LENGTH(SUBSTRING_INDEX(i.JOB_NAME, '-', -1)) - 1)
	END AS object_type,
	CASE WHEN LOCATE('-', i.JOB_NAME) > 1
			AND SUBSTRING_INDEX(i.JOB_NAME, '-', -1) IN ('inbound', 'backfill', 'outbound', 'reconcile')
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
