-- Rebuilds sync_state from the job repository, the source of truth: one row per connection,
-- object type and direction ('inbound' for the {object}-inbound and {object}-backfill jobs,
-- 'outbound' for {object}-outbound), with the last execution, the last completed one and its
-- window end ("to"). It keeps last_poll_at. A full scan of BATCH_*: run it to repair or audit
-- the state, never on a launch path. V13 runs the same statement.
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
