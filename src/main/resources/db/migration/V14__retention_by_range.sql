-- activity-retention walks expired job executions in id order (ids increase with time) and keeps
-- the latest run, and the latest completed run, of each job for each connection. It tells them
-- apart by asking whether the same connection has a later run of the same job: an index range
-- that starts at the candidate's id and usually stops a few rows later. V5's index on
-- (PARAMETER_NAME, PARAMETER_VALUE) could not start there, since the table has no primary key and
-- its entries are in insertion order, not execution order; this one ends with the execution id.
-- It serves every query the old one served, so the old one goes.
CREATE INDEX BATCH_JOB_EXEC_PARAMS_VALUE_EXEC_IDX
	ON BATCH_JOB_EXECUTION_PARAMS (PARAMETER_NAME, PARAMETER_VALUE(64), JOB_EXECUTION_ID);
DROP INDEX BATCH_JOB_EXEC_PARAMS_VALUE_IDX ON BATCH_JOB_EXECUTION_PARAMS;
