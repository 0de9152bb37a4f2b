-- One claim per connection, object type and direction (dev.sfsync.syncstate.RunClaims): every
-- launcher (the scheduler, the command line, the operator API, the outbox dispatcher) takes it in
-- one statement before it creates a job execution, and the run gives it back when it ends. A claim
-- is a lease: its holder renews claim_until with its heartbeat, and a claim whose lease ran out
-- (its process died) is taken over, after the dead holder's run is recovered.
ALTER TABLE sync_state
	-- The holder: its process's instance id and a number, unique per claim; NULL when free.
	ADD COLUMN claim_owner VARCHAR(200) NULL,
	-- Until when the holder's lease runs (UTC, the database's clock).
	ADD COLUMN claim_until DATETIME(6) NULL,
	-- The execution the holder created, once created.
	ADD COLUMN claim_execution_id BIGINT NULL;
