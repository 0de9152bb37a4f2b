package dev.sfsync.inbound;

import java.time.Instant;

import dev.sfsync.store.ColumnType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A Salesforce record read in a step, with what the app already knows about it.
 *
 * @param record the record as Salesforce gave it (REST's typed JSON or Bulk's strings)
 * @param state the app-side state, loaded with the record's page
 */
record InboundItem(JsonNode record, AppState state) {

	String salesforceId() {
		return this.record.path("Id").asString("");
	}

	/**
	 * A deleted record the app never had, or whose delete it already applied: nothing to
	 * do and nothing to report, so the readers leave it out.
	 */
	boolean irrelevant() {
		JsonNode isDeleted = this.record.path("IsDeleted");
		// REST gives a JSON boolean, Bulk the text "true".
		if (!(isDeleted.isBoolean() ? isDeleted.booleanValue()
				: isDeleted.isString() && isDeleted.stringValue().equalsIgnoreCase("true"))) {
			return false;
		}
		Instant modstamp = instant(this.record, "SystemModstamp");
		return !this.state.exists() || (this.state.deleted() && modstamp != null && this.state.storedAtLeast(modstamp));
	}

	/** A dateTime field of a record, or null when it is empty or cannot be read. */
	static @Nullable Instant instant(JsonNode record, String field) {
		try {
			String text = record.path(field).asString("");
			return text.isEmpty() ? null : ColumnType.dateTime(text);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
