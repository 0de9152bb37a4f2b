-- Run summaries: one row per execution of a job that has a connection parameter, holding what a
-- tenant's activity queries filter and sort on, so that the runs list, its count, a run's records
-- and the errors export are index ranges on (connection, start time) and then join BATCH_* by
-- primary key. BATCH_JOB_EXECUTION's COALESCE(START_TIME, CREATE_TIME) cannot be indexed, and the
-- connection is in BATCH_JOB_EXECUTION_PARAMS. Triggers write the row in the same statement as the
-- job repository (when the connection parameter is inserted, and on every update of the execution),
-- so it is never ahead of or behind it, whoever writes the repository (the launcher, an operator's
-- abandon, a test that plants runs). Deleting an execution deletes its row.
CREATE TABLE sync_run (
	job_execution_id BIGINT NOT NULL PRIMARY KEY,
	connection_id VARCHAR(255) NOT NULL,
	-- The job's name, for example contact-inbound.
	job_name VARCHAR(100) NOT NULL,
	-- COALESCE(START_TIME, CREATE_TIME): a run that is only starting has no start time yet.
	started_at DATETIME(6) NOT NULL,
	ended_at DATETIME(6) NULL,
	-- BATCH_JOB_EXECUTION.STATUS.
	status VARCHAR(10) NULL,
	-- The tenant's runs by start time, newest first from the end; covers the count with its filters.
	KEY sync_run_connection_started_idx (connection_id, started_at, job_execution_id, job_name, status),
	-- The platform operator's runs by start time, every connection.
	KEY sync_run_started_idx (started_at, job_execution_id),
	CONSTRAINT sync_run_execution_fk FOREIGN KEY (job_execution_id)
		REFERENCES BATCH_JOB_EXECUTION (JOB_EXECUTION_ID) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TRIGGER sync_run_connection AFTER INSERT ON BATCH_JOB_EXECUTION_PARAMS FOR EACH ROW
	INSERT INTO sync_run (job_execution_id, connection_id, job_name, started_at, ended_at, status)
	SELECT e.JOB_EXECUTION_ID, LEFT(NEW.PARAMETER_VALUE, 255), i.JOB_NAME, COALESCE(e.START_TIME, e.CREATE_TIME), e.END_TIME,
		e.STATUS
	FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
	WHERE NEW.PARAMETER_NAME = 'connection' AND e.JOB_EXECUTION_ID = NEW.JOB_EXECUTION_ID
	ON DUPLICATE KEY UPDATE connection_id = VALUES(connection_id);

CREATE TRIGGER sync_run_execution AFTER UPDATE ON BATCH_JOB_EXECUTION FOR EACH ROW
	UPDATE sync_run SET started_at = COALESCE(NEW.START_TIME, NEW.CREATE_TIME), ended_at = NEW.END_TIME,
		status = NEW.STATUS
	WHERE job_execution_id = NEW.JOB_EXECUTION_ID;

-- The history already there.
INSERT INTO sync_run (job_execution_id, connection_id, job_name, started_at, ended_at, status)
SELECT e.JOB_EXECUTION_ID, LEFT(c.PARAMETER_VALUE, 255), i.JOB_NAME, COALESCE(e.START_TIME, e.CREATE_TIME), e.END_TIME, e.STATUS
FROM BATCH_JOB_EXECUTION e
JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
JOIN BATCH_JOB_EXECUTION_PARAMS c ON c.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND c.PARAMETER_NAME = 'connection';
