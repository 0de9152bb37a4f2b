-- What the sync console shows people (issue 19).
--
-- A record's label, such as "Ada Lovelace (ada@example.com)", from the fields its definition
-- names (jobs/*.yaml `label:`). A skipped or failed inbound record has no app row to read it
-- from later, so its outcome row keeps the label taken from the Salesforce payload; blocks of
-- successes do not (the page reads those from the app rows). Adding a NULL column at the end is
-- instant on MariaDB 10.11 and MySQL 8, whatever the log's size.
ALTER TABLE sync_record_outcome_log ADD COLUMN label VARCHAR(255) NULL;

CREATE OR REPLACE VIEW sync_record_outcome AS
SELECT l.id, COALESCE(r.position, 1) AS position, l.connection_id, l.job_execution_id, l.step_execution_id,
	l.object_type, l.outcome, l.reason, l.detail,
	IF(l.records IS NULL, CONVERT(l.salesforce_id USING utf8mb4) COLLATE utf8mb4_bin, r.salesforce_id)
		AS salesforce_id,
	IF(l.records IS NULL, l.app_id, r.app_id) AS app_id,
	IF(l.records IS NULL, l.external_created_at, r.external_created_at) AS external_created_at,
	IF(l.records IS NULL, l.external_updated_at, r.external_updated_at) AS external_updated_at,
	l.created_at,
	l.label
FROM sync_record_outcome_log l
LEFT JOIN JSON_TABLE(l.records, '$[*]' COLUMNS (
	position FOR ORDINALITY,
	salesforce_id VARCHAR(18) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$[0]',
	app_id BIGINT PATH '$[1]',
	external_created_at DATETIME(6) PATH '$[2]',
	external_updated_at DATETIME(6) PATH '$[3]')) r ON TRUE;

-- The org's instance URL, as Salesforce gave it at the connection's last sign-in: the page links
-- each record to it (instance URL + Id), and the Overview shows the org.
ALTER TABLE connections ADD COLUMN instance_url VARCHAR(500) NULL;
