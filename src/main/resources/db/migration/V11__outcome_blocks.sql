-- A backfill's million created records cost as much to log a row each as a third of writing
-- the app rows themselves. So the log is now written as sync_record_outcome_log, where a run of
-- plain successes of one outcome in a chunk (created, updated or deleted, with no reason) is one
-- row: a block of up to 5,000 records, listed in `records` as a JSON array of
-- [salesforce_id, app_id, external_created_at, external_updated_at], record_count of them.
-- Every other outcome is still a row of its own, with record_count 1 and no `records`.
--
-- sync_record_outcome is now a view of the same log with a row per record, as the table was,
-- so the queries the README gives operators still work. `position` orders a block's records
-- after `id`. Write to sync_record_outcome_log; delete from it too. Its salesforce_id is
-- utf8mb4_bin whatever the database's collation (Salesforce Ids are case-sensitive): JSON_TABLE
-- text takes the server's collation, and mixed with the table's it could not be compared.
RENAME TABLE sync_record_outcome TO sync_record_outcome_log;

ALTER TABLE sync_record_outcome_log
	ADD COLUMN record_count INT NOT NULL DEFAULT 1,
	ADD COLUMN records LONGTEXT NULL;

CREATE VIEW sync_record_outcome AS
SELECT l.id, COALESCE(r.position, 1) AS position, l.connection_id, l.job_execution_id, l.step_execution_id,
	l.object_type, l.outcome, l.reason, l.detail,
	IF(l.records IS NULL, CONVERT(l.salesforce_id USING utf8mb4) COLLATE utf8mb4_bin, r.salesforce_id)
		AS salesforce_id,
	IF(l.records IS NULL, l.app_id, r.app_id) AS app_id,
	IF(l.records IS NULL, l.external_created_at, r.external_created_at) AS external_created_at,
	IF(l.records IS NULL, l.external_updated_at, r.external_updated_at) AS external_updated_at,
	l.created_at
FROM sync_record_outcome_log l
LEFT JOIN JSON_TABLE(l.records, '$[*]' COLUMNS (
	position FOR ORDINALITY,
	salesforce_id VARCHAR(18) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$[0]',
	app_id BIGINT PATH '$[1]',
	external_created_at DATETIME(6) PATH '$[2]',
	external_updated_at DATETIME(6) PATH '$[3]')) r ON TRUE;
