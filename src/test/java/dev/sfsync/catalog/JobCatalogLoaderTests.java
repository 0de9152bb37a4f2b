package dev.sfsync.catalog;

import java.io.IOException;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

class JobCatalogLoaderTests {

	private static final String VALID = """
			object: Contact
			table: contacts
			schedule: "0 */5 * * * ?"
			outbound: true
			sizes:
			  page: 2000
			  chunk: 5000
			  backfill: 50000
			  outbound-batch: 200
			rules: [require-email, skip-outdated]
			fields:
			  Email: { column: email, direction: both }
			  AccountId: { column: salesforce_account_id, direction: in }
			""";

	private static final String SHIPMENT = """
			object: Shipment__c
			table: shipments
			schedule: "0 */5 * * * ?"
			fields:
			  Name: { column: name, direction: in }
			  Tracking__c: { column: tracking, direction: in, type: string, length: 40, external-id: true }
			  Notes__c: { column: notes, direction: in, type: textarea, length: 32000 }
			  Carrier__c: { column: carrier, direction: in, type: picklist, values: [DHL, UPS] }
			  Weight__c: { column: weight, direction: in, type: double }
			  Shipped__c: { column: shipped_at, direction: in, type: datetime }
			  Reference__c: { column: reference, direction: in }
			""";

	@TempDir
	Path jobs;

	private final JobCatalogLoader loader = new JobCatalogLoader();

	@Test
	void loadsEveryShippedDefinitionWithTheArchitecturesSizes() {
		JobCatalog catalog = this.loader.load("file:jobs/");
		assertThat(catalog.definitions()).extracting(JobDefinition::name)
			.contains("contact", "lead", "account", "opportunity", "opportunity-contact-role", "campaign",
					"campaign-member", "task", "event", "user", "invoice__c");
		assertThat(catalog.definitions()).allSatisfy((definition) -> {
			assertThat(definition.sizes()).isEqualTo(new Sizes(2000, 5000, 50000, 200));
			assertThat(definition.fields()).isNotEmpty();
		});
		assertThat(catalog.find("invoice__c")).get()
			.extracting(JobDefinition::salesforceObject)
			.isEqualTo("Invoice__c");
	}

	@Test
	void readsFieldsRulesScheduleAndDirectionsOfAFile() throws IOException {
		write("contact.yaml", VALID);
		JobDefinition contact = this.loader.load(location()).find("contact").orElseThrow();
		assertThat(contact.salesforceObject()).isEqualTo("Contact");
		assertThat(contact.table()).isEqualTo("contacts");
		assertThat(contact.schedule()).isEqualTo("0 */5 * * * ?");
		assertThat(contact.rules()).containsExactlyInAnyOrder(SyncRule.REQUIRE_EMAIL, SyncRule.SKIP_OUTDATED);
		assertThat(contact.fields()).containsExactly(new FieldMapping("Email", "email", FieldDirection.BOTH),
				new FieldMapping("AccountId", "salesforce_account_id", FieldDirection.IN));
		assertThat(contact.directions()).containsExactly(Direction.INBOUND, Direction.BACKFILL, Direction.OUTBOUND,
				Direction.RECONCILE);
		assertThat(contact.jobName(Direction.BACKFILL)).isEqualTo("contact-backfill");
	}

	@Test
	void omittedSizesTakeTheDefaultsAndInboundOnlyHasNoOutboundJob() throws IOException {
		write("user.yaml", """
				object: User
				table: users
				schedule: "0 0 * * * ?"
				fields:
				  Email: { column: email, direction: in }
				""");
		JobDefinition user = this.loader.load(location()).find("user").orElseThrow();
		assertThat(user.sizes()).isEqualTo(new Sizes(2000, 5000, 50000, 200));
		assertThat(user.directions()).containsExactly(Direction.INBOUND, Direction.BACKFILL, Direction.RECONCILE);
	}

	@Test
	void badYamlNamesTheFileAndTheLine() throws IOException {
		write("contact.yaml", "object: Contact\ntable: [contacts\nschedule: x\n");
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessageStartingWith("Invalid job definition jobs/contact.yaml: line ")
			.satisfies((ex) -> assertThat(ex.file()).isEqualTo("jobs/contact.yaml"));
	}

	@Test
	void theAppSideOfAnObjectTypeIsReadFromItsFile() throws IOException {
		write("contact.yaml", VALID + "key-column: salesforce_contact_id\nfixed: { kind: person }\n"
				+ "references:\n  - { field: Email, column: company_id, to: [Account, Lead] }\n");
		AppKeys app = this.loader.load(location()).definitions().get(0).app();
		assertThat(app).isEqualTo(new AppKeys("salesforce_contact_id", Map.of("kind", "person"),
				List.of(new AppKeys.Reference("Email", "company_id", List.of("Account", "Lead")))));
		write("contact.yaml", VALID);
		assertThat(this.loader.load(location()).definitions().get(0).app()).isEqualTo(AppKeys.DEFAULTS);
	}

	@Test
	void anAppSideThatWouldReachSqlUncheckedIsRefused() throws IOException {
		write("contact.yaml", VALID + "fixed: { kind: \"task' OR 1=1 --\" }\n");
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessageContaining("key 'fixed.kind'")
			.withMessageEndingWith("allowed: a value of 1 to 64 letters, digits, underscores or hyphens");
		write("contact.yaml", VALID + "key-column: \"id; DROP TABLE contacts\"\n");
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessageContaining("key 'key-column'");
		write("contact.yaml", VALID + "references:\n  - { field: NotMapped, column: company_id, to: [Account] }\n");
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessageContaining("key 'references[0].field' has value 'NotMapped'");
	}

	@Test
	void unknownKeyNamesTheKeyAndTheAllowedKeys() throws IOException {
		write("contact.yaml", VALID + "scheduel: \"0 0 * * * ?\"\n");
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessage("Invalid job definition jobs/contact.yaml: key 'scheduel' has value '(unknown key)';"
					+ " allowed: one of fields, fixed, key-column, label, object, outbound, references, rules, schedule, sizes,"
					+ " table");
	}

	@Test
	void aRecordsLabelIsItsNamesThenItsEmailByDefaultOrTheFieldsTheFileNames() throws IOException {
		JobCatalog shipped = this.loader.load("file:jobs/");
		JobDefinition contact = shipped.find("contact").orElseThrow();
		assertThat(contact.label()).containsExactly("FirstName", "LastName", "Email");
		assertThat(contact.labelColumns()).containsExactly("first_name", "last_name", "email");
		List<String> ada = List.of("Ada", "Lovelace", "ada@example.com");
		assertThat(contact.labelOf(ada::get)).isEqualTo("Ada Lovelace (ada@example.com)");
		assertThat(contact.labelOf((i) -> (i == 2) ? "ada@example.com" : " ")).isEqualTo("ada@example.com");
		assertThat(contact.labelOf((i) -> null)).isNull();
		assertThat(contact.labelOf((i) -> "x".repeat(200))).hasSize(JobDefinition.LABEL_LENGTH).endsWith("…");
		assertThat(shipped.find("task").orElseThrow().label()).containsExactly("Subject");
		assertThat(shipped.find("account").orElseThrow().label()).containsExactly("Name");
		assertThat(shipped.find("invoice__c").orElseThrow().label()).containsExactly("Name", "Contact_Email__c");
		assertThat(shipped.find("invoice__c").orElseThrow().labelOf(List.of("Invoice 7", "ada@example.com")::get))
			.isEqualTo("Invoice 7 (ada@example.com)");

		write("contact.yaml", VALID + "label: [Email, Phone]\n");
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessage("Invalid job definition jobs/contact.yaml: key 'label' has value 'Phone';"
					+ " allowed: a list of this file's mapped Salesforce fields, such as [FirstName, LastName, Email]");
	}

	@Test
	void unknownNestedKeyNamesItsPath() throws IOException {
		write("contact.yaml", VALID.replace("  chunk: 5000", "  chunks: 5000"));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessage("Invalid job definition jobs/contact.yaml: key 'sizes.chunks' has value '(unknown key)';"
					+ " allowed: one of backfill, chunk, outbound-batch, page");
	}

	@Test
	void missingObjectIsNamed() throws IOException {
		write("contact.yaml", VALID.replace("object: Contact\n", ""));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessage("Invalid job definition jobs/contact.yaml: key 'object' has value '(missing)';"
					+ " allowed: a Salesforce object API name such as Contact or Invoice__c");
	}

	@Test
	void sizeOutOfRangeNamesTheRange() throws IOException {
		write("contact.yaml", VALID.replace("page: 2000", "page: 5000"));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessage("Invalid job definition jobs/contact.yaml: key 'sizes.page' has value '5000';"
					+ " allowed: a whole number from 200 to 2000");
	}

	@Test
	void outboundBatchAboveTheCollectionsLimitIsRejected() throws IOException {
		write("contact.yaml", VALID.replace("outbound-batch: 200", "outbound-batch: 201"));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessageContaining("key 'sizes.outbound-batch' has value '201'; allowed: a whole number from 1 to 200");
	}

	@Test
	void sizeThatIsNotANumberIsNamed() throws IOException {
		write("contact.yaml", VALID.replace("chunk: 5000", "chunk: lots"));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessage("Invalid job definition jobs/contact.yaml: key 'sizes.chunk' has value 'lots';"
					+ " allowed: a whole number");
	}

	@Test
	void badCronNamesTheExpressionAndTheExpectedForm() throws IOException {
		write("contact.yaml", VALID.replace("0 */5 * * * ?", "every five minutes"));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessageStartingWith("Invalid job definition jobs/contact.yaml: key 'schedule' has value"
					+ " 'every five minutes'; allowed: a Quartz cron expression with seconds");
	}

	@Test
	void duplicateObjectNamesBothFiles() throws IOException {
		write("contact.yaml", VALID);
		write("person.yaml", VALID);
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessage("Invalid job definition jobs/person.yaml: key 'object' has value 'Contact';"
					+ " allowed: an object not defined by another file (jobs/contact.yaml already defines it)");
	}

	@Test
	void unknownFieldDirectionListsTheDirections() throws IOException {
		write("contact.yaml", VALID.replace("direction: both", "direction: sideways"));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessage("Invalid job definition jobs/contact.yaml: key 'fields.Email.direction' has value 'sideways';"
					+ " allowed: one of in, out, both");
	}

	@Test
	void aCustomObjectsFieldsDeclareTheirSalesforceTypesOrAreText() throws IOException {
		write("shipment__c.yaml", SHIPMENT);
		JobDefinition shipment = this.loader.load(location()).find("shipment__c").orElseThrow();
		assertThat(shipment.fields()).extracting(FieldMapping::salesforceField, FieldMapping::type)
			.containsExactly(tuple("Name", SalesforceType.TEXT),
					tuple("Tracking__c", new SalesforceType(SalesforceType.Kind.STRING, 40, List.of(), true)),
					tuple("Notes__c", new SalesforceType(SalesforceType.Kind.TEXTAREA, 32000, List.of(), false)),
					tuple("Carrier__c",
							new SalesforceType(SalesforceType.Kind.PICKLIST, 0, List.of("DHL", "UPS"), false)),
					tuple("Weight__c", new SalesforceType(SalesforceType.Kind.DOUBLE, 0, List.of(), false)),
					tuple("Shipped__c", new SalesforceType(SalesforceType.Kind.DATETIME, 0, List.of(), false)),
					tuple("Reference__c", SalesforceType.TEXT));
		assertThat(List.of(SalesforceType.Kind.values())).extracting(SalesforceType.Kind::id)
			.containsExactly("string", "textarea", "email", "phone", "url", "boolean", "int", "double", "currency",
					"percent", "date", "datetime", "picklist");
	}

	@Test
	void theShippedInvoiceDeclaresItsFieldsTypes() {
		JobDefinition invoice = this.loader.load("file:jobs/").find("invoice__c").orElseThrow();
		assertThat(invoice.fields()).extracting(FieldMapping::salesforceField, FieldMapping::type)
			.containsExactly(tuple("Name", SalesforceType.TEXT),
					tuple("Contact_Email__c", new SalesforceType(SalesforceType.Kind.EMAIL, 0, List.of(), false)),
					tuple("App_User_Id__c", new SalesforceType(SalesforceType.Kind.STRING, 64, List.of(), true)),
					tuple("Amount__c", new SalesforceType(SalesforceType.Kind.CURRENCY, 0, List.of(), false)),
					tuple("Status__c", new SalesforceType(SalesforceType.Kind.PICKLIST, 0,
							List.of("Draft", "Sent", "Paid", "Void"), false)));
	}

	@Test
	void aTypeThatIsNotSalesforcesListsTheTypes() throws IOException {
		write("shipment__c.yaml", SHIPMENT.replace("type: double", "type: foo"));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessage("Invalid job definition jobs/shipment__c.yaml: key 'fields.Weight__c.type' has value 'foo';"
					+ " allowed: one of string, textarea, email, phone, url, boolean, int, double, currency, percent,"
					+ " date, datetime, picklist");
	}

	@Test
	void aLengthOutOfRangeOrOnATypeWithoutOneIsRefused() throws IOException {
		write("shipment__c.yaml", SHIPMENT.replace("length: 40", "length: 256"));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessage("Invalid job definition jobs/shipment__c.yaml: key 'fields.Tracking__c.length' has value"
					+ " '256'; allowed: a whole number from 1 to 255 for type string");
		write("shipment__c.yaml", SHIPMENT.replace("length: 32000", "length: 0"));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessage("Invalid job definition jobs/shipment__c.yaml: key 'fields.Notes__c.length' has value"
					+ " '0'; allowed: a whole number from 1 to 131072 for type textarea");
		write("shipment__c.yaml", SHIPMENT.replace("type: double", "type: double, length: 10"));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessage("Invalid job definition jobs/shipment__c.yaml: key 'fields.Weight__c.length' has value"
					+ " '10'; allowed: a length only with type string (1 to 255) or textarea (1 to 131072);"
					+ " type double has Salesforce's");
		write("shipment__c.yaml", SHIPMENT.replace("length: 40", "length: long"));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessage("Invalid job definition jobs/shipment__c.yaml: key 'fields.Tracking__c.length' has value"
					+ " 'long'; allowed: a whole number");
	}

	@Test
	void picklistValuesAreRequiredDistinctAndOnlyOnAPicklist() throws IOException {
		write("shipment__c.yaml", SHIPMENT.replace(", values: [DHL, UPS]", ""));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessage("Invalid job definition jobs/shipment__c.yaml: key 'fields.Carrier__c.values' has value"
					+ " '(missing)'; allowed: a list of the picklist's distinct values, each 1 to 255 characters,"
					+ " such as [Draft, Sent]");
		write("shipment__c.yaml", SHIPMENT.replace("[DHL, UPS]", "[DHL, UPS, DHL]"));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessageContaining("key 'fields.Carrier__c.values' has value 'DHL'; allowed: a list of the");
		write("shipment__c.yaml", SHIPMENT.replace("[DHL, UPS]", "[DHL, \"\"]"));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessageContaining("key 'fields.Carrier__c.values' has value ''; allowed: a list of the");
		write("shipment__c.yaml", SHIPMENT.replace("type: double", "type: double, values: [1, 2]"));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessage("Invalid job definition jobs/shipment__c.yaml: key 'fields.Weight__c.values' has value"
					+ " '[1, 2]'; allowed: values only with type picklist");
	}

	@Test
	void anExternalIdIsTextEmailOrANumber() throws IOException {
		write("shipment__c.yaml", SHIPMENT.replace("type: datetime", "type: datetime, external-id: true"));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessage("Invalid job definition jobs/shipment__c.yaml: key 'fields.Shipped__c.external-id' has value"
					+ " 'true'; allowed: true only with type string, email, int or double; type datetime cannot be one");
		write("shipment__c.yaml", SHIPMENT.replace("external-id: true", "external-id: maybe"));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessage("Invalid job definition jobs/shipment__c.yaml: key 'fields.Tracking__c.external-id' has"
					+ " value 'maybe'; allowed: true or false");
	}

	@Test
	void onlyACustomObjectsCustomFieldsDeclareATypeSinceSalesforceTypesTheRest() throws IOException {
		write("shipment__c.yaml", SHIPMENT.replace("Name: { column: name, direction: in }",
				"Name: { column: name, direction: in, type: string }"));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessage("Invalid job definition jobs/shipment__c.yaml: key 'fields.Name.type' has value 'string';"
					+ " allowed: no type here: only a custom object's custom fields (names ending in __c) declare one");
		Files.delete(this.jobs.resolve("shipment__c.yaml"));
		write("contact.yaml", VALID + "  Score__c: { column: score, direction: in, length: 10 }\n");
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessageContaining("key 'fields.Score__c.length' has value '10'; allowed: no type here");
	}

	@Test
	void unknownFieldKeyListsTheFieldKeys() throws IOException {
		write("shipment__c.yaml", SHIPMENT.replace("external-id: true", "externalId: true"));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessage("Invalid job definition jobs/shipment__c.yaml: key 'fields.Tracking__c.externalId' has value"
					+ " '(unknown key)'; allowed: one of column, direction, external-id, length, required, type,"
					+ " values");
	}

	@Test
	void unknownRuleListsTheRules() throws IOException {
		write("contact.yaml", VALID.replace("require-email", "require-emial"));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessageStartingWith("Invalid job definition jobs/contact.yaml: key 'rules[0]' has value"
					+ " 'require-emial'; allowed: one of require-email, skip-converted-leads");
	}

	@Test
	void duplicateYamlKeyIsRejected() throws IOException {
		write("contact.yaml", VALID + "table: people\n");
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessageStartingWith("Invalid job definition jobs/contact.yaml: ")
			.withMessageContaining("table");
	}

	@Test
	void twoFieldsIntoOneColumnAreRejected() throws IOException {
		write("contact.yaml", VALID.replace("column: salesforce_account_id", "column: email"));
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessage("Invalid job definition jobs/contact.yaml: key 'fields.AccountId.column' has value 'email';"
					+ " allowed: a column not already mapped (fields.Email maps to it)");
	}

	@Test
	void fileNameMustBeAnObjectTypeName() throws IOException {
		write("Contact Sync.yaml", VALID);
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessageStartingWith("Invalid job definition jobs/Contact Sync.yaml: key '(file name)'");
	}

	@Test
	void emptyFileAndEmptyFolderAreRejected() throws IOException {
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessageContaining("no job definitions found");
		write("contact.yaml", "");
		assertThatExceptionOfType(InvalidJobDefinitionException.class).isThrownBy(() -> this.loader.load(location()))
			.withMessageContaining("the file is empty");
	}

	@Test
	void catalogFindsADefinitionByJobName() throws IOException {
		write("opportunity-contact-role.yaml", VALID.replace("Contact", "OpportunityContactRole"));
		JobCatalog catalog = this.loader.load(location());
		assertThat(catalog.findByJobName("opportunity-contact-role-outbound")).isPresent();
		assertThat(catalog.findByJobName("opportunity-contact-role-sideways")).isEmpty();
		assertThat(List.of(Direction.values())).extracting((d) -> d.jobName("x"))
			.containsExactly("x-inbound", "x-backfill", "x-outbound", "x-reconcile");
	}

	@Test
	void firstSyncsWaitForTheObjectsTheirReferencesAndRulesName() {
		JobCatalog catalog = this.loader.load("file:jobs/");
		assertThat(catalog.parents("account")).isEmpty();
		assertThat(catalog.parents("lead")).isEmpty();
		assertThat(catalog.parents("user")).as("OwnerId names no object type").isEmpty();
		assertThat(catalog.parents("contact")).containsExactly("account");
		assertThat(catalog.parents("opportunity")).containsExactly("account");
		assertThat(catalog.parents("opportunity-contact-role")).containsExactlyInAnyOrder("opportunity", "contact");
		assertThat(catalog.parents("campaign-member")).containsExactlyInAnyOrder("campaign", "contact", "lead");
		assertThat(catalog.parents("task")).containsExactlyInAnyOrder("contact", "lead");
		assertThat(catalog.parents("event")).containsExactlyInAnyOrder("contact", "lead");
		assertThat(catalog.parents("invoice__c")).as("resolve-contact looks contacts up")
			.containsExactlyInAnyOrder("contact", "lead");
		assertThat(catalog.children("account")).containsExactlyInAnyOrder("contact", "opportunity");
	}

	@Test
	void aReferenceThatWouldCloseACycleIsLeftOutSoEveryFirstSyncCanStart() throws IOException {
		write("account.yaml",
				VALID.replace("Contact", "Account")
					.replace("contacts", "companies")
					.replace("AccountId", "ContactId")
					.replace("require-email, ", ""));
		write("contact.yaml", VALID);
		write("self.yaml", VALID.replace("object: Contact", "object: Self__c").replace("AccountId", "Self__cId"));
		JobCatalog catalog = this.loader.load(location());
		assertThat(catalog.parents("account")).containsExactly("contact");
		assertThat(catalog.parents("contact")).isEmpty();
		assertThat(catalog.parents("self")).isEmpty();
	}

	private void write(String name, String content) throws IOException {
		Files.writeString(this.jobs.resolve(name), content);
	}

	private String location() {
		return this.jobs.toUri().toString();
	}

}
