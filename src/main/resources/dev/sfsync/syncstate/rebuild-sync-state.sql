-- Rebuilds sync_state from the job repository, the source of truth for runs, and from sync_poll,
-- the record of the polls that found nothing: one row per connection, object type and direction
-- ('inbound' for the {object}-inbound and {object}-backfill jobs, 'outbound' for
-- {object}-outbound), with the last execution, the last completed one, and as the high-water mark
-- the latest window end ("to") that a completed run or a poll covered. It keeps the last_poll_*
-- columns. A full scan of BATCH_*: run it to repair or audit the state, never on a launch path.
-- V16 runs the same statement.
INSERT INTO sync_state (connection_id, object_type, direction, high_water_mark, completed_execution_id,
	last_execution_id, last_job_name, last_status, backfill_done, updated_at)
SELECT k.connection_id, k.object_type, k.direction,
	IF(p.window_to IS NOT NULL AND (k.completed_to IS NULL OR p.window_to > k.completed_to), p.window_to,
		k.completed_to),
	k.completed_id, k.last_id, li.JOB_NAME, le.STATUS, (k.direction = 'inbound' AND k.completed_id IS NOT NULL),
	UTC_TIMESTAMP(6)
FROM (
	SELECT c.PARAMETER_VALUE AS connection_id,
		SUBSTRING(i.JOB_NAME, 1, CHAR_LENGTH(i.JOB_NAME) - CHAR_LENGTH(SUBSTRING_INDEX(i.JOB_NAME, '-', -1)) - 1)
			AS object_type,
		IF(SUBSTRING_INDEX(i.JOB_NAME, '-', -1) = 'outbound', 'outbound', 'inbound') AS direction,
		MAX(e.JOB_EXECUTION_ID) AS last_id,
		MAX(IF(e.STATUS = 'COMPLETED', e.JOB_EXECUTION_ID, NULL)) AS completed_id,
		MAX(IF(e.STATUS = 'COMPLETED', t.PARAMETER_VALUE, NULL)) AS completed_to
	FROM BATCH_JOB_EXECUTION e
	JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
	JOIN BATCH_JOB_EXECUTION_PARAMS c ON c.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND c.PARAMETER_NAME = 'connection'
	LEFT JOIN BATCH_JOB_EXECUTION_PARAMS t ON t.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND t.PARAMETER_NAME = 'to'
	WHERE SUBSTRING_INDEX(i.JOB_NAME, '-', -1) IN ('inbound', 'backfill', 'outbound')
	GROUP BY 1, 2, 3
) k
JOIN BATCH_JOB_EXECUTION le ON le.JOB_EXECUTION_ID = k.last_id
JOIN BATCH_JOB_INSTANCE li ON li.JOB_INSTANCE_ID = le.JOB_INSTANCE_ID
LEFT JOIN (
	SELECT connection_id, object_type, MAX(window_to) AS window_to FROM sync_poll GROUP BY connection_id, object_type
) p ON p.connection_id = k.connection_id AND p.object_type = k.object_type AND k.direction = 'inbound'
ON DUPLICATE KEY UPDATE high_water_mark = VALUES(high_water_mark),
	completed_execution_id = VALUES(completed_execution_id), last_execution_id = VALUES(last_execution_id),
	last_job_name = VALUES(last_job_name), last_status = VALUES(last_status), backfill_done = VALUES(backfill_done),
	updated_at = VALUES(updated_at)
;
