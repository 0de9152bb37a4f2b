-- Every synced record adds a row to the outcome log inside its chunk's transaction, so each index
-- on it is paid for by every record (a backfill writes a million rows). Two indexes are left:
--
-- (job_execution_id, id, outcome) serves a run's records in the order they were recorded, with or
-- without an outcome filter, the errors export and retention by run. It replaces V9's
-- (job_execution_id, outcome, id), which could not give a run's records in order without sorting
-- them all, so the optimizer walked the primary key from the log's first row instead: 0.6 s for
-- a page once a million older rows came before the run.
--
-- created_at stays for retention by age and the README's queries by time. The step index and
-- (connection_id, created_at) go: no query reads them (a run's records are read by run, and the
-- activity API reaches connections through the job repository's parameters).
CREATE INDEX sync_record_outcome_run_order_idx ON sync_record_outcome (job_execution_id, id, outcome);
DROP INDEX sync_record_outcome_run_idx ON sync_record_outcome;
DROP INDEX sync_record_outcome_step_idx ON sync_record_outcome;
DROP INDEX sync_record_outcome_connection_idx ON sync_record_outcome;
