package dev.sfsync.salesforce;

import java.util.List;

import dev.sfsync.outcome.ClassifiedFailure;
import dev.sfsync.outcome.RunFailureCause;

/**
 * A failed Salesforce call: the HTTP status, the parsed errors (never null, possibly
 * empty) and how the failure is handled, decided once by {@link SalesforceErrors}:
 * retried, recorded against one record, or failing the whole run with its cause.
 */
public class SalesforceException extends RuntimeException implements ClassifiedFailure {

	private final int status;

	private final List<SalesforceError> errors;

	private final Handling handling;

	private final RunFailureCause cause;

	SalesforceException(String message, int status, List<SalesforceError> errors, Handling handling,
			RunFailureCause cause, Throwable origin) {
		super(message, origin);
		this.status = status;
		this.errors = List.copyOf(errors);
		this.handling = handling;
		this.cause = cause;
	}

	SalesforceException(String message, int status, List<SalesforceError> errors, Handling handling,
			RunFailureCause cause) {
		super(message);
		this.status = status;
		this.errors = List.copyOf(errors);
		this.handling = handling;
		this.cause = cause;
	}

	/** How a failure is handled. */
	public enum Handling {

		/**
		 * Worth another try after a backoff: 5xx, timeouts, row locks, concurrency
		 * limits.
		 */
		TRANSIENT,

		/** About one record: it becomes that record's outcome and the run goes on. */
		RECORD,

		/** The run cannot go on: it fails with {@link #runFailureCause()}. */
		RUN

	}

	/** The HTTP status, or 0 when no response came back. */
	public int status() {
		return this.status;
	}

	public List<SalesforceError> errors() {
		return this.errors;
	}

	/** The first error's code, or an empty string. */
	public String errorCode() {
		return this.errors.isEmpty() ? "" : this.errors.get(0).code();
	}

	public Handling handling() {
		return this.handling;
	}

	public boolean isTransient() {
		return this.handling == Handling.TRANSIENT;
	}

	/** The cause a run fails with if this failure ends it. */
	@Override
	public RunFailureCause runFailureCause() {
		return this.cause;
	}

}
