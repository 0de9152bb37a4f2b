-- The transactional outbox of outbound sync. Triggers on the app tables of the object types that
-- sync outbound (contacts as Contact or Lead, companies as Account, campaigns as Campaign, task
-- activities as Task) write one sync_outbox row in the same transaction as each app change: an
-- insert, an update with the columns it changed, or a delete (hard, or the deleted flag set).
-- Writes made by sfsync itself (inbound runs, and outbound runs storing the Salesforce Id and
-- SystemModstamp they got back) set the session variable @sfsync_inbound = 1 around their
-- statements, so they never come back as outbox rows: no echo, no ping-pong.

CREATE TABLE sync_outbox (
	id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	connection_id VARCHAR(64) NOT NULL,
	-- The object type (jobs/{object_type}.yaml) the change goes to: contact, lead, account, …
	object_type VARCHAR(64) NOT NULL,
	app_table VARCHAR(64) NOT NULL,
	app_id BIGINT NOT NULL,
	-- INSERT, UPDATE or DELETE
	operation VARCHAR(6) NOT NULL,
	-- The columns an UPDATE changed, comma-separated
	changed_columns VARCHAR(1000),
	-- The record's Salesforce Id when the change was made (a deleted row keeps it here)
	salesforce_id VARCHAR(18),
	changed_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	-- PENDING until an outbound run handles it; then SENT, SKIPPED, FAILED (for good), RETRIED (a
	-- new row with attempts + 1 was queued) or REQUEUED (an operator queued a new row)
	status VARCHAR(10) NOT NULL DEFAULT 'PENDING',
	-- How many runs tried this change before this row
	attempts INT NOT NULL DEFAULT 0,
	-- A retried change waits until then
	available_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	job_execution_id BIGINT,
	processed_at DATETIME(6),
	last_error VARCHAR(1000),
	INDEX sync_outbox_pending_idx (status, connection_id, object_type, id),
	INDEX sync_outbox_app_row_idx (app_table, app_id)
) ENGINE=InnoDB;

-- Which dispatcher owns the outbound runs of a connection and object type, until when. A
-- dispatcher renews its leases while its runs go on; a lease that ran out (its dispatcher died)
-- may be taken by another, so two dispatchers never send the same outbox rows.
CREATE TABLE sync_outbox_claims (
	connection_id VARCHAR(64) NOT NULL,
	object_type VARCHAR(64) NOT NULL,
	owner VARCHAR(100),
	lease_until DATETIME(6),
	outbox_from BIGINT,
	outbox_to BIGINT,
	PRIMARY KEY (connection_id, object_type)
) ENGINE=InnoDB;


-- contacts: email, first_name, last_name, title, phone, company_name, lead_status, email_opt_out, app_user_id
CREATE TRIGGER contacts_outbox_insert AFTER INSERT ON contacts FOR EACH ROW
	INSERT INTO sync_outbox (connection_id, object_type, app_table, app_id, operation, salesforce_id, changed_at, available_at)
	SELECT NEW.connection_id, IF(NEW.salesforce_contact_id IS NOT NULL, 'contact', 'lead'), 'contacts', NEW.id, 'INSERT', COALESCE(NEW.salesforce_contact_id, NEW.salesforce_lead_id), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM DUAL
	WHERE COALESCE(@sfsync_inbound, 0) = 0 AND NOT NEW.deleted;

CREATE TRIGGER contacts_outbox_update AFTER UPDATE ON contacts FOR EACH ROW
	INSERT INTO sync_outbox (connection_id, object_type, app_table, app_id, operation, changed_columns, salesforce_id, changed_at,
		available_at)
	SELECT NEW.connection_id, IF(NEW.salesforce_contact_id IS NOT NULL, 'contact', 'lead'), 'contacts', NEW.id,
		CASE WHEN NEW.deleted THEN 'DELETE' WHEN OLD.deleted THEN 'INSERT' ELSE 'UPDATE' END,
		IF(NEW.deleted OR OLD.deleted, NULL, CONCAT_WS(',', IF(NEW.email <=> OLD.email, NULL, 'email'), IF(NEW.first_name <=> OLD.first_name, NULL, 'first_name'), IF(NEW.last_name <=> OLD.last_name, NULL, 'last_name'), IF(NEW.title <=> OLD.title, NULL, 'title'), IF(NEW.phone <=> OLD.phone, NULL, 'phone'), IF(NEW.company_name <=> OLD.company_name, NULL, 'company_name'), IF(NEW.lead_status <=> OLD.lead_status, NULL, 'lead_status'), IF(NEW.email_opt_out <=> OLD.email_opt_out, NULL, 'email_opt_out'), IF(NEW.app_user_id <=> OLD.app_user_id, NULL, 'app_user_id'))), COALESCE(NEW.salesforce_contact_id, NEW.salesforce_lead_id), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM DUAL
	WHERE COALESCE(@sfsync_inbound, 0) = 0 AND NOT (OLD.deleted AND NEW.deleted)
		AND (NEW.deleted <> OLD.deleted OR CONCAT_WS(',', IF(NEW.email <=> OLD.email, NULL, 'email'), IF(NEW.first_name <=> OLD.first_name, NULL, 'first_name'), IF(NEW.last_name <=> OLD.last_name, NULL, 'last_name'), IF(NEW.title <=> OLD.title, NULL, 'title'), IF(NEW.phone <=> OLD.phone, NULL, 'phone'), IF(NEW.company_name <=> OLD.company_name, NULL, 'company_name'), IF(NEW.lead_status <=> OLD.lead_status, NULL, 'lead_status'), IF(NEW.email_opt_out <=> OLD.email_opt_out, NULL, 'email_opt_out'), IF(NEW.app_user_id <=> OLD.app_user_id, NULL, 'app_user_id')) <> '');

CREATE TRIGGER contacts_outbox_delete AFTER DELETE ON contacts FOR EACH ROW
	INSERT INTO sync_outbox (connection_id, object_type, app_table, app_id, operation, salesforce_id, changed_at, available_at)
	SELECT OLD.connection_id, IF(OLD.salesforce_contact_id IS NOT NULL, 'contact', 'lead'), 'contacts', OLD.id, 'DELETE', COALESCE(OLD.salesforce_contact_id, OLD.salesforce_lead_id), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM DUAL
	WHERE COALESCE(@sfsync_inbound, 0) = 0 AND NOT OLD.deleted;

-- companies: name, website, industry, employee_count, country, salesforce_owner_id
CREATE TRIGGER companies_outbox_insert AFTER INSERT ON companies FOR EACH ROW
	INSERT INTO sync_outbox (connection_id, object_type, app_table, app_id, operation, salesforce_id, changed_at, available_at)
	SELECT NEW.connection_id, 'account', 'companies', NEW.id, 'INSERT', NEW.salesforce_id, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM DUAL
	WHERE COALESCE(@sfsync_inbound, 0) = 0 AND NOT NEW.deleted;

CREATE TRIGGER companies_outbox_update AFTER UPDATE ON companies FOR EACH ROW
	INSERT INTO sync_outbox (connection_id, object_type, app_table, app_id, operation, changed_columns, salesforce_id, changed_at,
		available_at)
	SELECT NEW.connection_id, 'account', 'companies', NEW.id,
		CASE WHEN NEW.deleted THEN 'DELETE' WHEN OLD.deleted THEN 'INSERT' ELSE 'UPDATE' END,
		IF(NEW.deleted OR OLD.deleted, NULL, CONCAT_WS(',', IF(NEW.name <=> OLD.name, NULL, 'name'), IF(NEW.website <=> OLD.website, NULL, 'website'), IF(NEW.industry <=> OLD.industry, NULL, 'industry'), IF(NEW.employee_count <=> OLD.employee_count, NULL, 'employee_count'), IF(NEW.country <=> OLD.country, NULL, 'country'), IF(NEW.salesforce_owner_id <=> OLD.salesforce_owner_id, NULL, 'salesforce_owner_id'))), NEW.salesforce_id, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM DUAL
	WHERE COALESCE(@sfsync_inbound, 0) = 0 AND NOT (OLD.deleted AND NEW.deleted)
		AND (NEW.deleted <> OLD.deleted OR CONCAT_WS(',', IF(NEW.name <=> OLD.name, NULL, 'name'), IF(NEW.website <=> OLD.website, NULL, 'website'), IF(NEW.industry <=> OLD.industry, NULL, 'industry'), IF(NEW.employee_count <=> OLD.employee_count, NULL, 'employee_count'), IF(NEW.country <=> OLD.country, NULL, 'country'), IF(NEW.salesforce_owner_id <=> OLD.salesforce_owner_id, NULL, 'salesforce_owner_id')) <> '');

CREATE TRIGGER companies_outbox_delete AFTER DELETE ON companies FOR EACH ROW
	INSERT INTO sync_outbox (connection_id, object_type, app_table, app_id, operation, salesforce_id, changed_at, available_at)
	SELECT OLD.connection_id, 'account', 'companies', OLD.id, 'DELETE', OLD.salesforce_id, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM DUAL
	WHERE COALESCE(@sfsync_inbound, 0) = 0 AND NOT OLD.deleted;

-- campaigns: name, type, status, start_date, end_date, active
CREATE TRIGGER campaigns_outbox_insert AFTER INSERT ON campaigns FOR EACH ROW
	INSERT INTO sync_outbox (connection_id, object_type, app_table, app_id, operation, salesforce_id, changed_at, available_at)
	SELECT NEW.connection_id, 'campaign', 'campaigns', NEW.id, 'INSERT', NEW.salesforce_id, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM DUAL
	WHERE COALESCE(@sfsync_inbound, 0) = 0 AND NOT NEW.deleted;

CREATE TRIGGER campaigns_outbox_update AFTER UPDATE ON campaigns FOR EACH ROW
	INSERT INTO sync_outbox (connection_id, object_type, app_table, app_id, operation, changed_columns, salesforce_id, changed_at,
		available_at)
	SELECT NEW.connection_id, 'campaign', 'campaigns', NEW.id,
		CASE WHEN NEW.deleted THEN 'DELETE' WHEN OLD.deleted THEN 'INSERT' ELSE 'UPDATE' END,
		IF(NEW.deleted OR OLD.deleted, NULL, CONCAT_WS(',', IF(NEW.name <=> OLD.name, NULL, 'name'), IF(NEW.type <=> OLD.type, NULL, 'type'), IF(NEW.status <=> OLD.status, NULL, 'status'), IF(NEW.start_date <=> OLD.start_date, NULL, 'start_date'), IF(NEW.end_date <=> OLD.end_date, NULL, 'end_date'), IF(NEW.active <=> OLD.active, NULL, 'active'))), NEW.salesforce_id, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM DUAL
	WHERE COALESCE(@sfsync_inbound, 0) = 0 AND NOT (OLD.deleted AND NEW.deleted)
		AND (NEW.deleted <> OLD.deleted OR CONCAT_WS(',', IF(NEW.name <=> OLD.name, NULL, 'name'), IF(NEW.type <=> OLD.type, NULL, 'type'), IF(NEW.status <=> OLD.status, NULL, 'status'), IF(NEW.start_date <=> OLD.start_date, NULL, 'start_date'), IF(NEW.end_date <=> OLD.end_date, NULL, 'end_date'), IF(NEW.active <=> OLD.active, NULL, 'active')) <> '');

CREATE TRIGGER campaigns_outbox_delete AFTER DELETE ON campaigns FOR EACH ROW
	INSERT INTO sync_outbox (connection_id, object_type, app_table, app_id, operation, salesforce_id, changed_at, available_at)
	SELECT OLD.connection_id, 'campaign', 'campaigns', OLD.id, 'DELETE', OLD.salesforce_id, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM DUAL
	WHERE COALESCE(@sfsync_inbound, 0) = 0 AND NOT OLD.deleted;

-- activities: subject, status, priority, activity_date, starts_at, ends_at, location, description, salesforce_who_id, salesforce_what_id
CREATE TRIGGER activities_outbox_insert AFTER INSERT ON activities FOR EACH ROW
	INSERT INTO sync_outbox (connection_id, object_type, app_table, app_id, operation, salesforce_id, changed_at, available_at)
	SELECT NEW.connection_id, 'task', 'activities', NEW.id, 'INSERT', NEW.salesforce_id, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM DUAL
	WHERE COALESCE(@sfsync_inbound, 0) = 0 AND NOT NEW.deleted AND NEW.kind = 'task';

CREATE TRIGGER activities_outbox_update AFTER UPDATE ON activities FOR EACH ROW
	INSERT INTO sync_outbox (connection_id, object_type, app_table, app_id, operation, changed_columns, salesforce_id, changed_at,
		available_at)
	SELECT NEW.connection_id, 'task', 'activities', NEW.id,
		CASE WHEN NEW.deleted THEN 'DELETE' WHEN OLD.deleted THEN 'INSERT' ELSE 'UPDATE' END,
		IF(NEW.deleted OR OLD.deleted, NULL, CONCAT_WS(',', IF(NEW.subject <=> OLD.subject, NULL, 'subject'), IF(NEW.status <=> OLD.status, NULL, 'status'), IF(NEW.priority <=> OLD.priority, NULL, 'priority'), IF(NEW.activity_date <=> OLD.activity_date, NULL, 'activity_date'), IF(NEW.starts_at <=> OLD.starts_at, NULL, 'starts_at'), IF(NEW.ends_at <=> OLD.ends_at, NULL, 'ends_at'), IF(NEW.location <=> OLD.location, NULL, 'location'), IF(NEW.description <=> OLD.description, NULL, 'description'), IF(NEW.salesforce_who_id <=> OLD.salesforce_who_id, NULL, 'salesforce_who_id'), IF(NEW.salesforce_what_id <=> OLD.salesforce_what_id, NULL, 'salesforce_what_id'))), NEW.salesforce_id, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM DUAL
	WHERE COALESCE(@sfsync_inbound, 0) = 0 AND NEW.kind = 'task' AND NOT (OLD.deleted AND NEW.deleted)
		AND (NEW.deleted <> OLD.deleted OR CONCAT_WS(',', IF(NEW.subject <=> OLD.subject, NULL, 'subject'), IF(NEW.status <=> OLD.status, NULL, 'status'), IF(NEW.priority <=> OLD.priority, NULL, 'priority'), IF(NEW.activity_date <=> OLD.activity_date, NULL, 'activity_date'), IF(NEW.starts_at <=> OLD.starts_at, NULL, 'starts_at'), IF(NEW.ends_at <=> OLD.ends_at, NULL, 'ends_at'), IF(NEW.location <=> OLD.location, NULL, 'location'), IF(NEW.description <=> OLD.description, NULL, 'description'), IF(NEW.salesforce_who_id <=> OLD.salesforce_who_id, NULL, 'salesforce_who_id'), IF(NEW.salesforce_what_id <=> OLD.salesforce_what_id, NULL, 'salesforce_what_id')) <> '');

CREATE TRIGGER activities_outbox_delete AFTER DELETE ON activities FOR EACH ROW
	INSERT INTO sync_outbox (connection_id, object_type, app_table, app_id, operation, salesforce_id, changed_at, available_at)
	SELECT OLD.connection_id, 'task', 'activities', OLD.id, 'DELETE', OLD.salesforce_id, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM DUAL
	WHERE COALESCE(@sfsync_inbound, 0) = 0 AND NOT OLD.deleted AND OLD.kind = 'task';
