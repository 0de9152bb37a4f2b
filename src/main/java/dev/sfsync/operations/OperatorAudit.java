package dev.sfsync.operations;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records every operator action in {@code sync_operator_audit}: who, what, when, how it
 * went.
 */
final class OperatorAudit {

	private final JdbcTemplate jdbc;

	OperatorAudit(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void record(String actor, String action, @Nullable Long executionId, @Nullable String jobName, boolean done,
			@Nullable String detail) {
		this.jdbc.update(
				"INSERT INTO sync_operator_audit (occurred_at, actor, action, job_execution_id, job_name, outcome,"
						+ " detail) VALUES (UTC_TIMESTAMP(6), ?, ?, ?, ?, ?, ?)",
				actor, action, executionId, jobName, done ? "DONE" : "REJECTED",
				(detail != null && detail.length() > 2500) ? detail.substring(0, 2500) : detail);
	}

}
