-- The audit names the connection every state-changing call touched (connection changes, tests,
-- pause and resume, re-queues and run controls, refused ones included), so a tenant's trail is an
-- index range: SELECT … FROM sync_operator_audit WHERE connection_id = ? ORDER BY occurred_at DESC.
ALTER TABLE sync_operator_audit
	ADD COLUMN connection_id VARCHAR(64) NULL AFTER action,
	MODIFY action VARCHAR(40) NOT NULL,
	ADD KEY sync_operator_audit_connection_idx (connection_id, occurred_at);
