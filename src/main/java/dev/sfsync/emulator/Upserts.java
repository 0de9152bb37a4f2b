package dev.sfsync.emulator;

import java.util.List;

import dev.sfsync.emulator.schema.FieldSchema;

import org.springframework.http.HttpStatus;

/** Finds the records an upsert by external id matches. */
final class Upserts {

	private Upserts() {
	}

	/** The external id field and the live records whose value matches. */
	record Match(FieldSchema field, List<StoredRecord> records) {
	}

	static Match match(SObjectTable table, String fieldName, String value) {
		int position = table.position(fieldName);
		if (position < 0) {
			throw new SalesforceApiException(HttpStatus.NOT_FOUND, "NOT_FOUND",
					"Provided external ID field does not exist or is not accessible: " + fieldName);
		}
		FieldSchema field = table.field(position);
		if (!field.externalId() && !field.name().equals("Id")) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_FIELD",
					"Field " + field.name() + " is not an external id field and cannot be used for upsert",
					List.of(field.name()));
		}
		List<StoredRecord> records = (field.name().equals("Id") ? table.find(value).stream()
				: table.lookup(position, value).stream().flatMap((id) -> table.find(id).stream()))
			.filter((record) -> !table.isDeleted(record))
			.toList();
		return new Match(field, records);
	}

}
