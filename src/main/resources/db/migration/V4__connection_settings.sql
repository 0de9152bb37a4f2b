-- A connection's login and settings. Secrets are never stored in clear: either encrypted with
-- AES-GCM (credentials_ciphertext) or referenced from the environment or a mounted Kubernetes
-- Secret (credentials_ref).
ALTER TABLE connections
	ADD COLUMN login_url VARCHAR(500) NULL,
	ADD COLUMN auth_flow VARCHAR(20) NULL,
	ADD COLUMN client_id VARCHAR(255) NULL,
	ADD COLUMN username VARCHAR(255) NULL,
	ADD COLUMN credentials_ciphertext VARBINARY(8192) NULL,
	ADD COLUMN credentials_ref VARCHAR(500) NULL,
	ADD COLUMN api_version VARCHAR(10) NOT NULL DEFAULT 'v63.0',
	ADD COLUMN settings JSON NULL,
	ADD COLUMN updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6);
