package dev.sfsync.emulator.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sfsync.catalog.JobCatalogLoader;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DescribeSchemaTests {

	/** The field example of the reference (section 6), as a real org sends it. */
	private static final String REFERENCE_FIELD = """
			{"name":"CurrencyIsoCode","label":"Currency ISO Code","type":"picklist","length":3,"byteLength":9,"nillable":true,
			 "createable":true,"updateable":true,"custom":false,"externalId":false,"unique":false,"idLookup":false,
			 "defaultedOnCreate":true,"defaultValue":"USD","calculated":false,"precision":0,"scale":0,
			 "restrictedPicklist":true,"dependentPicklist":false,"controllerName":null,
			 "picklistValues":[{"active":true,"defaultValue":true,"label":"U.S. Dollar","validFor":null,"value":"USD"}],
			 "referenceTo":[],"relationshipName":null,"soapType":"xsd:string"}
			""";

	private final JsonMapper json = JsonMapper.builder().build();

	/** An org's: the standard objects and the custom objects of jobs/. */
	private final SchemaCatalog catalog = SchemaCatalog.of(new JobCatalogLoader().load("file:jobs/"));

	private final DescribeRenderer renderer = new DescribeRenderer(this.catalog);

	@Test
	void everyFieldHasEveryKeyOfTheReferenceExampleAndTheOnesClientsRead() {
		JsonNode reference = this.json.readTree(REFERENCE_FIELD);
		JsonNode describe = describe("Lead");

		assertThat(describe.get("fields")).isNotEmpty().allSatisfy((field) -> {
			assertThat(field.propertyNames()).containsAll(reference.propertyNames())
				.contains("digits", "filterable", "sortable", "namePointing", "nameField", "groupable");
			assertThat(field.get("picklistValues")).allSatisfy((value) -> assertThat(value.propertyNames())
				.containsExactlyInAnyOrderElementsOf(reference.get("picklistValues").get(0).propertyNames()));
		});
	}

	@Test
	void everyObjectsFieldsHaveTheSameKeys() {
		List<JsonNode> fields = new ArrayList<>();
		this.catalog.objects().forEach((object) -> describe(object.name()).get("fields").forEach(fields::add));

		assertThat(fields).allSatisfy(
				(field) -> assertThat(field.propertyNames()).containsExactlyElementsOf(fields.get(0).propertyNames()));
	}

	@Test
	void restrictedPicklistRendersLikeTheReferenceExample() {
		JsonNode status = field("Lead", "Status");

		assertThat(this.json.writeValueAsString(status.get("picklistValues").get(0))).isEqualTo(
				"{\"active\":true,\"defaultValue\":true,\"label\":\"Open - Not Contacted\",\"validFor\":null,\"value\":\"Open - Not Contacted\"}");
		assertThat(status.get("picklistValues")).hasSize(4);
		assertThat(status.get("picklistValues").get(1).get("defaultValue").asBoolean()).isFalse();
		assertThat(status.get("type").asString()).isEqualTo("picklist");
		assertThat(status.get("soapType").asString()).isEqualTo("xsd:string");
		assertThat(status.get("length").asInt()).isEqualTo(40);
		assertThat(status.get("byteLength").asInt()).isEqualTo(120);
		assertThat(status.get("nillable").asBoolean()).isFalse();
		assertThat(status.get("defaultedOnCreate").asBoolean()).isTrue();
		assertThat(status.get("defaultValue").asString()).isEqualTo("Open - Not Contacted");
		assertThat(status.get("restrictedPicklist").asBoolean()).isTrue();
		assertThat(status.get("dependentPicklist").asBoolean()).isFalse();
		assertThat(status.get("controllerName").isNull()).isTrue();
		assertThat(status.get("referenceTo")).isEmpty();
		assertThat(status.get("relationshipName").isNull()).isTrue();
	}

	@Test
	void idFieldRendersAsAnIdLookupThatNobodyWrites() {
		JsonNode id = field("Contact", "Id");

		assertThat(id.get("type").asString()).isEqualTo("id");
		assertThat(id.get("soapType").asString()).isEqualTo("tns:ID");
		assertThat(id.get("length").asInt()).isEqualTo(18);
		assertThat(id.get("byteLength").asInt()).isEqualTo(18);
		assertThat(id.get("label").asString()).isEqualTo("Contact ID");
		assertThat(id.get("idLookup").asBoolean()).isTrue();
		assertThat(id.get("createable").asBoolean()).isFalse();
		assertThat(id.get("updateable").asBoolean()).isFalse();
		assertThat(id.get("nillable").asBoolean()).isFalse();
		assertThat(id.get("defaultedOnCreate").asBoolean()).isTrue();
	}

	@Test
	void polymorphicLookupRendersItsTargetsAndIsNamePointing() {
		JsonNode owner = field("Lead", "OwnerId");
		JsonNode account = field("Contact", "AccountId");

		assertThat(owner.get("type").asString()).isEqualTo("reference");
		assertThat(owner.get("soapType").asString()).isEqualTo("tns:ID");
		assertThat(this.json.writeValueAsString(owner.get("referenceTo"))).isEqualTo("[\"Group\",\"User\"]");
		assertThat(owner.get("relationshipName").asString()).isEqualTo("Owner");
		assertThat(owner.get("namePointing").asBoolean()).isTrue();
		assertThat(owner.get("polymorphicForeignKey").asBoolean()).isTrue();
		assertThat(this.json.writeValueAsString(account.get("referenceTo"))).isEqualTo("[\"Account\"]");
		assertThat(account.get("relationshipName").asString()).isEqualTo("Account");
		assertThat(account.get("namePointing").asBoolean()).isFalse();
		assertThat(account.get("nillable").asBoolean()).isTrue();
	}

	@Test
	void fieldTypesRenderWithTheirSoapTypes() {
		JsonNode optOut = field("Contact", "HasOptedOutOfEmail");
		assertThat(optOut.get("type").asString()).isEqualTo("boolean");
		assertThat(optOut.get("soapType").asString()).isEqualTo("xsd:boolean");
		assertThat(optOut.get("defaultValue").isBoolean()).isTrue();
		assertThat(optOut.get("defaultValue").asBoolean()).isFalse();
		assertThat(optOut.get("byteLength").asInt()).isZero();
		JsonNode amount = field("Opportunity", "Amount");
		assertThat(amount.get("type").asString()).isEqualTo("currency");
		assertThat(amount.get("soapType").asString()).isEqualTo("xsd:double");
		assertThat(amount.get("precision").asInt()).isEqualTo(18);
		assertThat(amount.get("scale").asInt()).isEqualTo(2);
		JsonNode employees = field("Account", "NumberOfEmployees");
		assertThat(employees.get("type").asString()).isEqualTo("int");
		assertThat(employees.get("soapType").asString()).isEqualTo("xsd:int");
		assertThat(employees.get("digits").asInt()).isEqualTo(8);
		assertThat(field("Opportunity", "CloseDate").get("soapType").asString()).isEqualTo("xsd:date");
		assertThat(field("Contact", "SystemModstamp").get("type").asString()).isEqualTo("datetime");
		assertThat(field("Contact", "SystemModstamp").get("soapType").asString()).isEqualTo("xsd:dateTime");
		assertThat(field("Account", "Website").get("type").asString()).isEqualTo("url");
		assertThat(field("Contact", "Email").get("type").asString()).isEqualTo("email");
		assertThat(field("Contact", "Email").get("byteLength").asInt()).isEqualTo(240);
		assertThat(field("Contact", "Phone").get("type").asString()).isEqualTo("phone");
		assertThat(field("Task", "Description").get("type").asString()).isEqualTo("textarea");
		assertThat(field("Task", "Description").get("filterable").asBoolean()).isFalse();
		assertThat(field("Contact", "Sfsync_Id__c").get("externalId").asBoolean()).isTrue();
		assertThat(field("Contact", "Sfsync_Id__c").get("custom").asBoolean()).isTrue();
		assertThat(field("Account", "Name").get("nameField").asBoolean()).isTrue();
	}

	@Test
	void describeHasTheTopLevelKeysOfARealOrgAndFieldsInSchemaOrder() {
		JsonNode contact = describe("Contact");

		assertThat(contact.propertyNames()).containsExactly("activateable", "childRelationships", "createable",
				"custom", "customSetting", "deletable", "deprecatedAndHidden", "fields", "hasSubtypes", "isInterface",
				"isSubtype", "keyPrefix", "label", "labelPlural", "name", "queryable", "recordTypeInfos",
				"replicateable", "retrieveable", "searchable", "triggerable", "undeletable", "updateable", "urls");
		assertThat(contact.get("name").asString()).isEqualTo("Contact");
		assertThat(contact.get("label").asString()).isEqualTo("Contact");
		assertThat(contact.get("labelPlural").asString()).isEqualTo("Contacts");
		assertThat(contact.get("keyPrefix").asString()).isEqualTo("003");
		assertThat(contact.get("custom").asBoolean()).isFalse();
		assertThat(contact.get("replicateable").asBoolean()).isTrue();
		List<String> names = new ArrayList<>();
		contact.get("fields").forEach((field) -> names.add(field.get("name").asString()));
		assertThat(names).isEqualTo(this.catalog.get("Contact").fieldNames());
	}

	@Test
	void describeUrlsAndMasterRecordTypeUseTheRequestsApiVersion() {
		JsonNode contact = describe("Contact");

		assertThat(contact.get("urls").get("sobject").asString()).isEqualTo("/services/data/v63.0/sobjects/Contact");
		assertThat(contact.get("urls").get("describe").asString())
			.isEqualTo("/services/data/v63.0/sobjects/Contact/describe");
		assertThat(contact.get("urls").get("rowTemplate").asString())
			.isEqualTo("/services/data/v63.0/sobjects/Contact/{ID}");
		assertThat(contact.get("recordTypeInfos")).hasSize(1);
		JsonNode master = contact.get("recordTypeInfos").get(0);
		assertThat(master.get("master").asBoolean()).isTrue();
		assertThat(master.get("recordTypeId").asString()).isEqualTo("012000000000000AAA");
		assertThat(master.get("urls").get("layout").asString())
			.isEqualTo("/services/data/v63.0/sobjects/Contact/describe/layouts/012000000000000AAA");
		Map<String, @Nullable Object> withPrefixedVersion = this.renderer.describe(this.catalog.get("Contact"),
				"v58.0");
		assertThat(withPrefixedVersion.get("urls")).isEqualTo(Map.of("sobject", "/services/data/v58.0/sobjects/Contact",
				"describe", "/services/data/v58.0/sobjects/Contact/describe", "rowTemplate",
				"/services/data/v58.0/sobjects/Contact/{ID}"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.renderer.describe(this.catalog.get("Contact"), "latest"))
			.withMessage("'latest' is not an API version such as 63.0");
	}

	@Test
	void childRelationshipsListTheLookupsThatPointToTheObject() {
		JsonNode account = describe("Account");
		JsonNode contacts = null;
		for (JsonNode child : account.get("childRelationships")) {
			if ("Contacts".equals(child.get("relationshipName").asString(null))) {
				contacts = child;
			}
		}

		assertThat(contacts).isNotNull();
		assertThat(this.json.writeValueAsString(contacts))
			.isEqualTo("{\"cascadeDelete\":false,\"childSObject\":\"Contact\","
					+ "\"deprecatedAndHidden\":false,\"field\":\"AccountId\",\"junctionIdListNames\":[],"
					+ "\"junctionReferenceTo\":[],\"relationshipName\":\"Contacts\",\"restrictedDelete\":false}");
		assertThat(account.get("childRelationships")).anySatisfy((child) -> {
			assertThat(child.get("childSObject").asString()).isEqualTo("Lead");
			assertThat(child.get("field").asString()).isEqualTo("ConvertedAccountId");
			assertThat(child.get("relationshipName").isNull()).isTrue();
		});
	}

	@Test
	void userDescribesAsNotDeletable() {
		JsonNode user = describe("User");

		assertThat(user.get("deletable").asBoolean()).isFalse();
		assertThat(user.get("undeletable").asBoolean()).isFalse();
		assertThat(user.get("keyPrefix").asString()).isEqualTo("005");
	}

	@Test
	void globalEntryHasTheKeysOfTheSobjectsListing() {
		JsonNode invoice = this.json
			.valueToTree(this.renderer.describeGlobalEntry(this.catalog.get("Invoice__c"), "63.0"));

		assertThat(invoice.propertyNames())
			.contains("name", "label", "labelPlural", "keyPrefix", "custom", "createable", "updateable", "deletable",
					"queryable", "replicateable", "retrieveable", "searchable", "triggerable", "undeletable", "urls")
			.doesNotContain("fields", "childRelationships", "recordTypeInfos");
		assertThat(invoice.get("custom").asBoolean()).isTrue();
		assertThat(invoice.get("keyPrefix").asString()).isEqualTo("a01");
		assertThat(invoice.get("urls").propertyNames()).containsExactly("describe", "rowTemplate", "sobject");
		assertThat(invoice.get("urls").get("rowTemplate").asString())
			.isEqualTo("/services/data/v63.0/sobjects/Invoice__c/{ID}");
	}

	@Test
	void invoiceDescribesAsJobsInvoiceYamlTypesItsFields() {
		JsonNode invoice = describe("Invoice__c");

		assertThat(invoice.get("label").asString()).isEqualTo("Invoice");
		assertThat(invoice.get("labelPlural").asString()).isEqualTo("Invoices");
		assertThat(invoice.get("keyPrefix").asString()).isEqualTo("a01");
		assertThat(invoice.get("custom").asBoolean()).isTrue();
		Map<String, JsonNode> fields = new java.util.LinkedHashMap<>();
		invoice.get("fields").forEach((field) -> fields.put(field.get("name").asString(), field));
		assertThat(fields.keySet()).containsExactly("Id", "IsDeleted", "Name", "OwnerId", "Contact_Email__c",
				"App_User_Id__c", "Amount__c", "Status__c", "CreatedDate", "CreatedById", "LastModifiedDate",
				"LastModifiedById", "SystemModstamp");
		JsonNode name = fields.get("Name");
		assertThat(name.get("type").asString()).isEqualTo("string");
		assertThat(name.get("length").asInt()).isEqualTo(80);
		assertThat(name.get("nameField").asBoolean()).isTrue();
		assertThat(name.get("label").asString()).isEqualTo("Invoice Name");
		JsonNode email = fields.get("Contact_Email__c");
		assertThat(email.get("type").asString()).isEqualTo("email");
		assertThat(email.get("length").asInt()).isEqualTo(80);
		assertThat(email.get("label").asString()).isEqualTo("Contact Email");
		assertThat(email.get("externalId").asBoolean()).isFalse();
		JsonNode user = fields.get("App_User_Id__c");
		assertThat(user.get("type").asString()).isEqualTo("string");
		assertThat(user.get("length").asInt()).isEqualTo(64);
		assertThat(user.get("label").asString()).isEqualTo("App User ID");
		assertThat(user.get("externalId").asBoolean()).isTrue();
		assertThat(user.get("idLookup").asBoolean()).isTrue();
		assertThat(user.get("unique").asBoolean()).isFalse();
		JsonNode amount = fields.get("Amount__c");
		assertThat(amount.get("type").asString()).isEqualTo("currency");
		assertThat(amount.get("precision").asInt()).isEqualTo(18);
		assertThat(amount.get("scale").asInt()).isEqualTo(2);
		JsonNode status = fields.get("Status__c");
		assertThat(status.get("type").asString()).isEqualTo("picklist");
		assertThat(status.get("restrictedPicklist").asBoolean()).isTrue();
		assertThat(status.get("picklistValues").findValuesAsString("value")).containsExactly("Draft", "Sent", "Paid",
				"Void");
		assertThat(fields.values().stream().filter((field) -> field.get("custom").asBoolean()))
			.allSatisfy((field) -> assertThat(field.get("nillable").asBoolean()).isTrue());
	}

	@Test
	void describeGlobalListsEveryObjectOfTheCatalog() {
		this.catalog.define(CustomObjectDefinition.of("Shipment__c"));
		JsonNode global = this.json.valueToTree(this.renderer.describeGlobal("63.0"));

		assertThat(global.get("encoding").asString()).isEqualTo("UTF-8");
		assertThat(global.get("maxBatchSize").asInt()).isEqualTo(200);
		List<String> names = new ArrayList<>();
		global.get("sobjects").forEach((entry) -> names.add(entry.get("name").asString()));
		assertThat(names).containsExactlyElementsOf(this.catalog.objects().stream().map(ObjectSchema::name).toList())
			.contains("Shipment__c");
	}

	private JsonNode describe(String objectName) {
		String body = this.json.writeValueAsString(this.renderer.describe(this.catalog.get(objectName), "63.0"));
		return this.json.readTree(body);
	}

	private JsonNode field(String objectName, String fieldName) {
		for (JsonNode field : describe(objectName).get("fields")) {
			if (field.get("name").asString().equals(fieldName)) {
				return field;
			}
		}
		throw new AssertionError("No field " + fieldName + " in the describe of " + objectName);
	}

}
