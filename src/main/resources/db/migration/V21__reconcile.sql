-- The Ids a reconcile run (the {object}-reconcile job) read from Salesforce: every record of its
-- object type, from one Bulk queryAll of Id, SystemModstamp and IsDeleted, keyed by the run's job
-- instance, so that a restart of the run keeps what its earlier executions read. find-drift
-- compares them with the app table set-based, a page of Ids per statement, and marks what to
-- repair; a record the app holds that Salesforce no longer has (purged from the Recycle Bin) gets
-- a row of its own. The rows of an instance are deleted once it completes, and those of an
-- instance that never completed when the next instance of its connection and object type begins.
CREATE TABLE sync_reconcile (
	job_instance_id BIGINT NOT NULL,
	connection_id VARCHAR(64) NOT NULL,
	object_type VARCHAR(100) NOT NULL,
	salesforce_id VARCHAR(18) NOT NULL,
	-- Salesforce's SystemModstamp of the record; NULL for a record only the app has.
	modstamp DATETIME(6) NULL,
	-- Salesforce's IsDeleted (in the Recycle Bin), or TRUE for a record only the app has.
	deleted BOOLEAN NOT NULL,
	-- What find-drift decided: READ (missing from the app, or newer or undeleted in Salesforce),
	-- DELETE (deleted in Salesforce, live in the app), PURGED (gone from Salesforce), or NULL.
	action VARCHAR(7) NULL,
	PRIMARY KEY (job_instance_id, salesforce_id),
	KEY sync_reconcile_action_idx (job_instance_id, action, salesforce_id),
	KEY sync_reconcile_object_idx (connection_id, object_type, job_instance_id)
) ENGINE=InnoDB;

-- A connection's last run of one job (the last reconcile of an object type, to resume it when it
-- did not complete): an index range of that job's runs, not of all the connection's runs.
ALTER TABLE sync_run ADD KEY sync_run_connection_job_idx (connection_id, job_name, started_at);
