-- Every synced record adds a row to the outcome log inside its chunk's transaction, so each index
-- on it is paid for by every record (a backfill writes a million rows). Kept: the run index (V9)
-- for the activity page, the export and retention by run, and created_at for retention by age
-- and the README's queries by time. Dropped: the step index, which no query reads (a run's
-- records are read by run), and (connection_id, created_at), which no query reads either (the
-- activity API reaches connections through the job repository's parameters).
DROP INDEX sync_record_outcome_step_idx ON sync_record_outcome;
DROP INDEX sync_record_outcome_connection_idx ON sync_record_outcome;
