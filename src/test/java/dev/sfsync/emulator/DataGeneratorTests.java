package dev.sfsync.emulator;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobCatalogLoader;
import dev.sfsync.emulator.schema.SchemaCatalog;
import dev.sfsync.salesforce.SalesforceId;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The seed's custom objects: made from their schema, and bad only in the ways the rules
 * of their job definitions catch.
 */
class DataGeneratorTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final String SHIPMENT = """
			object: Shipment__c
			table: shipments
			schedule: "0 */5 * * * ?"
			rules: [skip-outdated]
			fields:
			  Name: { column: name, direction: in }
			  Tracking__c: { column: tracking, direction: in, type: string, length: 12, external-id: true }
			  Carrier__c: { column: carrier, direction: in, type: picklist, values: [DHL, UPS] }
			  Weight__c: { column: weight, direction: in, type: double }
			  Shipped__c: { column: shipped_at, direction: in, type: datetime }
			  Delivered__c: { column: delivered_on, direction: in, type: date }
			  Insured__c: { column: insured, direction: in, type: boolean }
			  Items__c: { column: items, direction: in, type: int }
			""";

	@TempDir
	Path jobs;

	@Test
	void aCustomObjectWithoutRulesThatCatchRecordsGetsOnlyValidRecordsOfItsFieldsTypes() throws IOException {
		Files.writeString(this.jobs.resolve("shipment__c.yaml"), SHIPMENT);
		JobCatalog catalog = catalog();
		Org org = org(catalog);

		DataGenerator.Seeded seeded = new DataGenerator(7, 0.5, NOW, catalog).seed(org, Map.of("Shipment__c", 20));

		assertThat(DataGenerator.objects(org)).endsWith("Event", "Shipment__c");
		assertThat(seeded.records()).containsEntry("Shipment__c", 20);
		assertThat(seeded.bad()).isEmpty();
		List<Map<String, @Nullable Object>> shipments = records(org, "Shipment__c");
		assertThat(shipments).hasSize(20).allSatisfy((shipment) -> {
			assertThat((String) shipment.get("Name")).matches("Shipment \\d+");
			assertThat((String) shipment.get("Tracking__c")).hasSizeLessThanOrEqualTo(12).isNotBlank();
			assertThat(shipment.get("Carrier__c")).isIn("DHL", "UPS");
			assertThat(shipment.get("Weight__c")).isInstanceOf(BigDecimal.class);
			assertThat(shipment.get("Shipped__c")).isInstanceOf(Instant.class);
			assertThat(shipment.get("Delivered__c")).isInstanceOf(LocalDate.class);
			assertThat(shipment.get("Insured__c")).isInstanceOf(Boolean.class);
			assertThat(shipment.get("Items__c")).isInstanceOf(Integer.class);
			assertThat(shipment.get("IsDeleted")).isEqualTo(false);
		});
		assertThat(shipments).extracting((shipment) -> shipment.get("Name")).doesNotHaveDuplicates();

		Org again = org(catalog);
		new DataGenerator(7, 0.5, NOW, catalog).seed(again, Map.of("Shipment__c", 20));
		assertThat(records(again, "Shipment__c")).as("the same seed, the same records").isEqualTo(shipments);
	}

	@Test
	void aCustomObjectThatResolvesContactsIsBadThroughTheFieldsItsRulesRead() throws IOException {
		Files.writeString(this.jobs.resolve("shipment__c.yaml"),
				SHIPMENT.replace("[skip-outdated]", "[skip-outdated, resolve-contact, require-event-name]") + """
						  Subject__c: { column: event_name, direction: in }
						  Recipient_Email__c: { column: contact_email, direction: in, type: email }
						  Recipient__c: { column: app_user_id, direction: in, type: string, length: 64 }
						""");
		JobCatalog catalog = catalog();
		Org org = org(catalog);

		DataGenerator.Seeded seeded = new DataGenerator(7, 0.25, NOW, catalog).seed(org, Map.of("Shipment__c", 40));

		assertThat(seeded.bad()).isEqualTo(Map.of("Shipment__c.MISSING_IDENTIFIER", 3, "Shipment__c.CONTACT_NOT_FOUND",
				3, "Shipment__c.CONFLICTING_IDENTIFIER", 2, "Shipment__c.MISSING_EVENT_NAME", 2));
		Map<String, Integer> contactByEmail = new HashMap<>();
		for (int i = 0; i < 40; i++) {
			contactByEmail.put(DataGenerator.contactEmail(i), i);
		}
		Map<String, Integer> found = new TreeMap<>();
		for (Map<String, @Nullable Object> shipment : records(org, "Shipment__c")) {
			String email = (String) shipment.get("Recipient_Email__c");
			Object user = shipment.get("Recipient__c");
			Integer contact = contactByEmail.get(email);
			String kind;
			if (email == null && user == null) {
				kind = "MISSING_IDENTIFIER";
			}
			else if (email != null && email.endsWith("@nowhere.example")) {
				assertThat(user).asString().startsWith("nobody-");
				kind = "CONTACT_NOT_FOUND";
			}
			else if (contact != null && ("user-" + (contact + 1)).equals(user)) {
				kind = "CONFLICTING_IDENTIFIER";
			}
			else if ("".equals(shipment.get("Subject__c"))) {
				assertThat(user).isEqualTo("user-" + contact);
				kind = "MISSING_EVENT_NAME";
			}
			else {
				assertThat(contact).as("a valid record names a contact: %s", shipment).isNotNull();
				assertThat(user).isEqualTo("user-" + contact);
				assertThat((String) shipment.get("Subject__c")).isNotBlank();
				kind = "VALID";
			}
			found.merge(kind, 1, Integer::sum);
		}
		assertThat(found).isEqualTo(Map.of("VALID", 30, "MISSING_IDENTIFIER", 3, "CONTACT_NOT_FOUND", 3,
				"CONFLICTING_IDENTIFIER", 2, "MISSING_EVENT_NAME", 2));
	}

	@Test
	void onlyTheRulesWhoseColumnsTheDefinitionMapsMakeBadRecords() throws IOException {
		Files.writeString(this.jobs.resolve("shipment__c.yaml"),
				SHIPMENT.replace("[skip-outdated]", "[resolve-contact, require-event-name]") + """
						  Recipient_Email__c: { column: contact_email, direction: in, type: email }
						""");
		JobCatalog catalog = catalog();
		CustomRecords shipments = new CustomRecords(SchemaCatalog.of(catalog).get("Shipment__c"),
				catalog.find("shipment__c").orElseThrow(), new Random(1), NOW);

		assertThat(shipments.reasons()).as("no user id field: no conflict; no event name field: no missing name")
			.containsExactly("MISSING_IDENTIFIER", "CONTACT_NOT_FOUND");
		assertThat(shipments.fields(3, "MISSING_IDENTIFIER")).containsEntry("Recipient_Email__c", null)
			.doesNotContainKey("Recipient__c");
	}

	@Test
	void invoicesOfJobsAreBadInTheFourWaysTheirRulesCatchAndNameTheirContact() {
		JobCatalog catalog = new JobCatalogLoader().load("file:jobs/");
		Org org = org(catalog);

		DataGenerator.Seeded seeded = new DataGenerator(8, 0.2, NOW, catalog).seed(org, Map.of("Invoice__c", 20));

		assertThat(seeded.bad()).isEqualTo(Map.of("Invoice__c.MISSING_IDENTIFIER", 1, "Invoice__c.CONTACT_NOT_FOUND", 1,
				"Invoice__c.CONFLICTING_IDENTIFIER", 1, "Invoice__c.MISSING_EVENT_NAME", 1));
		Map<String, Map<String, @Nullable Object>> byName = new LinkedHashMap<>();
		records(org, "Invoice__c").forEach((invoice) -> byName.put((String) invoice.get("Name"), invoice));
		assertThat(byName.get("Invoice 0")).containsEntry("Contact_Email__c", DataGenerator.contactEmail(0))
			.containsEntry("App_User_Id__c", "user-0");
		assertThat(byName.get("Invoice 0").get("Status__c")).isIn("Draft", "Sent", "Paid", "Void");
		assertThat(byName.get("Invoice 4")).containsEntry("Contact_Email__c", null)
			.containsEntry("App_User_Id__c", null);
		assertThat(byName.get("Invoice 9")).containsEntry("Contact_Email__c", "nobody.9@nowhere.example");
		assertThat(byName.get("Invoice 14")).containsEntry("Contact_Email__c", DataGenerator.contactEmail(14))
			.containsEntry("App_User_Id__c", "user-15");
		assertThat(byName).containsKey("");
	}

	@Test
	void anObjectTheOrgDoesNotHaveIsRefusedWithTheObjectsItHas() {
		JobCatalog catalog = new JobCatalogLoader().load("file:jobs/");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DataGenerator(1, 0, NOW, catalog).seed(org(catalog), Map.of("Widget__c", 1)))
			.withMessageEndingWith("Task, Event, Invoice__c]");
	}

	private JobCatalog catalog() {
		return new JobCatalogLoader().load(this.jobs.toUri().toString());
	}

	private static Org org(JobCatalog catalog) {
		return new Org(SalesforceId.to18("00DA10000000001"), "Org", "A1", 1000, SchemaCatalog.of(catalog));
	}

	/** Each record's fields by name, in Id order. */
	private static List<Map<String, @Nullable Object>> records(Org org, String object) {
		SObjectTable table = org.data().requireTable(object);
		Function<StoredRecord, Map<String, @Nullable Object>> fields = (record) -> {
			Map<String, @Nullable Object> values = new LinkedHashMap<>();
			for (String name : table.schema().fieldNames()) {
				values.put(name, table.get(record, name));
			}
			return values;
		};
		return table.records().map(fields).toList();
	}

}
