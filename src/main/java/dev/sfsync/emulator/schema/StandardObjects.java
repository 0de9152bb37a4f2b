package dev.sfsync.emulator.schema;

import java.util.List;

/**
 * The standard objects every emulated org starts with: those sfsync syncs, with the
 * fields, lengths, required fields and picklists of a real org. Custom objects come from
 * {@code jobs/} instead ({@link CustomObjectDefinition#from}). Outbound objects carry the
 * {@code Sfsync_Id__c} external id that makes sfsync's creates idempotent upserts.
 */
final class StandardObjects {

	private static final String[] LEAD_SOURCES = { "Web", "Phone Inquiry", "Partner Referral", "Purchased List",
			"Other" };

	private StandardObjects() {
	}

	/** All of them, in the order the catalog lists them. */
	static List<ObjectSchema> all() {
		return List.of(account(), contact(), lead(), opportunity(), opportunityContactRole(), campaign(),
				campaignMember(), task(), event(), user());
	}

	static ObjectSchema lead() {
		return ObjectSchema.builder("Lead", "00Q")
			.field(firstName())
			.field(lastName())
			.field(fullName())
			.field(text("Title", 128))
			.field(text("Company", 255).required())
			.field(email().idLookup())
			.field(FieldSchema.builder("Phone", FieldType.PHONE))
			.field(FieldSchema.builder("Status", FieldType.PICKLIST)
				.label("Lead Status")
				.length(40)
				.picklist("Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted")
				.restrictedPicklist()
				.required()
				.defaultValue("Open - Not Contacted"))
			.field(leadSource())
			// A Lead can be owned by a queue, so Owner is polymorphic.
			.field(owner("Group", "User"))
			.field(emailOptOut())
			.field(FieldSchema.builder("IsConverted", FieldType.BOOLEAN).label("Converted").readOnly())
			.field(FieldSchema.builder("ConvertedDate", FieldType.DATE).readOnly())
			.field(convertedTo("ConvertedAccountId", "Account"))
			.field(convertedTo("ConvertedContactId", "Contact"))
			.field(convertedTo("ConvertedOpportunityId", "Opportunity"))
			.field(sfsyncId())
			.build();
	}

	static ObjectSchema contact() {
		return ObjectSchema.builder("Contact", "003")
			.field(FieldSchema.builder("AccountId", FieldType.REFERENCE)
				.referenceTo("Account", "Account")
				.childRelationshipName("Contacts"))
			.field(lastName())
			.field(firstName())
			.field(fullName())
			.field(FieldSchema.builder("Phone", FieldType.PHONE).label("Business Phone"))
			.field(email().idLookup())
			.field(text("Title", 128))
			.field(text("Department", 80))
			.field(leadSource())
			.field(owner("User"))
			.field(emailOptOut())
			.field(sfsyncId())
			.build();
	}

	static ObjectSchema account() {
		return ObjectSchema.builder("Account", "001")
			.field(text("Name", 255).label("Account Name").required().nameField())
			.field(text("BillingCity", 40))
			.field(text("BillingCountry", 80))
			.field(FieldSchema.builder("Phone", FieldType.PHONE).label("Account Phone"))
			.field(FieldSchema.builder("Website", FieldType.URL))
			.field(FieldSchema.builder("Industry", FieldType.PICKLIST)
				.picklist("Agriculture", "Apparel", "Banking", "Biotechnology", "Chemicals", "Communications",
						"Construction", "Consulting", "Education", "Electronics", "Energy", "Engineering",
						"Entertainment", "Environmental", "Finance", "Food & Beverage", "Government", "Healthcare",
						"Hospitality", "Insurance", "Machinery", "Manufacturing", "Media", "Not For Profit",
						"Recreation", "Retail", "Shipping", "Technology", "Telecommunications", "Transportation",
						"Utilities", "Other"))
			.field(FieldSchema.builder("NumberOfEmployees", FieldType.INT).label("Employees").digits(8))
			.field(owner("User"))
			.field(sfsyncId())
			.build();
	}

	static ObjectSchema opportunity() {
		return ObjectSchema.builder("Opportunity", "006")
			.label("Opportunity", "Opportunities")
			.field(FieldSchema.builder("AccountId", FieldType.REFERENCE)
				.referenceTo("Account", "Account")
				.childRelationshipName("Opportunities"))
			.field(text("Name", 120).label("Opportunity Name").required().nameField())
			.field(FieldSchema.builder("StageName", FieldType.PICKLIST)
				.label("Stage")
				.picklist("Prospecting", "Qualification", "Needs Analysis", "Closed Won", "Closed Lost")
				.restrictedPicklist()
				.required())
			.field(FieldSchema.builder("Amount", FieldType.CURRENCY))
			.field(FieldSchema.builder("CloseDate", FieldType.DATE).required())
			.field(leadSource())
			// Both follow from StageName; nobody writes them.
			.field(FieldSchema.builder("IsClosed", FieldType.BOOLEAN).label("Closed").readOnly())
			.field(FieldSchema.builder("IsWon", FieldType.BOOLEAN).label("Won").readOnly())
			.field(owner("User"))
			.build();
	}

	static ObjectSchema opportunityContactRole() {
		return ObjectSchema.builder("OpportunityContactRole", "00K")
			.label("Opportunity Contact Role", "Opportunity Contact Roles")
			.notSearchable()
			.notUndeletable()
			.field(FieldSchema.builder("OpportunityId", FieldType.REFERENCE)
				.referenceTo("Opportunity", "Opportunity")
				.childRelationshipName("OpportunityContactRoles")
				.required()
				.createOnly())
			.field(FieldSchema.builder("ContactId", FieldType.REFERENCE)
				.referenceTo("Contact", "Contact")
				.childRelationshipName("OpportunityContactRoles"))
			.field(FieldSchema.builder("Role", FieldType.PICKLIST)
				.length(40)
				.picklist("Business User", "Decision Maker", "Economic Buyer", "Economic Decision Maker", "Evaluator",
						"Executive Sponsor", "Influencer", "Technical Buyer", "Other"))
			.field(FieldSchema.builder("IsPrimary", FieldType.BOOLEAN).label("Primary"))
			.build();
	}

	static ObjectSchema campaign() {
		return ObjectSchema.builder("Campaign", "701")
			.field(text("Name", 80).label("Campaign Name").required().nameField())
			.field(FieldSchema.builder("Type", FieldType.PICKLIST)
				.length(40)
				.picklist("Advertisement", "Banner Ads", "Conference", "Direct Mail", "Email", "Partners",
						"Public Relations", "Referral Program", "Telemarketing", "Trade Show", "Webinar", "Other"))
			.field(FieldSchema.builder("Status", FieldType.PICKLIST)
				.length(40)
				.picklist("Planned", "In Progress", "Completed", "Aborted")
				.defaultValue("Planned"))
			.field(FieldSchema.builder("StartDate", FieldType.DATE))
			.field(FieldSchema.builder("EndDate", FieldType.DATE))
			.field(FieldSchema.builder("IsActive", FieldType.BOOLEAN).label("Active"))
			.field(owner("User"))
			.field(sfsyncId())
			.build();
	}

	static ObjectSchema campaignMember() {
		return ObjectSchema.builder("CampaignMember", "00v")
			.label("Campaign Member", "Campaign Members")
			.notSearchable()
			.notUndeletable()
			.field(FieldSchema.builder("CampaignId", FieldType.REFERENCE)
				.referenceTo("Campaign", "Campaign")
				.childRelationshipName("CampaignMembers")
				.required()
				.createOnly())
			.field(FieldSchema.builder("LeadId", FieldType.REFERENCE)
				.referenceTo("Lead", "Lead")
				.childRelationshipName("CampaignMembers")
				.createOnly())
			.field(FieldSchema.builder("ContactId", FieldType.REFERENCE)
				.referenceTo("Contact", "Contact")
				.childRelationshipName("CampaignMembers")
				.createOnly())
			.field(FieldSchema.builder("Status", FieldType.PICKLIST)
				.length(40)
				.picklist("Sent", "Responded")
				.defaultValue("Sent"))
			// Both follow from Status.
			.field(FieldSchema.builder("HasResponded", FieldType.BOOLEAN).label("Responded").readOnly())
			.field(FieldSchema.builder("FirstRespondedDate", FieldType.DATE).readOnly())
			.build();
	}

	static ObjectSchema task() {
		return ObjectSchema.builder("Task", "00T")
			.field(who("Tasks"))
			.field(what("Tasks"))
			.field(text("Subject", 255).nameField())
			.field(FieldSchema.builder("ActivityDate", FieldType.DATE).label("Due Date Only"))
			.field(FieldSchema.builder("Status", FieldType.PICKLIST)
				.length(40)
				.picklist("Not Started", "In Progress", "Completed", "Waiting on someone else", "Deferred")
				.restrictedPicklist()
				.required()
				.defaultValue("Not Started"))
			.field(FieldSchema.builder("Priority", FieldType.PICKLIST)
				.length(40)
				.picklist("High", "Normal", "Low")
				.restrictedPicklist()
				.required()
				.defaultValue("Normal"))
			.field(owner("User").label("Assigned To ID"))
			.field(description())
			.field(FieldSchema.builder("IsClosed", FieldType.BOOLEAN).label("Closed").readOnly())
			.field(FieldSchema.builder("IsArchived", FieldType.BOOLEAN).label("Archived").readOnly())
			.field(sfsyncId())
			.build();
	}

	static ObjectSchema event() {
		return ObjectSchema.builder("Event", "00U")
			.field(who("Events"))
			.field(what("Events"))
			.field(text("Subject", 255).nameField())
			.field(text("Location", 255))
			.field(FieldSchema.builder("ActivityDateTime", FieldType.DATETIME).label("Due Date Time"))
			.field(FieldSchema.builder("ActivityDate", FieldType.DATE).label("Due Date Only"))
			.field(FieldSchema.builder("StartDateTime", FieldType.DATETIME).label("Start Date Time"))
			.field(FieldSchema.builder("EndDateTime", FieldType.DATETIME).label("End Date Time"))
			.field(FieldSchema.builder("DurationInMinutes", FieldType.INT).label("Duration").digits(8))
			.field(owner("User").label("Assigned To ID"))
			.field(description())
			.field(FieldSchema.builder("IsArchived", FieldType.BOOLEAN).label("Archived").readOnly())
			.build();
	}

	static ObjectSchema user() {
		return ObjectSchema.builder("User", "005")
			// Users are deactivated, never deleted.
			.notDeletable()
			.field(text("Username", 80).required().unique().idLookup())
			.field(lastName())
			.field(firstName())
			.field(fullName())
			.field(text("Title", 80))
			.field(text("Department", 80))
			.field(email().length(128).required())
			.field(FieldSchema.builder("Phone", FieldType.PHONE))
			.field(text("Alias", 8).required())
			.field(FieldSchema.builder("IsActive", FieldType.BOOLEAN).label("Active").defaultValue(true))
			// Profiles are not emulated; the lookup is kept so describe shows a
			// reference.
			.field(FieldSchema.builder("ProfileId", FieldType.REFERENCE).referenceTo("Profile", "Profile"))
			.field(FieldSchema.builder("TimeZoneSidKey", FieldType.PICKLIST)
				.label("Time Zone")
				.length(40)
				.picklist("GMT", "Europe/London", "Europe/Paris", "Europe/Berlin", "America/New_York",
						"America/Chicago", "America/Denver", "America/Los_Angeles", "Asia/Tokyo", "Australia/Sydney")
				.restrictedPicklist())
			.build();
	}

	/** The owner lookup; Salesforce assigns the creating user when a create omits it. */
	static FieldSchema.Builder owner(String... targets) {
		return FieldSchema.builder("OwnerId", FieldType.REFERENCE)
			.label("Owner ID")
			.referenceTo("Owner", targets)
			.required()
			.defaultedOnCreate();
	}

	private static FieldSchema.Builder text(String name, int length) {
		return FieldSchema.builder(name, FieldType.STRING).length(length);
	}

	private static FieldSchema.Builder firstName() {
		return text("FirstName", 40).compoundFieldName("Name");
	}

	private static FieldSchema.Builder lastName() {
		return text("LastName", 80).required().compoundFieldName("Name");
	}

	/** The person's full name, which Salesforce composes from FirstName and LastName. */
	private static FieldSchema.Builder fullName() {
		return text("Name", 121).label("Full Name").required().readOnly().nameField();
	}

	private static FieldSchema.Builder email() {
		return FieldSchema.builder("Email", FieldType.EMAIL);
	}

	private static FieldSchema.Builder emailOptOut() {
		return FieldSchema.builder("HasOptedOutOfEmail", FieldType.BOOLEAN).label("Email Opt Out");
	}

	private static FieldSchema.Builder leadSource() {
		return FieldSchema.builder("LeadSource", FieldType.PICKLIST).length(40).picklist(LEAD_SOURCES);
	}

	private static FieldSchema.Builder description() {
		return FieldSchema.builder("Description", FieldType.TEXTAREA).length(32000);
	}

	private static FieldSchema.Builder convertedTo(String name, String target) {
		return FieldSchema.builder(name, FieldType.REFERENCE)
			.referenceTo(name.substring(0, name.length() - 2), target)
			.readOnly();
	}

	private static FieldSchema.Builder who(String childRelationshipName) {
		return FieldSchema.builder("WhoId", FieldType.REFERENCE)
			.label("Name ID")
			.referenceTo("Who", "Contact", "Lead")
			.childRelationshipName(childRelationshipName);
	}

	private static FieldSchema.Builder what(String childRelationshipName) {
		return FieldSchema.builder("WhatId", FieldType.REFERENCE)
			.label("Related To ID")
			.referenceTo("What", "Account", "Campaign", "Opportunity")
			.childRelationshipName(childRelationshipName);
	}

	/** The external id sfsync upserts by, so a retried create cannot make a duplicate. */
	private static FieldSchema.Builder sfsyncId() {
		return text("Sfsync_Id__c", 64).label("Sfsync ID").externalId().unique();
	}

}
