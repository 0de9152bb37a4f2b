-- Connections (tenants), the record outcome log and the per-step created/updated/deleted counters.
-- Every run belongs to one connection; outcome rows live in the same database as the job repository
-- so that app rows, outcomes, counters and the Batch checkpoint commit in one chunk transaction.

CREATE TABLE connections (
	id VARCHAR(64) NOT NULL PRIMARY KEY,
	name VARCHAR(200) NOT NULL,
	enabled BOOLEAN NOT NULL DEFAULT TRUE,
	created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
) ENGINE=InnoDB;

CREATE TABLE sync_record_outcome (
	id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	connection_id VARCHAR(64) NOT NULL,
	job_execution_id BIGINT NOT NULL,
	step_execution_id BIGINT NOT NULL,
	object_type VARCHAR(80) NOT NULL,
	outcome VARCHAR(10) NOT NULL,
	reason VARCHAR(40),
	detail VARCHAR(1000),
	salesforce_id VARCHAR(18),
	app_id BIGINT,
	external_created_at DATETIME(6),
	external_updated_at DATETIME(6),
	created_at DATETIME(6) NOT NULL,
	INDEX sync_record_outcome_step_idx (step_execution_id, outcome),
	INDEX sync_record_outcome_job_idx (job_execution_id),
	INDEX sync_record_outcome_connection_idx (connection_id, created_at),
	INDEX sync_record_outcome_created_idx (created_at)
) ENGINE=InnoDB;

CREATE TABLE sync_step_counts (
	step_execution_id BIGINT NOT NULL PRIMARY KEY,
	created_count BIGINT NOT NULL DEFAULT 0,
	updated_count BIGINT NOT NULL DEFAULT 0,
	deleted_count BIGINT NOT NULL DEFAULT 0
) ENGINE=InnoDB;

-- The retention job and the activity views look job executions up by end time.
CREATE INDEX BATCH_JOB_EXEC_END_IDX ON BATCH_JOB_EXECUTION (END_TIME);
