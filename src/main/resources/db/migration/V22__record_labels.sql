-- What the sync console shows people (issue 19): record labels, the Overview's connection state
-- and the Rate limits view's API calls.
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

-- The connection's sign-ins, written by its session (one row update per sign-in, not per call):
-- the org's instance URL as Salesforce gave it (the page links each record to it: instance URL +
-- Id; the Overview shows the org), when it last signed in, and when and why Salesforce last
-- refused it (Needs reconnect while that is the later). The API usage Salesforce last reported
-- (Sforce-Limit-Info), as of when, written with the call counts below.
ALTER TABLE connections
	ADD COLUMN instance_url VARCHAR(500) NULL,
	ADD COLUMN signed_in_at DATETIME(6) NULL,
	ADD COLUMN sign_in_refused_at DATETIME(6) NULL,
	ADD COLUMN sign_in_refusal VARCHAR(500) NULL,
	ADD COLUMN api_used BIGINT NULL,
	ADD COLUMN api_max BIGINT NULL,
	ADD COLUMN api_usage_at DATETIME(6) NULL;

-- sfsync's own API calls per connection, hour, object type and kind (query, bulk, collections,
-- describe, limits, other), counted in memory and added here every 30 seconds and at shutdown.
-- A tenant's view is the index range (connection_id, hour); activity-retention deletes old hours.
CREATE TABLE sync_api_calls (
	connection_id VARCHAR(64) NOT NULL,
	hour DATETIME NOT NULL,
	-- The object type of the run that made the calls; '' for calls of no run (a connection test).
	object_type VARCHAR(100) NOT NULL,
	kind VARCHAR(16) NOT NULL,
	calls BIGINT NOT NULL,
	PRIMARY KEY (connection_id, hour, object_type, kind),
	KEY sync_api_calls_hour_idx (hour)
) ENGINE=InnoDB;
