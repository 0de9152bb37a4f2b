package dev.sfsync.emulator.soql;

/**
 * A query Salesforce would refuse, with its error code ({@code MALFORMED_QUERY},
 * {@code INVALID_FIELD}, {@code INVALID_TYPE} or {@code NUMBER_OUTSIDE_VALID_RANGE}) and
 * a message in Salesforce's shape, so the emulator can return both unchanged.
 */
public class SoqlException extends RuntimeException {

	static final String MALFORMED_QUERY = "MALFORMED_QUERY";

	static final String INVALID_FIELD = "INVALID_FIELD";

	static final String INVALID_TYPE = "INVALID_TYPE";

	static final String NUMBER_OUTSIDE_VALID_RANGE = "NUMBER_OUTSIDE_VALID_RANGE";

	private final String errorCode;

	SoqlException(String errorCode, String message) {
		super(message);
		this.errorCode = errorCode;
	}

	/**
	 * The Salesforce error code, for example {@code MALFORMED_QUERY}.
	 */
	public String errorCode() {
		return this.errorCode;
	}

}
