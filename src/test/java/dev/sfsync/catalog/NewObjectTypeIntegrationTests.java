package dev.sfsync.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.sfsync.connection.AuthFlow;
import dev.sfsync.connection.ConnectionRequest;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.connection.Credentials;
import dev.sfsync.emulator.Emulator;
import dev.sfsync.system.TestEmulator;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.inbound.InboundLaunches;
import dev.sfsync.operations.JobParametersDefaults.Launch;
import dev.sfsync.salesforce.ApiBudget;
import dev.sfsync.system.TestCatalogs;
import dev.sfsync.system.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.sfsync.system.SyncIntegrationTestSupport.awaitUntil;
import static dev.sfsync.system.SyncIntegrationTestSupport.settled;

/**
 * One place per object type: Case is added to the shipped catalog with its
 * {@code case.yaml} and its app table's migration from the test resources, and nothing
 * else. sfsync then backfills Cases into the app, and sends the app's new and changed
 * cases to Salesforce through outbox triggers it made from the definition. The test runs
 * in a database of its own, since its schema has one more table than the suite's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("test")
class NewObjectTypeIntegrationTests {

	private static Emulator emulator;

	private static EmulatorAdmin admin;

	@Autowired
	private ConnectionService connections;

	@Autowired
	private JobCatalog catalog;

	@Autowired
	private InboundLaunches launches;

	@Autowired
	private JobOperator operator;

	@Autowired
	private JobRegistry registry;

	@Autowired
	private JdbcTemplate jdbc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestDatabase database = TestDatabase.get();
		String url = database.sibling("sfsync_new_object_type");
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
		registry.add("spring.flyway.locations", () -> "classpath:db/migration,classpath:new-object-type/db");
		registry.add("sfsync.catalog.location", () -> catalogWithCase().toUri().toString());
		registry.add("sfsync.outbound.dispatch", () -> "true");
		registry.add("sfsync.inbound.settle-delay", () -> "1s");
	}

	/** The shipped {@code jobs/} and {@code case.yaml}, in a folder of their own. */
	private static Path catalogWithCase() {
		Path folder = TestCatalogs.copyOfShipped();
		try {
			Files.copy(Path.of("src/test/resources/new-object-type/case.yaml"), folder.resolve("case.yaml"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return folder;
	}

	@BeforeAll
	static void startEmulator() {
		emulator = TestEmulator.get();
		admin = new EmulatorAdmin(emulator.baseUrl());
	}

	@Test
	void caseSyncsBothWaysFromItsDefinitionAndTableAlone() {
		// The org has Cases, as a Salesforce org does; the emulator ships no Case schema.
		EmulatorAdmin.Org org = admin.org("Case Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/objects",
				Map.of("name", "Case", "standard", true, "fields",
						List.of(Map.of("name", "Subject", "type", "string", "length", 255),
								Map.of("name", "Status", "type", "string", "length", 40),
								Map.of("name", "Priority", "type", "string", "length", 40),
								Map.of("name", "SuppliedEmail", "type", "email"),
								Map.of("name", "Sfsync_Id__c", "type", "string", "length", 64, "externalId", true))));
		String printer = admin.create(org, "Case", Map.of("Subject", "Printer on fire", "Status", "New", "Priority",
				"High", "SuppliedEmail", "ada@example.com"));
		admin.create(org, "Case", Map.of("Subject", "Login loop", "Status", "Working", "Priority", "Low"));
		this.connections.create(new ConnectionRequest("cases", "cases", emulator.baseUrl(), AuthFlow.USERNAME_PASSWORD,
				org.consumerKey(), org.username(), new Credentials(org.consumerSecret(), org.password(), null, null),
				null, null, ConnectionSettings.DEFAULTS));
		JobDefinition definition = this.catalog.find("case").orElseThrow();
		assertThat(definition.directions()).contains(Direction.OUTBOUND);
		settled();

		// Inbound: the first sync of Case is its backfill, into support_cases.
		JobExecution backfill = runNext(definition);
		assertThat(backfill.getJobInstance().getJobName()).isEqualTo("case-backfill");
		assertThat(backfill.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.queryForList(
				"SELECT CONCAT(subject, '/', status, '/', priority, '/', COALESCE(contact_email, '-')) FROM support_cases"
						+ " WHERE connection_id = 'cases' ORDER BY subject",
				String.class))
			.containsExactly("Login loop/Working/Low/-", "Printer on fire/New/High/ada@example.com");
		assertThat(this.jdbc.queryForObject(
				"SELECT salesforce_id FROM support_cases WHERE connection_id = 'cases' AND subject = 'Printer on fire'",
				String.class))
			.isEqualTo(printer);

		// Outbound: the triggers made from the definition capture an app case, and the
		// dispatcher sends it to Salesforce, upserted by its external id.
		this.jdbc.update("INSERT INTO support_cases (connection_id, subject, status, priority)"
				+ " VALUES ('cases', 'Refund please', 'New', 'Medium')");
		long appCase = this.jdbc.queryForObject(
				"SELECT id FROM support_cases WHERE connection_id = 'cases' AND subject = 'Refund please'", Long.class);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM sync_outbox WHERE object_type = 'case' AND app_table = 'support_cases'"
						+ " AND app_id = ? AND operation = 'INSERT'",
				Integer.class, appCase))
			.isOne();
		awaitUntil(Duration.ofSeconds(20), "the app case has its Salesforce Id", () -> salesforceIdOf(appCase) != null);
		String created = salesforceIdOf(appCase);
		JsonNode sent = salesforceCase(created);
		assertThat(sent.path("Subject").asString()).isEqualTo("Refund please");
		assertThat(sent.path("Sfsync_Id__c").asString()).isEqualTo("support_cases-" + appCase);

		// A change in the app names only its column, and reaches the same record.
		this.jdbc.update("UPDATE support_cases SET status = 'Escalated' WHERE id = ?", appCase);
		assertThat(this.jdbc.queryForObject("SELECT changed_columns FROM sync_outbox WHERE app_id = ?"
				+ " AND app_table = 'support_cases' AND operation = 'UPDATE'", String.class, appCase))
			.isEqualTo("status");
		awaitUntil(Duration.ofSeconds(20), "the new status is in Salesforce",
				() -> "Escalated".equals(salesforceCase(created).path("Status").asString()));
		// sfsync's own write of the Salesforce Id came back to no outbox row.
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM sync_outbox WHERE app_table = 'support_cases' AND app_id = ?", Integer.class,
				appCase))
			.isEqualTo(2);
	}

	private JobExecution runNext(JobDefinition definition) {
		Launch launch = this.launches.next(definition, "cases");
		try {
			return this.operator.start(this.registry.getJob(launch.jobName()), launch.parameters());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not launch " + launch.jobName(), ex);
		}
	}

	private String salesforceIdOf(long appCase) {
		return this.jdbc.queryForObject("SELECT salesforce_id FROM support_cases WHERE id = ?", String.class, appCase);
	}

	private JsonNode salesforceCase(String id) {
		JsonNode records = this.connections.client("cases", new ApiBudget(1.0, 1.0))
			.query("SELECT Id, Subject, Status, Sfsync_Id__c FROM Case WHERE Id = '" + id + "'", 200, false)
			.path("records");
		assertThat(records.size()).as("Case " + id + " in Salesforce").isOne();
		return records.get(0);
	}

}
