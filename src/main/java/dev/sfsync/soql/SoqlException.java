package dev.sfsync.soql;

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

	private final int row;

	private final int column;

	private final String explanation;

	SoqlException(String errorCode, String message) {
		this(errorCode, message, 0, 0, message);
	}

	SoqlException(String errorCode, String message, int row, int column, String explanation) {
		super(message);
		this.errorCode = errorCode;
		this.row = row;
		this.column = column;
		this.explanation = explanation;
	}

	/**
	 * The Salesforce error code, for example {@code MALFORMED_QUERY}.
	 */
	public String errorCode() {
		return this.errorCode;
	}

	/** The 1-based row of the offending token in the text parsed, or 0 when unknown. */
	public int row() {
		return this.row;
	}

	/**
	 * The 1-based column of the offending token in its row, or 0 when unknown.
	 */
	public int column() {
		return this.column;
	}

	/**
	 * What is wrong, without the echoed query and caret, such as
	 * {@code unexpected token: 'AND'}.
	 */
	public String explanation() {
		return this.explanation;
	}

}
