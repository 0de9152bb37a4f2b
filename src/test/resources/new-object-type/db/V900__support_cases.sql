-- The app table of the Case object type that NewObjectTypeIntegrationTests adds: its columns,
-- the system columns every app table has, and the (connection, Salesforce Id) key. The outbox
-- triggers come from the job catalog.
CREATE TABLE support_cases (
	id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	connection_id VARCHAR(64) NOT NULL,
	salesforce_id VARCHAR(18),
	subject VARCHAR(255),
	status VARCHAR(40),
	priority VARCHAR(40),
	contact_email VARCHAR(255),
	external_created_at DATETIME(6),
	external_updated_at DATETIME(6),
	deleted BOOLEAN NOT NULL DEFAULT FALSE,
	deleted_at DATETIME(6),
	created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
	UNIQUE KEY support_cases_salesforce_id_uk (connection_id, salesforce_id)
) ENGINE=InnoDB;
