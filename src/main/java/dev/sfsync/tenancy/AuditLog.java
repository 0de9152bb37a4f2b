package dev.sfsync.tenancy;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The audit of every state-changing call, in {@code sync_operator_audit}: who, what,
 * which connection (and run), when and how it went, including the calls that were
 * refused.
 */
public class AuditLog {

	static final String DETAIL_ATTRIBUTE = AuditLog.class.getName() + ".detail";

	/** How a call went. */
	public enum Outcome {

		/** It was carried out. */
		DONE,
		/** It was refused for its input or the state of what it touches. */
		REJECTED,
		/** The caller may not make it (403, or 404 for another tenant's resource). */
		DENIED,
		/** It failed on the server's side. */
		FAILED

	}

	private final JdbcTemplate jdbc;

	AuditLog(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void record(String actor, String action, @Nullable String connectionId, @Nullable Long executionId,
			@Nullable String jobName, Outcome outcome, @Nullable String detail) {
		this.jdbc.update("INSERT INTO sync_operator_audit (occurred_at, actor, action, connection_id,"
				+ " job_execution_id, job_name, outcome, detail) VALUES (UTC_TIMESTAMP(6), ?, ?, ?, ?, ?, ?, ?)",
				cut(actor, 200), cut(action, 40), cut(connectionId, 64), executionId, jobName, outcome.name(),
				cut(detail, 2500));
	}

	/**
	 * Adds what the current request did to its audit row: the connection it touched when
	 * its path does not name it, and a plain-language result. Never pass a secret.
	 */
	public static void describe(@Nullable String connectionId, String detail) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			if (connectionId != null) {
				request.setAttribute(Authorization.CONNECTION_ATTRIBUTE, connectionId, RequestAttributes.SCOPE_REQUEST);
			}
			request.setAttribute(DETAIL_ATTRIBUTE, detail, RequestAttributes.SCOPE_REQUEST);
		}
	}

	private static @Nullable String cut(@Nullable String text, int length) {
		return (text != null && text.length() > length) ? text.substring(0, length) : text;
	}

}
