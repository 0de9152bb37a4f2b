package dev.sfsync.emulator.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.sfsync.catalog.JobCatalogLoader;
import dev.sfsync.catalog.SalesforceType;
import dev.sfsync.salesforce.SalesforceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

class StandardObjectsTests {

	/** An org's: the standard objects and the custom objects of jobs/. */
	private final SchemaCatalog catalog = SchemaCatalog.of(new JobCatalogLoader().load("file:jobs/"));

	@TempDir
	Path jobs;

	@Test
	void catalogHoldsTheStandardObjectsAndTheCustomObjectsOfJobsWithTheirKeyPrefixes() {
		assertThat(this.catalog.objects()).extracting(ObjectSchema::name, ObjectSchema::keyPrefix)
			.containsExactlyInAnyOrder(tuple("Lead", "00Q"), tuple("Contact", "003"), tuple("Account", "001"),
					tuple("Opportunity", "006"), tuple("OpportunityContactRole", "00K"), tuple("Campaign", "701"),
					tuple("CampaignMember", "00v"), tuple("Task", "00T"), tuple("Event", "00U"), tuple("User", "005"),
					tuple("Invoice__c", "a01"));
		assertThat(this.catalog.objects()).filteredOn(ObjectSchema::custom)
			.extracting(ObjectSchema::name)
			.containsExactly("Invoice__c");
		assertThat(SchemaCatalog.standard().objects()).noneMatch(ObjectSchema::custom).hasSize(10);
	}

	@Test
	void customObjectsOfJobsTakeKeyPrefixesInCatalogOrderAndTheirFieldsTypes() throws IOException {
		Files.writeString(this.jobs.resolve("shipment__c.yaml"), """
				object: Shipment__c
				table: shipments
				schedule: "0 */5 * * * ?"
				fields:
				  Name: { column: name, direction: in }
				  Tracking__c: { column: tracking, direction: both, type: string, length: 40, external-id: true }
				  Notes__c: { column: notes, direction: in, type: textarea, length: 32000 }
				  Carrier__c: { column: carrier, direction: out, type: picklist, values: [DHL, UPS] }
				  Weight__c: { column: weight, direction: in, type: double }
				  Reference__c: { column: reference, direction: in }
				""");
		Files.writeString(this.jobs.resolve("contact.yaml"), """
				object: Contact
				table: contacts
				schedule: "0 */5 * * * ?"
				fields:
				  Email: { column: email, direction: in }
				""");
		Files.writeString(this.jobs.resolve("account-plan__c.yaml"), """
				object: Account_Plan__c
				table: plans
				schedule: "0 */5 * * * ?"
				fields:
				  Goal__c: { column: goal, direction: in, type: percent }
				""");
		SchemaCatalog catalog = SchemaCatalog.of(new JobCatalogLoader().load(this.jobs.toUri().toString()));

		assertThat(catalog.objects()).filteredOn(ObjectSchema::custom)
			.extracting(ObjectSchema::name, ObjectSchema::keyPrefix, ObjectSchema::label, ObjectSchema::labelPlural)
			.containsExactly(tuple("Account_Plan__c", "a01", "Account Plan", "Account Plans"),
					tuple("Shipment__c", "a02", "Shipment", "Shipments"));
		ObjectSchema shipment = catalog.get("Shipment__c");
		assertThat(shipment.fieldNames()).containsExactly("Id", "IsDeleted", "Name", "OwnerId", "Tracking__c",
				"Notes__c", "Carrier__c", "Weight__c", "Reference__c", "CreatedDate", "CreatedById", "LastModifiedDate",
				"LastModifiedById", "SystemModstamp");
		assertThat(shipment.fields()).filteredOn(FieldSchema::custom)
			.extracting(FieldSchema::name, FieldSchema::type, FieldSchema::length, FieldSchema::externalId,
					FieldSchema::restrictedPicklist)
			.containsExactly(tuple("Tracking__c", FieldType.STRING, 40, true, false),
					tuple("Notes__c", FieldType.TEXTAREA, 32000, false, false),
					tuple("Carrier__c", FieldType.PICKLIST, 255, false, true),
					tuple("Weight__c", FieldType.DOUBLE, 0, false, false),
					tuple("Reference__c", FieldType.STRING, 255, false, false));
		assertThat(shipment.field("Carrier__c").activePicklistValues()).containsExactly("DHL", "UPS");
		assertThat(shipment.field("Name").length()).as("every custom object's name").isEqualTo(80);
		assertThat(catalog.get("Contact")).isEqualTo(SchemaCatalog.standard().get("Contact"));
	}

	@Test
	void everyTypeAJobDefinitionDeclaresIsAnEmulatedFieldType() {
		assertThat(SalesforceType.Kind.values())
			.allSatisfy((kind) -> assertThat(FieldType.fromDescribeName(kind.id())).as(kind.id())
				.get()
				.extracting(FieldType::describeName)
				.isEqualTo(kind.id()));
	}

	@Test
	void objectsAreFoundByNameInAnyLetterCaseAndByKeyPrefix() {
		assertThat(this.catalog.find("opportunitycontactrole")).get()
			.extracting(ObjectSchema::name)
			.isEqualTo("OpportunityContactRole");
		assertThat(this.catalog.find("INVOICE__C")).isPresent();
		assertThat(this.catalog.find("Nope__c")).isEmpty();
		assertThat(this.catalog.findByKeyPrefix("00v")).get()
			.extracting(ObjectSchema::name)
			.isEqualTo("CampaignMember");
		assertThat(this.catalog.findByKeyPrefix("00V")).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> this.catalog.get("Nope__c"))
			.withMessage("sObject type 'Nope__c' is not supported");
	}

	@Test
	void everyObjectHasTheIdAndAuditFieldsAsReadOnlySystemFields() {
		assertThat(this.catalog.objects()).allSatisfy((object) -> {
			FieldSchema id = object.field("Id");
			assertThat(id.type()).isEqualTo(FieldType.ID);
			assertThat(id.idLookup()).isTrue();
			assertThat(id.createable()).isFalse();
			assertThat(id.updateable()).isFalse();
			assertThat(object.fields().get(0)).isEqualTo(id);
			for (String timestamp : List.of("CreatedDate", "LastModifiedDate", "SystemModstamp")) {
				FieldSchema field = object.field(timestamp);
				assertThat(field.type()).isEqualTo(FieldType.DATETIME);
				assertThat(field.createable()).isFalse();
				assertThat(field.updateable()).isFalse();
				assertThat(field.nillable()).isFalse();
				assertThat(field.defaultedOnCreate()).isTrue();
			}
			for (String user : List.of("CreatedById", "LastModifiedById")) {
				assertThat(object.field(user).referenceTo()).containsExactly("User");
				assertThat(object.field(user).createable()).isFalse();
			}
			assertThat(object.field("CreatedById").relationshipName()).isEqualTo("CreatedBy");
			assertThat(object.field("LastModifiedById").relationshipName()).isEqualTo("LastModifiedBy");
			assertThat(object.fieldNames()).endsWith("CreatedDate", "CreatedById", "LastModifiedDate",
					"LastModifiedById", "SystemModstamp");
			assertThat(object.requiredOnCreateFields()).noneMatch((field) -> SystemFields.isAudit(field.name()));
		});
	}

	@Test
	void onlyDeletableObjectsHaveIsDeletedAndUsersAreNeverDeleted() {
		assertThat(this.catalog.objects()).filteredOn(ObjectSchema::deletable).allSatisfy((object) -> {
			FieldSchema isDeleted = object.field("IsDeleted");
			assertThat(isDeleted.type()).isEqualTo(FieldType.BOOLEAN);
			assertThat(isDeleted.defaultedOnCreate()).isTrue();
			assertThat(isDeleted.defaultValue()).isEqualTo(false);
			assertThat(isDeleted.createable()).isFalse();
		});
		ObjectSchema user = this.catalog.get("User");
		assertThat(user.deletable()).isFalse();
		assertThat(user.undeletable()).isFalse();
		assertThat(user.hasField("IsDeleted")).isFalse();
		assertThat(this.catalog.objects()).filteredOn((object) -> !object.deletable())
			.extracting(ObjectSchema::name)
			.containsExactly("User");
	}

	@Test
	void requiredOnCreateMeansCreateableNotNillableAndNotDefaulted() {
		Map<String, List<String>> required = Map.ofEntries(Map.entry("Lead", List.of("LastName", "Company")),
				Map.entry("Contact", List.of("LastName")), Map.entry("Account", List.of("Name")),
				Map.entry("Opportunity", List.of("Name", "StageName", "CloseDate")),
				Map.entry("OpportunityContactRole", List.of("OpportunityId")), Map.entry("Campaign", List.of("Name")),
				Map.entry("CampaignMember", List.of("CampaignId")), Map.entry("Task", List.of()),
				Map.entry("Event", List.of()), Map.entry("User", List.of("Username", "LastName", "Email", "Alias")),
				Map.entry("Invoice__c", List.of()));

		assertThat(this.catalog.objects())
			.allSatisfy((object) -> assertThat(object.requiredOnCreateFields()).extracting(FieldSchema::name)
				.as(object.name())
				.containsExactlyInAnyOrderElementsOf(required.get(object.name())));
	}

	@Test
	void notNillableFieldsThatSalesforceDefaultsAreNotRequiredOnCreate() {
		ObjectSchema task = this.catalog.get("Task");

		assertThat(task.field("Status").nillable()).isFalse();
		assertThat(task.field("Status").defaultedOnCreate()).isTrue();
		assertThat(task.isRequiredOnCreate("status")).isFalse();
		assertThat(task.isRequiredOnCreate("OwnerId")).isFalse();
		// Read-only fields are never required: Salesforce computes them.
		assertThat(this.catalog.get("Contact").field("Name").nillable()).isFalse();
		assertThat(this.catalog.get("Contact").isRequiredOnCreate("Name")).isFalse();
		assertThat(this.catalog.get("Lead").isRequiredOnCreate("lastname")).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> task.isRequiredOnCreate("Nope"))
			.withMessage("No such field 'Nope' on object Task");
	}

	@Test
	void fieldsAreFoundInAnyLetterCase() {
		ObjectSchema contact = this.catalog.get("Contact");

		assertThat(contact.findField("EMAIL")).get().extracting(FieldSchema::name).isEqualTo("Email");
		assertThat(contact.field("sfsync_id__c").name()).isEqualTo("Sfsync_Id__c");
		assertThat(contact.findField("Company")).isEmpty();
	}

	@Test
	void textFieldsHaveSalesforceLengths() {
		assertThat(this.catalog.get("Lead")).satisfies((lead) -> {
			assertThat(lead.field("FirstName").length()).isEqualTo(40);
			assertThat(lead.field("LastName").length()).isEqualTo(80);
			assertThat(lead.field("Company").length()).isEqualTo(255);
			assertThat(lead.field("Email").length()).isEqualTo(80);
			assertThat(lead.field("Title").length()).isEqualTo(128);
		});
		assertThat(this.catalog.get("Account").field("BillingCity").length()).isEqualTo(40);
		assertThat(this.catalog.get("Account").field("BillingCountry").length()).isEqualTo(80);
		assertThat(this.catalog.get("User").field("Alias").length()).isEqualTo(8);
		FieldSchema description = this.catalog.get("Task").field("Description");
		assertThat(description.type()).isEqualTo(FieldType.TEXTAREA);
		assertThat(description.length()).isEqualTo(32000);
		assertThat(description.filterable()).isFalse();
		assertThat(description.sortable()).isFalse();
	}

	@Test
	void restrictedPicklistsAcceptOnlyTheirActiveValues() {
		FieldSchema leadStatus = this.catalog.get("Lead").field("Status");

		assertThat(leadStatus.restrictedPicklist()).isTrue();
		assertThat(leadStatus.activePicklistValues()).containsExactly("Open - Not Contacted", "Working - Contacted",
				"Closed - Converted", "Closed - Not Converted");
		assertThat(leadStatus.defaultPicklistValue()).contains("Open - Not Contacted");
		assertThat(leadStatus.defaultValue()).isEqualTo("Open - Not Contacted");
		assertThat(leadStatus.acceptsPicklistValue("Working - Contacted")).isTrue();
		assertThat(leadStatus.acceptsPicklistValue("Hot")).isFalse();
		assertThat(this.catalog.get("Opportunity").field("StageName").acceptsPicklistValue("Closed Won")).isTrue();
		assertThat(this.catalog.get("Opportunity").field("StageName").acceptsPicklistValue("Negotiation")).isFalse();
		assertThat(this.catalog.get("Task").field("Priority").defaultPicklistValue()).contains("Normal");
		assertThat(this.catalog.get("Task").field("Status").defaultPicklistValue()).contains("Not Started");
		assertThat(this.catalog.get("CampaignMember").field("Status").defaultPicklistValue()).contains("Sent");
	}

	@Test
	void unrestrictedPicklistsAcceptAnyValue() {
		FieldSchema leadSource = this.catalog.get("Lead").field("LeadSource");

		assertThat(leadSource.restrictedPicklist()).isFalse();
		assertThat(leadSource.acceptsPicklistValue("Trade Show 2024")).isTrue();
		assertThat(leadSource.defaultPicklistValue()).isEmpty();
	}

	@Test
	void multiSelectPicklistChecksEachValue() {
		FieldSchema interests = FieldSchema.builder("Interests__c", FieldType.MULTIPICKLIST)
			.picklist("Email", "Phone", "Events")
			.restrictedPicklist()
			.build();

		assertThat(interests.acceptsPicklistValue("Email;Events")).isTrue();
		assertThat(interests.acceptsPicklistValue("Email;Fax")).isFalse();
	}

	@Test
	void leadConversionFieldsAreReadOnly() {
		ObjectSchema lead = this.catalog.get("Lead");

		assertThat(List.of("IsConverted", "ConvertedDate", "ConvertedContactId", "ConvertedAccountId",
				"ConvertedOpportunityId"))
			.allSatisfy((name) -> {
				assertThat(lead.field(name).createable()).as(name).isFalse();
				assertThat(lead.field(name).updateable()).as(name).isFalse();
			});
		assertThat(lead.field("ConvertedContactId").referenceTo()).containsExactly("Contact");
		assertThat(lead.relationship("ConvertedAccount")).contains("Account");
		assertThat(this.catalog.get("Opportunity").field("IsWon").updateable()).isFalse();
		assertThat(this.catalog.get("CampaignMember").field("HasResponded").createable()).isFalse();
		assertThat(this.catalog.get("Task").field("IsArchived").updateable()).isFalse();
	}

	@Test
	void parentLookupsOfJunctionObjectsAreSetOnCreateOnly() {
		FieldSchema opportunityId = this.catalog.get("OpportunityContactRole").field("OpportunityId");
		FieldSchema campaignId = this.catalog.get("CampaignMember").field("CampaignId");

		assertThat(opportunityId.createable()).isTrue();
		assertThat(opportunityId.updateable()).isFalse();
		assertThat(opportunityId.isRequiredOnCreate()).isTrue();
		assertThat(campaignId.updateable()).isFalse();
		assertThat(campaignId.isRequiredOnCreate()).isTrue();
	}

	@Test
	void relationshipNamesLeadToTheReferencedObject() {
		ObjectSchema contact = this.catalog.get("Contact");

		assertThat(contact.relationship("account")).contains("Account");
		assertThat(contact.relationship("Owner")).contains("User");
		assertThat(contact.relationship("CreatedBy")).contains("User");
		assertThat(contact.findRelationshipField("ACCOUNT")).get().extracting(FieldSchema::name).isEqualTo("AccountId");
		assertThat(contact.relationship("Nope")).isEmpty();
		assertThat(this.catalog.get("OpportunityContactRole").relationship("Opportunity")).contains("Opportunity");
	}

	@Test
	void ownerWhoAndWhatArePolymorphic() {
		FieldSchema leadOwner = this.catalog.get("Lead").field("OwnerId");
		FieldSchema who = this.catalog.get("Task").field("WhoId");
		FieldSchema what = this.catalog.get("Event").field("WhatId");

		assertThat(leadOwner.referenceTo()).containsExactly("Group", "User");
		assertThat(leadOwner.relationshipName()).isEqualTo("Owner");
		assertThat(leadOwner.isPolymorphic()).isTrue();
		assertThat(leadOwner.isRequiredOnCreate()).isFalse();
		assertThat(who.referenceTo()).containsExactly("Contact", "Lead");
		assertThat(who.relationshipName()).isEqualTo("Who");
		assertThat(what.referenceTo()).containsExactly("Account", "Campaign", "Opportunity");
		assertThat(what.relationshipName()).isEqualTo("What");
		assertThat(this.catalog.get("Contact").field("OwnerId").isPolymorphic()).isFalse();
	}

	@Test
	void polymorphicRelationshipResolvesToTheObjectOfTheReferencedIdsKeyPrefix() {
		ObjectSchema task = this.catalog.get("Task");
		SalesforceId lead = SalesforceId.of("00Q", "8d", 7);
		SalesforceId account = SalesforceId.of("001", "8d", 7);

		assertThat(this.catalog.relationshipTarget(task, "Who", lead)).get()
			.extracting(ObjectSchema::name)
			.isEqualTo("Lead");
		// An Account cannot be a Who.
		assertThat(this.catalog.relationshipTarget(task, "Who", account)).isEmpty();
		assertThat(this.catalog.relationshipTarget(task, "what", account)).get()
			.extracting(ObjectSchema::name)
			.isEqualTo("Account");
		// Groups are not emulated, so an Id-less Lead Owner resolves to User.
		assertThat(this.catalog.relationshipTarget(this.catalog.get("Lead"), "Owner", null)).get()
			.extracting(ObjectSchema::name)
			.isEqualTo("User");
		assertThat(this.catalog.relationshipTarget(task, "Nope", null)).isEmpty();
	}

	@Test
	void outboundObjectsHaveTheSfsyncExternalId() {
		assertThat(List.of("Contact", "Account", "Campaign", "Task", "Lead")).allSatisfy((name) -> {
			FieldSchema sfsyncId = this.catalog.get(name).field("Sfsync_Id__c");
			assertThat(sfsyncId.type()).isEqualTo(FieldType.STRING);
			assertThat(sfsyncId.length()).isEqualTo(64);
			assertThat(sfsyncId.custom()).isTrue();
			assertThat(sfsyncId.externalId()).isTrue();
			assertThat(sfsyncId.unique()).isTrue();
			assertThat(sfsyncId.idLookup()).isTrue();
		});
	}

	@Test
	void invoiceIsTheCustomObjectOfJobsInvoiceYaml() {
		ObjectSchema invoice = this.catalog.get("Invoice__c");

		assertThat(invoice.custom()).isTrue();
		assertThat(invoice.label()).isEqualTo("Invoice");
		assertThat(invoice.labelPlural()).isEqualTo("Invoices");
		assertThat(invoice.fieldNames()).containsExactly("Id", "IsDeleted", "Name", "OwnerId", "Contact_Email__c",
				"App_User_Id__c", "Amount__c", "Status__c", "CreatedDate", "CreatedById", "LastModifiedDate",
				"LastModifiedById", "SystemModstamp");
		assertThat(invoice.field("Contact_Email__c").type()).isEqualTo(FieldType.EMAIL);
		assertThat(invoice.field("App_User_Id__c").externalId()).isTrue();
		assertThat(invoice.field("App_User_Id__c").length()).isEqualTo(64);
		assertThat(invoice.field("App_User_Id__c").label()).isEqualTo("App User ID");
		assertThat(invoice.field("Amount__c").type()).isEqualTo(FieldType.CURRENCY);
		assertThat(invoice.field("Status__c").type()).isEqualTo(FieldType.PICKLIST);
		assertThat(invoice.field("Status__c").restrictedPicklist()).isTrue();
		assertThat(invoice.field("Status__c").activePicklistValues()).containsExactly("Draft", "Sent", "Paid", "Void");
		assertThat(invoice.nameField()).get().extracting(FieldSchema::name).isEqualTo("Name");
		assertThat(invoice.field("Id").label()).isEqualTo("Record ID");
	}

	@Test
	void customObjectsDefinedAtRuntimeGetTheNextFreeKeyPrefixAndTheSystemFields() {
		ObjectSchema shipment = this.catalog.define(CustomObjectDefinition.of("Shipment__c",
				FieldSchema.builder("Tracking_Number__c", FieldType.STRING).length(40).externalId().build(),
				FieldSchema.builder("Invoice__c", FieldType.REFERENCE)
					.referenceTo("Invoice__r", "Invoice__c")
					.childRelationshipName("Shipments__r")
					.build()));
		ObjectSchema refund = this.catalog.define(CustomObjectDefinition.of("Refund__c"));

		assertThat(shipment.keyPrefix()).isEqualTo("a02");
		assertThat(refund.keyPrefix()).isEqualTo("a03");
		assertThat(shipment.label()).isEqualTo("Shipment");
		assertThat(shipment.fieldNames()).containsExactly("Id", "IsDeleted", "Name", "OwnerId", "Tracking_Number__c",
				"Invoice__c", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp");
		assertThat(shipment.field("Tracking_Number__c").label()).isEqualTo("Tracking Number");
		assertThat(this.catalog.find("shipment__c")).contains(shipment);
		assertThat(this.catalog.findByKeyPrefix("a03")).contains(refund);
		assertThat(this.catalog.childRelationships("Invoice__c"))
			.contains(new ChildRelationship("Shipment__c", "Invoice__c", "Shipments__r", false));
	}

	@Test
	void definingAnObjectTwiceIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.catalog.define(CustomObjectDefinition.of("invoice__c")))
			.withMessage("An object named invoice__c already exists");
		assertThatIllegalArgumentException().isThrownBy(() -> CustomObjectDefinition.of("Invoice"))
			.withMessage("'Invoice' is not a custom object name: expected Name__c");
	}

	@Test
	void customFieldsCanBeAddedToStandardObjectsBeforeTheAuditFields() {
		ObjectSchema contact = this.catalog.addField("contact",
				FieldSchema.builder("App_Id__c", FieldType.STRING).length(32).externalId().build());

		assertThat(this.catalog.get("Contact")).isEqualTo(contact);
		assertThat(contact.fieldNames()).containsSubsequence("Sfsync_Id__c", "App_Id__c", "CreatedDate");
		assertThat(contact.fieldNames().indexOf("App_Id__c"))
			.isEqualTo(contact.fieldNames().indexOf("CreatedDate") - 1);
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> this.catalog.addField("Contact", FieldSchema.builder("Nickname", FieldType.STRING).build()))
			.withMessage("Field Nickname is not a custom field: only fields ending in __c can be added");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> this.catalog.addField("Contact", FieldSchema.builder("app_id__c", FieldType.STRING).build()))
			.withMessage("Object Contact already has a field app_id__c");
	}

	@Test
	void childRelationshipsComeFromTheLookupsOfOtherObjects() {
		assertThat(this.catalog.childRelationships("Account")).filteredOn((child) -> child.relationshipName() != null)
			.containsExactly(new ChildRelationship("Contact", "AccountId", "Contacts", false),
					new ChildRelationship("Event", "WhatId", "Events", false),
					new ChildRelationship("Opportunity", "AccountId", "Opportunities", false),
					new ChildRelationship("Task", "WhatId", "Tasks", false));
		assertThat(this.catalog.childRelationships("Contact")).filteredOn((child) -> child.relationshipName() != null)
			.containsExactly(new ChildRelationship("CampaignMember", "ContactId", "CampaignMembers", false),
					new ChildRelationship("Event", "WhoId", "Events", false),
					new ChildRelationship("OpportunityContactRole", "ContactId", "OpportunityContactRoles", false),
					new ChildRelationship("Task", "WhoId", "Tasks", false));
		assertThat(this.catalog.childRelationships("Account"))
			.contains(new ChildRelationship("Lead", "ConvertedAccountId", null, false));
		assertThat(this.catalog.childRelationships("User")).contains(
				new ChildRelationship("Contact", "OwnerId", null, false),
				new ChildRelationship("User", "CreatedById", null, false));
	}

	@Test
	void labelsFollowSalesforceConventions() {
		assertThat(FieldSchema.labelFor("LastName")).isEqualTo("Last Name");
		assertThat(FieldSchema.labelFor("AccountId")).isEqualTo("Account ID");
		assertThat(FieldSchema.labelFor("IsActive")).isEqualTo("Active");
		assertThat(FieldSchema.labelFor("Contact_Email__c")).isEqualTo("Contact Email");
		assertThat(FieldSchema.labelFor("App_User_Id__c")).isEqualTo("App User ID");
		assertThat(FieldSchema.labelFor("SystemModstamp")).isEqualTo("System Modstamp");
	}

	@Test
	void fieldsRejectContradictorySettings() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> FieldSchema.builder("Status", FieldType.PICKLIST).picklist("A", "B").defaultValue("C").build())
			.withMessage("Field Status: default value 'C' is not one of its picklist values");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FieldSchema.builder("OwnerId", FieldType.REFERENCE).build())
			.withMessage("Field OwnerId: a reference, and only a reference, has referenceTo");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FieldSchema.builder("Title", FieldType.STRING).restrictedPicklist().build())
			.withMessage("Field Title: only a picklist has picklist values");
		assertThatIllegalArgumentException().isThrownBy(() -> FieldSchema.builder("Bad Name", FieldType.STRING).build())
			.withMessage("'Bad Name' is not a valid field name");
	}

}
