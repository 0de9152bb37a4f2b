-- Orphan recovery looks for running executions (STARTING, STARTED, STOPPING) that have no owner:
-- a range of this index, a handful of rows, instead of a scan of every run ever kept.
CREATE INDEX BATCH_JOB_EXEC_STATUS_IDX ON BATCH_JOB_EXECUTION (STATUS, CREATE_TIME);
