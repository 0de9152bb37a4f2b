-- Polls: a scheduled fire of an inbound schedule first reads its window's first queryAll page. When
-- that page is empty the fire creates no job execution: it advances sync_state.high_water_mark to
-- the window's end and records the poll, in the same transaction (dev.sfsync.syncstate.SyncStates).
--
-- sync_state keeps the last poll of each connection and object type (shown as "Last checked").
ALTER TABLE sync_state
	ADD COLUMN last_poll_from VARCHAR(64) NULL AFTER last_poll_at,
	ADD COLUMN last_poll_to VARCHAR(64) NULL AFTER last_poll_from,
	ADD COLUMN last_poll_api_calls INT NULL AFTER last_poll_to;

-- sync_poll keeps the windows the polls covered, compactly: consecutive polls that found nothing
-- extend one span (window_to moves on, polls and api_calls add up), and a span ends when a run
-- moves the high-water mark. So a connection's object type has one row per run that found changes,
-- not one per poll, and the completed runs' windows plus these spans cover time with no gap (the
-- README's gap query reads both).
CREATE TABLE sync_poll (
	connection_id VARCHAR(64) NOT NULL,
	object_type VARCHAR(100) NOT NULL,
	-- The first poll's "from" and the last poll's "to", ISO-8601 UTC text like the runs' windows.
	window_from VARCHAR(64) NOT NULL,
	window_to VARCHAR(64) NOT NULL,
	polls INT NOT NULL,
	api_calls INT NOT NULL,
	first_poll_at DATETIME(6) NOT NULL,
	last_poll_at DATETIME(6) NOT NULL,
	PRIMARY KEY (connection_id, object_type, window_from),
	-- The span a poll extends is the one that ends at the high-water mark it started from.
	KEY sync_poll_end (connection_id, object_type, window_to),
	-- activity-retention deletes spans whose last poll is older than the cutoff.
	KEY sync_poll_last (last_poll_at)
) ENGINE=InnoDB;

-- The high-water mark is now the latest window end a completed run or a poll covered; the rows
-- are rebuilt with the documented statement (dev/sfsync/syncstate/rebuild-sync-state.sql).
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
