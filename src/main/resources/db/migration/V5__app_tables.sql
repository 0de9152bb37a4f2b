-- The app-side tables the inbound jobs write and the outbound jobs read. Every row belongs to one
-- connection and keeps its Salesforce Id, Salesforce's CreatedDate (external_created_at), the
-- SystemModstamp it was last written from (external_updated_at) and a deleted marker. Columns named
-- salesforce_*_id hold Salesforce references as read; the *_id columns next to them are the app
-- rows they resolve to (update-foreign-keys fills them in when the parent arrives).

CREATE TABLE companies (
	id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	connection_id VARCHAR(64) NOT NULL,
	salesforce_id VARCHAR(18),
	name VARCHAR(255),
	website VARCHAR(255),
	industry VARCHAR(255),
	employee_count INT,
	country VARCHAR(80),
	salesforce_owner_id VARCHAR(18),
	external_created_at DATETIME(6),
	external_updated_at DATETIME(6),
	deleted BOOLEAN NOT NULL DEFAULT FALSE,
	deleted_at DATETIME(6),
	created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
	UNIQUE KEY companies_salesforce_id_uk (connection_id, salesforce_id)
) ENGINE=InnoDB;

-- Contacts come from Leads and from Contacts: a contact keeps both Ids, and a converted Lead's
-- contact is re-linked to its Contact. app_user_id is the app's own user id for the person.
CREATE TABLE contacts (
	id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	connection_id VARCHAR(64) NOT NULL,
	salesforce_lead_id VARCHAR(18),
	salesforce_contact_id VARCHAR(18),
	email VARCHAR(255) NOT NULL,
	first_name VARCHAR(80),
	last_name VARCHAR(120),
	title VARCHAR(128),
	phone VARCHAR(40),
	company_name VARCHAR(255),
	lead_status VARCHAR(80),
	email_opt_out BOOLEAN,
	converted BOOLEAN,
	converted_contact_id VARCHAR(18),
	converted_account_id VARCHAR(18),
	salesforce_account_id VARCHAR(18),
	salesforce_owner_id VARCHAR(18),
	company_id BIGINT,
	app_user_id VARCHAR(64),
	external_created_at DATETIME(6),
	external_updated_at DATETIME(6),
	deleted BOOLEAN NOT NULL DEFAULT FALSE,
	deleted_at DATETIME(6),
	created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
	UNIQUE KEY contacts_lead_id_uk (connection_id, salesforce_lead_id),
	UNIQUE KEY contacts_contact_id_uk (connection_id, salesforce_contact_id),
	INDEX contacts_email_idx (connection_id, email),
	INDEX contacts_app_user_idx (connection_id, app_user_id)
) ENGINE=InnoDB;

CREATE TABLE opportunities (
	id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	connection_id VARCHAR(64) NOT NULL,
	salesforce_id VARCHAR(18),
	name VARCHAR(255),
	salesforce_account_id VARCHAR(18),
	company_id BIGINT,
	stage VARCHAR(80),
	amount DECIMAL(18, 2),
	close_date DATE,
	closed BOOLEAN,
	won BOOLEAN,
	external_created_at DATETIME(6),
	external_updated_at DATETIME(6),
	deleted BOOLEAN NOT NULL DEFAULT FALSE,
	deleted_at DATETIME(6),
	created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
	UNIQUE KEY opportunities_salesforce_id_uk (connection_id, salesforce_id)
) ENGINE=InnoDB;

CREATE TABLE opportunity_contact_roles (
	id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	connection_id VARCHAR(64) NOT NULL,
	salesforce_id VARCHAR(18),
	salesforce_opportunity_id VARCHAR(18),
	salesforce_contact_id VARCHAR(18),
	opportunity_id BIGINT,
	contact_id BIGINT,
	role VARCHAR(80),
	is_primary BOOLEAN,
	external_created_at DATETIME(6),
	external_updated_at DATETIME(6),
	deleted BOOLEAN NOT NULL DEFAULT FALSE,
	deleted_at DATETIME(6),
	created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
	UNIQUE KEY opportunity_contact_roles_salesforce_id_uk (connection_id, salesforce_id)
) ENGINE=InnoDB;

CREATE TABLE campaigns (
	id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	connection_id VARCHAR(64) NOT NULL,
	salesforce_id VARCHAR(18),
	name VARCHAR(255),
	type VARCHAR(80),
	status VARCHAR(80),
	start_date DATE,
	end_date DATE,
	active BOOLEAN,
	external_created_at DATETIME(6),
	external_updated_at DATETIME(6),
	deleted BOOLEAN NOT NULL DEFAULT FALSE,
	deleted_at DATETIME(6),
	created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
	UNIQUE KEY campaigns_salesforce_id_uk (connection_id, salesforce_id)
) ENGINE=InnoDB;

CREATE TABLE campaign_members (
	id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	connection_id VARCHAR(64) NOT NULL,
	salesforce_id VARCHAR(18),
	salesforce_campaign_id VARCHAR(18),
	salesforce_contact_id VARCHAR(18),
	salesforce_lead_id VARCHAR(18),
	campaign_id BIGINT,
	contact_id BIGINT,
	status VARCHAR(80),
	responded BOOLEAN,
	external_created_at DATETIME(6),
	external_updated_at DATETIME(6),
	deleted BOOLEAN NOT NULL DEFAULT FALSE,
	deleted_at DATETIME(6),
	created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
	UNIQUE KEY campaign_members_salesforce_id_uk (connection_id, salesforce_id)
) ENGINE=InnoDB;

-- Tasks and Events, told apart by kind.
CREATE TABLE activities (
	id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	connection_id VARCHAR(64) NOT NULL,
	salesforce_id VARCHAR(18),
	kind VARCHAR(10) NOT NULL,
	subject VARCHAR(255),
	status VARCHAR(80),
	priority VARCHAR(40),
	activity_date DATE,
	starts_at DATETIME(6),
	ends_at DATETIME(6),
	location VARCHAR(255),
	description TEXT,
	salesforce_who_id VARCHAR(18),
	salesforce_what_id VARCHAR(18),
	contact_id BIGINT,
	external_created_at DATETIME(6),
	external_updated_at DATETIME(6),
	deleted BOOLEAN NOT NULL DEFAULT FALSE,
	deleted_at DATETIME(6),
	created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
	UNIQUE KEY activities_salesforce_id_uk (connection_id, salesforce_id)
) ENGINE=InnoDB;

CREATE TABLE users (
	id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	connection_id VARCHAR(64) NOT NULL,
	salesforce_id VARCHAR(18),
	username VARCHAR(255),
	email VARCHAR(255),
	first_name VARCHAR(80),
	last_name VARCHAR(120),
	active BOOLEAN,
	external_created_at DATETIME(6),
	external_updated_at DATETIME(6),
	deleted BOOLEAN NOT NULL DEFAULT FALSE,
	deleted_at DATETIME(6),
	created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
	UNIQUE KEY users_salesforce_id_uk (connection_id, salesforce_id)
) ENGINE=InnoDB;

-- Named events from custom objects (event_type is the object, e.g. invoice for Invoice__c), each
-- resolved to a contact by email and/or the app's user id.
CREATE TABLE custom_events (
	id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	connection_id VARCHAR(64) NOT NULL,
	salesforce_id VARCHAR(18),
	event_type VARCHAR(80) NOT NULL,
	event_name VARCHAR(255) NOT NULL,
	contact_email VARCHAR(255),
	app_user_id VARCHAR(64),
	contact_id BIGINT,
	amount DECIMAL(18, 2),
	status VARCHAR(80),
	external_created_at DATETIME(6),
	external_updated_at DATETIME(6),
	deleted BOOLEAN NOT NULL DEFAULT FALSE,
	deleted_at DATETIME(6),
	created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
	UNIQUE KEY custom_events_salesforce_id_uk (connection_id, salesforce_id),
	INDEX custom_events_contact_idx (contact_id)
) ENGINE=InnoDB;

-- The scheduler finds a connection's last window of an object type by job name and parameters.
CREATE INDEX BATCH_JOB_EXEC_PARAMS_VALUE_IDX ON BATCH_JOB_EXECUTION_PARAMS (PARAMETER_NAME, PARAMETER_VALUE(64));
