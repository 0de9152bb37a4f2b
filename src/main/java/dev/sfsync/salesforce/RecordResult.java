package dev.sfsync.salesforce;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What Salesforce did with one record of a write, matched to the input by position.
 *
 * @param index the record's position in the input
 * @param id the record's Id, when it was saved (or matched)
 * @param success whether the write succeeded
 * @param created for upserts, whether the record was created
 * @param errors why it failed
 */
public record RecordResult(int index, @Nullable String id, boolean success, @Nullable Boolean created,
		List<SalesforceError> errors) {

	public RecordResult {
		errors = List.copyOf(errors);
	}

	/** The first error's code, or an empty string. */
	public String errorCode() {
		return this.errors.isEmpty() ? "" : this.errors.get(0).code();
	}

	/** Whether a later attempt may succeed: a row lock or a server that was busy. */
	public boolean isTransient() {
		return errorCode().equals("UNABLE_TO_LOCK_ROW") || errorCode().equals("SERVER_UNAVAILABLE");
	}

}
