package dev.sfsync.emulator;

import org.jspecify.annotations.Nullable;

/**
 * Fields Salesforce computes on save: the compound {@code Name} of people, an unnamed
 * custom record's {@code Name}, Opportunity {@code IsClosed}/{@code IsWon} from its stage
 * and CampaignMember {@code HasResponded} from its status.
 */
final class DerivedFields {

	private DerivedFields() {
	}

	static void apply(SObjectTable table, @Nullable Object[] values) {
		switch (table.name()) {
			case "Lead", "Contact", "User" -> {
				Object first = value(table, values, "FirstName");
				Object last = value(table, values, "LastName");
				String name = ((first != null) ? first + " " : "") + ((last != null) ? last : "");
				set(table, values, "Name", name.isBlank() ? null : name.strip());
			}
			case "Opportunity" -> {
				Object stage = value(table, values, "StageName");
				set(table, values, "IsClosed", "Closed Won".equals(stage) || "Closed Lost".equals(stage));
				set(table, values, "IsWon", "Closed Won".equals(stage));
			}
			case "CampaignMember" ->
				set(table, values, "HasResponded", "Responded".equals(value(table, values, "Status")));
			case "Task" -> set(table, values, "IsClosed", "Completed".equals(value(table, values, "Status")));
			default -> {
				if (table.schema().custom() && value(table, values, "Name") == null) {
					set(table, values, "Name", value(table, values, "Id"));
				}
			}
		}
	}

	private static @Nullable Object value(SObjectTable table, @Nullable Object[] values, String field) {
		int position = table.position(field);
		return (position >= 0) ? values[position] : null;
	}

	private static void set(SObjectTable table, @Nullable Object[] values, String field, @Nullable Object value) {
		int position = table.position(field);
		if (position >= 0) {
			values[position] = value;
		}
	}

}
