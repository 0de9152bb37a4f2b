-- Sync state: one row per connection, object type and direction that launch decisions, the
-- running-run guard and the health card read by primary key, whatever the history. Written when a
-- run starts and after the job repository records its end (dev.sfsync.syncstate.SyncStates), never
-- ahead of it; readers check the last execution's status in BATCH_JOB_EXECUTION by primary key and
-- settle the row from it when they differ. The statement at the end (also
-- dev/sfsync/syncstate/rebuild-sync-state.sql) fills it from the history already there.
CREATE TABLE sync_state (
	connection_id VARCHAR(64) NOT NULL,
	-- The catalog's object type, for example contact.
	object_type VARCHAR(100) NOT NULL,
	-- inbound (the inbound and backfill jobs) or outbound.
	direction VARCHAR(16) NOT NULL,
	-- The high-water mark: the "to" of the last completed window, as the run's parameter has it.
	high_water_mark VARCHAR(64) NULL,
	completed_execution_id BIGINT NULL,
	last_execution_id BIGINT NULL,
	last_job_name VARCHAR(100) NULL,
	-- The last execution's status as last seen in BATCH_JOB_EXECUTION.
	last_status VARCHAR(10) NULL,
	-- Whether an inbound or backfill run has completed: the next run reads a window, not everything.
	backfill_done BOOLEAN NOT NULL DEFAULT FALSE,
	-- When a scheduled fire last asked Salesforce for changes (recorded by the polls, a later change).
	last_poll_at DATETIME(6) NULL,
	updated_at DATETIME(6) NOT NULL,
	PRIMARY KEY (connection_id, object_type, direction)
) ENGINE=InnoDB;

INSERT INTO sync_state (connection_id, object_type, direction, high_water_mark, completed_execution_id,
	last_execution_id, last_job_name, last_status, backfill_done, updated_at)
SELECT k.connection_id, k.object_type, k.direction, t.PARAMETER_VALUE, k.completed_id, k.last_id, li.JOB_NAME,
	le.STATUS, (k.direction = 'inbound' AND k.completed_id IS NOT NULL), UTC_TIMESTAMP(6)
FROM (
	SELECT c.PARAMETER_VALUE AS connection_id,
		SUBSTRING(i.JOB_NAME, 1, CHAR_LENGTH(i.JOB_NAME) - CHAR_LENGTH(SUBSTRING_INDEX(i.JOB_NAME, '-', -1)) - 1)
			AS object_type,
		IF(SUBSTRING_INDEX(i.JOB_NAME, '-', -1) = 'outbound', 'outbound', 'inbound') AS direction,
		MAX(e.JOB_EXECUTION_ID) AS last_id,
		MAX(IF(e.STATUS = 'COMPLETED', e.JOB_EXECUTION_ID, NULL)) AS completed_id
	FROM BATCH_JOB_EXECUTION e
	JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
	JOIN BATCH_JOB_EXECUTION_PARAMS c ON c.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND c.PARAMETER_NAME = 'connection'
	WHERE SUBSTRING_INDEX(i.JOB_NAME, '-', -1) IN ('inbound', 'backfill', 'outbound')
	GROUP BY 1, 2, 3
) k
JOIN BATCH_JOB_EXECUTION le ON le.JOB_EXECUTION_ID = k.last_id
JOIN BATCH_JOB_INSTANCE li ON li.JOB_INSTANCE_ID = le.JOB_INSTANCE_ID
LEFT JOIN BATCH_JOB_EXECUTION_PARAMS t ON t.JOB_EXECUTION_ID = k.completed_id AND t.PARAMETER_NAME = 'to'
ON DUPLICATE KEY UPDATE high_water_mark = VALUES(high_water_mark),
	completed_execution_id = VALUES(completed_execution_id), last_execution_id = VALUES(last_execution_id),
	last_job_name = VALUES(last_job_name), last_status = VALUES(last_status), backfill_done = VALUES(backfill_done),
	updated_at = VALUES(updated_at)
;
