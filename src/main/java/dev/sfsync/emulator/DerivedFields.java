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
				Object first = table.value(values, "FirstName");
				Object last = table.value(values, "LastName");
				String name = ((first != null) ? first + " " : "") + ((last != null) ? last : "");
				table.set(values, "Name", name.isBlank() ? null : name.strip());
			}
			case "Opportunity" -> {
				Object stage = table.value(values, "StageName");
				table.set(values, "IsClosed", "Closed Won".equals(stage) || "Closed Lost".equals(stage));
				table.set(values, "IsWon", "Closed Won".equals(stage));
			}
			case "CampaignMember" ->
				table.set(values, "HasResponded", "Responded".equals(table.value(values, "Status")));
			case "Task" -> table.set(values, "IsClosed", "Completed".equals(table.value(values, "Status")));
			default -> {
				if (table.schema().custom() && table.value(values, "Name") == null) {
					table.set(values, "Name", table.value(values, "Id"));
				}
			}
		}
	}

}
