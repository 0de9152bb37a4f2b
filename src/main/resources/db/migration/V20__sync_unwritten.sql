-- Records a run read and did not write: the last skip or failure of each, with the version
-- (SystemModstamp) it was decided on. A re-read of the same version with the same decision, in
-- the next window's overlap or by a poll, is not counted, logged or run again.
--
-- It is also the retry set. A record skipped because a record it refers to is not in the app yet
-- ("No account association", "Opportunity not found", "Contact not found") WAITs with the payload
-- it was read with. The object type's next runs decide it again from that payload, and the first
-- run in which its parent is there writes it (RESOLVED, by that run). After
-- sfsync.inbound.waiting-runs runs the wait is over (EXPIRED) and the record stays skipped. A
-- record that changes in Salesforce is read again by the run of its window, which decides its new
-- version.
CREATE TABLE sync_unwritten (
	connection_id VARCHAR(64) NOT NULL,
	object_type VARCHAR(100) NOT NULL,
	salesforce_id VARCHAR(18) NOT NULL,
	-- The OutcomeReason it was skipped or failed with.
	reason VARCHAR(64) NOT NULL,
	-- The SystemModstamp of the version decided.
	modstamp DATETIME(6) NULL,
	-- WAITING for a parent; SKIPPED or FAILED for good; EXPIRED (waited in vain); RESOLVED (written).
	state VARCHAR(10) NOT NULL,
	-- While WAITING: the record as it was read (REST JSON, or a Bulk row as JSON).
	payload LONGTEXT NULL,
	-- The run that decided this version, the run that last decided it again, the run that wrote it.
	first_execution_id BIGINT NOT NULL,
	last_execution_id BIGINT NOT NULL,
	resolved_execution_id BIGINT NULL,
	-- Runs that decided it again and found its parent still missing.
	retries INT NOT NULL DEFAULT 0,
	updated_at DATETIME(6) NOT NULL,
	PRIMARY KEY (connection_id, object_type, salesforce_id),
	-- A run's retry step reads the waiting records of its connection and object type in Id order.
	KEY sync_unwritten_state_idx (connection_id, object_type, state, salesforce_id),
	-- activity-retention deletes the records that stopped waiting before its cutoff.
	KEY sync_unwritten_updated_idx (updated_at)
) ENGINE=InnoDB;
