package dev.sfsync.emulator;

import java.time.Clock;

import dev.sfsync.soql.SoqlException;
import dev.sfsync.soql.SoqlParser;
import dev.sfsync.soql.SoqlQuery;
import org.jspecify.annotations.Nullable;

/** Compiles validation rules, whose conditions are SOQL WHERE expressions. */
final class ValidationRules {

	private final Clock clock;

	ValidationRules(Clock clock) {
		this.clock = clock;
	}

	ValidationRule compile(OrgData data, SObjectTable table, String name, String condition, String errorMessage,
			@Nullable String errorField) {
		if (errorField != null && table.position(errorField) < 0) {
			throw new IllegalArgumentException("No field " + errorField + " on " + table.name());
		}
		SoqlQuery query;
		try {
			query = SoqlParser.parse("SELECT Id FROM " + table.name() + " WHERE " + condition, new OrgSoqlSchema(data),
					this.clock);
		}
		catch (SoqlException ex) {
			throw new IllegalArgumentException(
					"The condition of validation rule " + name + " is not valid: " + ex.getMessage().strip());
		}
		OrgSoqlSchema schema = new OrgSoqlSchema(data);
		return new ValidationRule(name, condition, errorMessage, errorField,
				(rowTable, values) -> query.matches(schema.record(rowTable, new StoredRecord("unsaved", values))));
	}

}
