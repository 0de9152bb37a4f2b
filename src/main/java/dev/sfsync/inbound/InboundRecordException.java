package dev.sfsync.inbound;

import dev.sfsync.outcome.OutcomeReason;

/**
 * A record that could not be processed: the step's skip policy skips it, so it counts in
 * the step's skip counts, and the failed-record listener logs it with its reason.
 */
final class InboundRecordException extends RuntimeException {

	private final OutcomeReason reason;

	InboundRecordException(OutcomeReason reason, String detail) {
		super(reason.message() + ": " + detail);
		this.reason = reason;
	}

	OutcomeReason reason() {
		return this.reason;
	}

	String detail() {
		String message = getMessage();
		return message.substring(this.reason.message().length() + 2);
	}

}
