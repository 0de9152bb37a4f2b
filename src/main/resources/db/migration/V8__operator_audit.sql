-- Operator controls (README: "Operator controls"): who did what to which run, and when; and which
-- sfsync process runs each execution, so that a run whose process is gone can be told from a live
-- run on another replica. Times are UTC, from the database's clock, so replicas' clocks never
-- decide whether a run is orphaned.

-- One row per operator action: start, restart, stop, abandon, recover (by a person or by sfsync
-- itself recovering an orphan). outcome is DONE, or REJECTED with the reason in detail.
CREATE TABLE sync_operator_audit (
	id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	occurred_at DATETIME(6) NOT NULL,
	actor VARCHAR(200) NOT NULL,
	action VARCHAR(20) NOT NULL,
	job_execution_id BIGINT NULL,
	job_name VARCHAR(100) NULL,
	outcome VARCHAR(10) NOT NULL,
	detail VARCHAR(2500) NULL,
	KEY sync_operator_audit_occurred_idx (occurred_at),
	KEY sync_operator_audit_execution_idx (job_execution_id)
) ENGINE=InnoDB;

-- Every running sfsync process (service replica or one-job process) beats here every few seconds.
CREATE TABLE sync_instance (
	instance_id VARCHAR(200) NOT NULL PRIMARY KEY,
	host VARCHAR(255) NOT NULL,
	started_at DATETIME(6) NOT NULL,
	heartbeat_at DATETIME(6) NOT NULL
) ENGINE=InnoDB;

-- The process that runs a job execution, from its start to its end. A STARTED execution whose
-- owner's heartbeat is stale is an orphan.
CREATE TABLE sync_run_owner (
	job_execution_id BIGINT NOT NULL PRIMARY KEY,
	instance_id VARCHAR(200) NOT NULL,
	claimed_at DATETIME(6) NOT NULL,
	KEY sync_run_owner_instance_idx (instance_id)
) ENGINE=InnoDB;
