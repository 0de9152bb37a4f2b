package dev.sfsync.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.sfsync.catalog.JobCatalogLoader;
import dev.sfsync.system.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The app side of the shipped catalog comes from its files alone, and a catalog whose
 * object types could not be told apart in a shared table, or name a fixed column the
 * table lacks, stops startup with the file and what to do.
 */
class AppTablesIntegrationTests extends IntegrationTestSupport {

	private static final String TASK = """
			object: Task
			table: activities
			schedule: "0 */5 * * * ?"
			fields:
			  Subject: { column: subject, direction: in }
			""";

	@Autowired
	private JdbcTemplate jdbc;

	@TempDir
	private Path folder;

	@Test
	void theShippedCatalogsKeysFixedValuesAndReferencesComeFromItsFiles() {
		AppTables tables = new AppTables(new JobCatalogLoader().load("file:jobs/"), this.jdbc);
		AppTable contacts = tables.get("contact");
		assertThat(contacts.keyColumn()).isEqualTo("salesforce_contact_id");
		assertThat(contacts.references()).containsExactly(
				new AppTable.Reference("company_id", "salesforce_account_id", "companies", "salesforce_id"));
		assertThat(tables.get("lead").keyColumn()).isEqualTo("salesforce_lead_id");
		assertThat(tables.get("task").fixedColumns()).containsExactly(Map.entry("kind", "task"));
		assertThat(tables.get("event").references()).containsExactly(
				new AppTable.Reference("contact_id", "salesforce_who_id", "contacts", "salesforce_contact_id"),
				new AppTable.Reference("contact_id", "salesforce_who_id", "contacts", "salesforce_lead_id"));
		assertThat(tables.get("invoice__c").fixedColumns()).containsExactly(Map.entry("event_type", "invoice"));
		assertThat(tables.get("campaign-member").references()).hasSize(3);
	}

	@Test
	void objectTypesThatShareATableMustBeToldApart() throws IOException {
		Files.writeString(this.folder.resolve("task.yaml"), TASK);
		Files.writeString(this.folder.resolve("event.yaml"), TASK.replace("Task", "Event"));
		assertThatIllegalStateException()
			.isThrownBy(() -> new AppTables(new JobCatalogLoader().load(this.folder.toUri().toString()), this.jdbc))
			.withMessageContaining("shares table activities with another object type whose rows it could not be told"
					+ " from: give each a fixed value");
		Files.writeString(this.folder.resolve("task.yaml"), TASK + "fixed: { kind: task }\n");
		Files.writeString(this.folder.resolve("event.yaml"),
				TASK.replace("Task", "Event") + "fixed: { colour: red }\n");
		assertThatIllegalStateException()
			.isThrownBy(() -> new AppTables(new JobCatalogLoader().load(this.folder.toUri().toString()), this.jdbc))
			.withMessageContaining("fixed.colour is not a column of activities");
		Files.writeString(this.folder.resolve("event.yaml"),
				TASK.replace("Task", "Event") + "fixed: { kind: event }\n");
		assertThat(new AppTables(new JobCatalogLoader().load(this.folder.toUri().toString()), this.jdbc).get("event")
			.fixedColumns()).containsEntry("kind", "event");
	}

}
