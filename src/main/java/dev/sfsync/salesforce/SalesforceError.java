package dev.sfsync.salesforce;

import java.util.List;

/**
 * One error Salesforce reported: its code ({@code errorCode} in REST bodies,
 * {@code statusCode} in Collections results), message and fields.
 *
 * @param code the error code, for example {@code UNABLE_TO_LOCK_ROW}
 * @param message the message
 * @param fields the fields it concerns
 */
public record SalesforceError(String code, String message, List<String> fields) {

	public SalesforceError {
		fields = List.copyOf(fields);
	}

}
