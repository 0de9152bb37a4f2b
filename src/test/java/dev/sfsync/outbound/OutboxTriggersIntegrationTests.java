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
import dev.sfsync.system.IntegrationTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The outbox triggers follow their definition on the real database: made again when its
 * outbound columns change, and a migration's trigger that leaves one out fails startup.
 */
class OutboxTriggersIntegrationTests extends IntegrationTestSupport {

	private static final Map<String, ColumnType> COLUMNS = Map.of("id", ColumnType.TEXT, "connection_id",
			ColumnType.TEXT, "salesforce_id", ColumnType.TEXT, "name", ColumnType.TEXT, "stage", ColumnType.TEXT,
			"salesforce_account_id", ColumnType.TEXT, "email", ColumnType.TEXT, "deleted", ColumnType.BOOLEAN);

	@Autowired
	private JdbcTemplate jdbc;

	@AfterEach
	void dropTheTestsTriggers() {
		for (String event : List.of("insert", "update", "delete")) {
			this.jdbc.execute("DROP TRIGGER IF EXISTS opportunities_opportunity_outbox_" + event);
		}
		this.jdbc.update("DELETE FROM sync_outbox WHERE connection_id = 'triggers'");
		this.jdbc.update("DELETE FROM opportunities WHERE connection_id = 'triggers'");
	}

	@Test
	void triggersOfAnEarlierDefinitionAreMadeAgainAndCaptureTheColumnsItNowSends() {
		OutboxTriggers triggers = new OutboxTriggers(this.jdbc);
		AppTable table = new AppTable("opportunities", "salesforce_id", Map.of(), List.of(), COLUMNS);
		assertThat(triggers.ensure(opportunity(FieldDirection.IN), table)).containsExactlyInAnyOrder(
				"opportunities_opportunity_outbox_insert", "opportunities_opportunity_outbox_update",
				"opportunities_opportunity_outbox_delete");
		this.jdbc.update("INSERT INTO opportunities (connection_id, salesforce_id, name, stage)"
				+ " VALUES ('triggers', '006000000000001AAA', 'Deal', 'Prospecting')");
		this.jdbc.update("UPDATE opportunities SET stage = 'Closed Won' WHERE connection_id = 'triggers'");
		assertThat(changes()).containsExactly("INSERT:null");

		// when the definition sends the stage too, then only the update trigger is made
		// again, and a stage change is captured
		assertThat(triggers.ensure(opportunity(FieldDirection.BOTH), table))
			.containsExactly("opportunities_opportunity_outbox_update");
		this.jdbc.update("UPDATE opportunities SET stage = 'Closed Lost' WHERE connection_id = 'triggers'");
		assertThat(changes()).containsExactly("INSERT:null", "UPDATE:stage");
		assertThat(triggers.ensure(opportunity(FieldDirection.BOTH), table)).as("nothing changed").isEmpty();
	}

	@Test
	void aMigrationsTriggerThatLeavesOutAnOutboundColumnFailsWithWhatToDo() {
		OutboxTriggers triggers = new OutboxTriggers(this.jdbc);
		AppTable contacts = new AppTable("contacts", "salesforce_contact_id", Map.of(), List.of(), COLUMNS);
		JobDefinition contact = definition("contact", "Contact", "contacts",
				List.of(new FieldMapping("Email", "email", FieldDirection.BOTH, false),
						new FieldMapping("AccountId", "salesforce_account_id", FieldDirection.BOTH, false)));

		assertThatIllegalStateException().isThrownBy(() -> triggers.ensure(contact, contacts))
			.withMessageStartingWith("The outbox trigger contacts_outbox_update, which a migration made, does not"
					+ " capture the outbound column(s) [salesforce_account_id] of contact")
			.withMessageContaining("Make the trigger again in a migration");
	}

	private JobDefinition opportunity(FieldDirection stage) {
		return definition("opportunity", "Opportunity", "opportunities",
				List.of(new FieldMapping("Name", "name", FieldDirection.BOTH, false),
						new FieldMapping("StageName", "stage", stage, false)));
	}

	private static JobDefinition definition(String name, String object, String table, List<FieldMapping> fields) {
		return new JobDefinition(name, object, table, fields, Set.of(), "0 */5 * * * ?",
				new Sizes(2000, 5000, 50000, 200), true, "jobs/" + name + ".yaml", List.of(), AppKeys.DEFAULTS);
	}

	/** The test connection's outbox rows, as operation and changed columns. */
	private List<String> changes() {
		return this.jdbc.queryForList("SELECT CONCAT(operation, ':', COALESCE(changed_columns, 'null'))"
				+ " FROM sync_outbox WHERE connection_id = 'triggers' ORDER BY id", String.class);
	}

}
