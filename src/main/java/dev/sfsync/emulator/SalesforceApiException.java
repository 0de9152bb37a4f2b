package dev.sfsync.emulator;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * An error the emulator answers with Salesforce's REST error shape:
 * {@code [{"message":…,"errorCode":…,"fields":[…]}]}.
 */
class SalesforceApiException extends RuntimeException {

	private final HttpStatus status;

	private final String errorCode;

	private final List<String> fields;

	SalesforceApiException(HttpStatus status, String errorCode, String message, List<String> fields) {
		super(message);
		this.status = status;
		this.errorCode = errorCode;
		this.fields = List.copyOf(fields);
	}

	SalesforceApiException(HttpStatus status, String errorCode, String message) {
		this(status, errorCode, message, List.of());
	}

	static SalesforceApiException notFound() {
		return new SalesforceApiException(HttpStatus.NOT_FOUND, "NOT_FOUND", "The requested resource does not exist");
	}

	static SalesforceApiException invalidSession() {
		return new SalesforceApiException(HttpStatus.UNAUTHORIZED, "INVALID_SESSION_ID", "Session expired or invalid");
	}

	HttpStatus status() {
		return this.status;
	}

	String errorCode() {
		return this.errorCode;
	}

	List<String> fields() {
		return this.fields;
	}

}
