-- Sync activity: a run's records are listed by run, optionally by outcome, in the order they were
-- recorded, and the errors export reads a run's skipped and failed records. This index serves all
-- three and makes the run-only index of V3 redundant.
CREATE INDEX sync_record_outcome_run_idx ON sync_record_outcome (job_execution_id, outcome, id);
DROP INDEX sync_record_outcome_job_idx ON sync_record_outcome;
