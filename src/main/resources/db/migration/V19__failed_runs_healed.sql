-- Failed runs, and stopped ones, with the run that healed them. A later execution of the same
-- instance that completed (a restart) completed the run. An outbound run that did not complete
-- leaves its unsent changes pending, and the next completed outbound run of its object type whose
-- range starts at or before the end of its range sent them: that run continued it. A failure
-- stands while completed_by_execution_id is NULL. The activity page and API show the same link
-- ("Completed on retry: run N", "Continued in run N").
CREATE OR REPLACE VIEW sync_failed_runs AS
SELECT
	f.job_execution_id,
	f.job_instance_id,
	f.job_name,
	f.object_type,
	f.direction,
	f.connection_id,
	f.window_from,
	f.window_to,
	f.outbox_from,
	f.outbox_to,
	f.status,
	f.start_time,
	f.end_time,
	f.cause,
	f.message,
	f.read_count,
	f.created_count,
	f.updated_count,
	f.deleted_count,
	f.skipped_count,
	f.failed_count,
	COALESCE(f.restarted_by, f.continued_in) AS completed_by_execution_id,
	(f.restarted_by IS NULL AND f.continued_in IS NOT NULL) AS continued
FROM (
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
		r.status,
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
		(SELECT MIN(l.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION l
			WHERE l.JOB_INSTANCE_ID = r.job_instance_id AND l.JOB_EXECUTION_ID > r.job_execution_id
				AND l.STATUS = 'COMPLETED') AS restarted_by,
		(SELECT MIN(c.job_execution_id) FROM sync_run c
			JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = c.job_execution_id
				AND p.PARAMETER_NAME = 'outboxFrom'
			WHERE r.direction = 'outbound' AND c.connection_id = r.connection_id AND c.job_name = r.job_name
				AND c.status = 'COMPLETED' AND c.job_execution_id > r.job_execution_id
				AND c.started_at >= r.start_time AND CAST(p.PARAMETER_VALUE AS SIGNED) <= r.outbox_to) AS continued_in
	FROM sync_runs r
	WHERE r.status IN ('FAILED', 'STOPPED')
) f;
