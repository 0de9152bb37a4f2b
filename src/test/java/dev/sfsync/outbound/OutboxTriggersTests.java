package dev.sfsync.outbound;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.sfsync.catalog.AppKeys;
import dev.sfsync.catalog.FieldDirection;
import dev.sfsync.catalog.FieldMapping;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.catalog.Sizes;
import dev.sfsync.store.AppTable;
import dev.sfsync.store.ColumnType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The outbox triggers made from a definition: its outbound columns only, its fixed values
 * on both the new and the old row, and names the database takes.
 */
class OutboxTriggersTests {

	private static final Map<String, ColumnType> COLUMNS = Map.of("id", ColumnType.TEXT, "connection_id",
			ColumnType.TEXT, "salesforce_id", ColumnType.TEXT, "subject", ColumnType.TEXT, "status", ColumnType.TEXT,
			"kind", ColumnType.TEXT, "deleted", ColumnType.BOOLEAN);

	@Test
	void theUpdateTriggerNamesOnlyOutboundColumnsAndEveryTriggerKeepsToItsFixedValues() {
		Map<String, String> triggers = OutboxTriggers.triggers(
				definition("note",
						List.of(new FieldMapping("Subject", "subject", FieldDirection.BOTH, false),
								new FieldMapping("Status", "status", FieldDirection.IN, false))),
				table(Map.of("kind", "note")));

		assertThat(triggers).containsOnlyKeys("activities_note_outbox_insert", "activities_note_outbox_update",
				"activities_note_outbox_delete");
		assertThat(triggers.get("activities_note_outbox_update"))
			.contains("IF(NEW.subject <=> OLD.subject, NULL, 'subject')")
			.doesNotContain("status")
			.endsWith(" AND NEW.kind = 'note'");
		assertThat(triggers.get("activities_note_outbox_insert")).contains("'INSERT', NEW.salesforce_id")
			.endsWith("AND NOT NEW.deleted AND NEW.kind = 'note'");
		assertThat(triggers.get("activities_note_outbox_delete")).endsWith("AND NOT OLD.deleted AND OLD.kind = 'note'");
	}

	@Test
	void aDefinitionWithNothingToSendOnUpdateStillMakesValidTriggersAndLongNamesAreRefused() {
		Map<String, String> triggers = OutboxTriggers.triggers(
				definition("note", List.of(new FieldMapping("Status", "status", FieldDirection.IN, false))),
				table(Map.of()));
		assertThat(triggers.get("activities_note_outbox_update")).doesNotContain("CONCAT_WS").contains("OR '' <> ''");
		assertThatIllegalStateException()
			.isThrownBy(() -> OutboxTriggers.name("a".repeat(40), "b".repeat(20), "insert"))
			.withMessageContaining("longer than the database's 64 characters");
	}

	@Test
	void theColumnsAnUpdateTriggerCapturesAreReadFromItsBody() {
		String update = OutboxTriggers
			.triggers(
					definition("note",
							List.of(new FieldMapping("Subject", "subject", FieldDirection.BOTH, false),
									new FieldMapping("Status", "status", FieldDirection.OUT, false))),
					table(Map.of("kind", "note")))
			.get("activities_note_outbox_update");

		assertThat(OutboxTriggers.body(update)).startsWith("INSERT INTO sync_outbox");
		assertThat(OutboxTriggers.captured(OutboxTriggers.body(update))).containsExactlyInAnyOrder("subject", "status");
		assertThat(OutboxTriggers.captured("IF(NEW.email <=> OLD.email, NULL, 'email'), IF(NEW.a <=> OLD.b, 1, 2)"))
			.containsExactly("email");
	}

	private static JobDefinition definition(String name, List<FieldMapping> fields) {
		return new JobDefinition(name, "Note__c", "activities", fields, Set.of(), "0 */5 * * * ?",
				new Sizes(2000, 5000, 50000, 200), true, "jobs/" + name + ".yaml", List.of(), AppKeys.DEFAULTS);
	}

	private static AppTable table(Map<String, Object> fixed) {
		return new AppTable("activities", "salesforce_id", fixed, List.of(), COLUMNS);
	}

}
