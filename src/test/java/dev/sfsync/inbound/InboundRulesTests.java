package dev.sfsync.inbound;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import dev.sfsync.catalog.InvalidFieldOverrideException;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobCatalogLoader;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.outcome.OutcomeReason;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class InboundRulesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JobCatalog CATALOG = new JobCatalogLoader().load("file:jobs/");

	private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

	private final InboundRules contacts = rules("contact", ConnectionSettings.DEFAULTS);

	@Test
	void writesANewContactWithItsMappedColumnsAndSalesforceTimes() {
		InboundDecision decision = this.contacts.decide(contact(), AppState.NEW);
		assertThat(decision).isInstanceOf(InboundDecision.Write.class);
		InboundDecision.Write write = (InboundDecision.Write) decision;
		assertThat(write.create()).isTrue();
		assertThat(write.columns()).containsEntry("email", "ada@example.com").containsEntry("last_name", "Lovelace");
		assertThat(write.modstamp()).isEqualTo(NOW);
		assertThat(write.createdAt()).isEqualTo(Instant.parse("2026-11-01T08:00:00Z"));
	}

	@Test
	void skipsContactsWithoutOrWithAnInvalidEmail() {
		assertThat(this.contacts.decide(contact().putNull("Email"), AppState.NEW))
			.isEqualTo(new InboundDecision.Skip(OutcomeReason.MISSING_EMAIL_ADDRESS));
		assertThat(this.contacts.decide(contact().put("Email", "not an email@@example"), AppState.NEW))
			.isEqualTo(new InboundDecision.Skip(OutcomeReason.INVALID_EMAIL_ADDRESS));
	}

	@Test
	void failsMalformedUnencodableAndUntimedRecords() {
		assertThat(this.contacts.decide(contact().putNull("LastName"), AppState.NEW))
			.isEqualTo(new InboundDecision.Fail(OutcomeReason.MALFORMED_DATA, "The required field LastName is empty"));
		assertThat(reason(this.contacts.decide(contact().put("LastName", "Bro\uD800ken"), AppState.NEW)))
			.isEqualTo(OutcomeReason.FAILED_TO_ENCODE_DATA);
		assertThat(reason(this.contacts.decide(contact().put("SystemModstamp", "yesterday"), AppState.NEW)))
			.isEqualTo(OutcomeReason.INVALID_TIMESTAMP);
		assertThat(this.contacts.decide(contact().putNull("Id"), AppState.NEW))
			.isEqualTo(new InboundDecision.Skip(OutcomeReason.MISSING_EXTERNAL_ID));
	}

	@Test
	void skipsAnOutdatedRecordAndOneWithNoChangeToMappedFields() {
		AppState newer = new AppState(7L, NOW.plusSeconds(60), Map.of(), true, false, null, null);
		assertThat(this.contacts.decide(contact(), newer))
			.isEqualTo(new InboundDecision.Skip(OutcomeReason.OUTDATED_RECORD));
		Map<String, Object> stored = new java.util.HashMap<>();
		stored.put("email", "ada@example.com");
		stored.put("first_name", "Ada");
		stored.put("last_name", "Lovelace");
		stored.put("salesforce_account_id", "001A10000000001AAA");
		stored.put("email_opt_out", "false");
		AppState same = new AppState(7L, NOW, stored, true, false, null, null);
		assertThat(this.contacts.decide(contact(), same))
			.isEqualTo(new InboundDecision.Skip(OutcomeReason.NO_CHANGES_TO_FIELDS_OF_INTEREST));
		InboundDecision changed = this.contacts.decide(contact().put("Title", "Countess"), same);
		assertThat(changed).isInstanceOf(InboundDecision.Write.class);
		assertThat(((InboundDecision.Write) changed).create()).isFalse();
	}

	@Test
	void writesARecordToTheAppRowItsExternalIdNamesEvenWithNoChangeSoThatTheRowIsLinked() {
		Map<String, Object> stored = new java.util.HashMap<>();
		stored.put("email", "ada@example.com");
		stored.put("first_name", "Ada");
		stored.put("last_name", "Lovelace");
		stored.put("salesforce_account_id", "001A10000000001AAA");
		stored.put("email_opt_out", "false");
		AppState unlinked = new AppState(7L, null, stored, true, false, null, null, false, null, null, true, null);
		InboundDecision decision = this.contacts.decide(contact(), unlinked);
		assertThat(decision).isInstanceOf(InboundDecision.Write.class);
		assertThat(((InboundDecision.Write) decision).create()).isFalse();
		assertThat(AppChange.of("003A10000000001AAA", unlinked, decision, JSON).link()).isTrue();
	}

	@Test
	void respectsTheConnectionsWriteModeAndAccountRequirement() {
		ConnectionSettings updateOnly = new ConnectionSettings(
				Map.of("contact", ConnectionSettings.WriteMode.UPDATE_ONLY), null, null, null, null, true);
		InboundRules rules = rules("contact", updateOnly);
		assertThat(rules.decide(contact(), new AppState(null, null, Map.of(), true, false, null, null)))
			.isEqualTo(new InboundDecision.Skip(OutcomeReason.WRITE_MODE_MISMATCH));
		assertThat(rules.decide(contact(), AppState.NEW))
			.isEqualTo(new InboundDecision.Skip(OutcomeReason.NO_ACCOUNT_ASSOCIATION));
		ConnectionSettings createOnly = new ConnectionSettings(
				Map.of("contact", ConnectionSettings.WriteMode.CREATE_ONLY), null, null, null, null, false);
		assertThat(rules("contact", createOnly).decide(contact(),
				new AppState(3L, null, Map.of(), true, false, null, null)))
			.isEqualTo(new InboundDecision.Skip(OutcomeReason.WRITE_MODE_MISMATCH));
	}

	@Test
	void skipsConvertedLeadsAndDeletesRecordsInTheRecycleBin() {
		InboundRules leads = rules("lead", ConnectionSettings.DEFAULTS);
		ObjectNode lead = contact().put("Company", "Navy").put("IsConverted", true);
		assertThat(leads.decide(lead, AppState.NEW))
			.isEqualTo(new InboundDecision.Skip(OutcomeReason.LEAD_ALREADY_CONVERTED));
		assertThat(this.contacts.decide(contact().put("IsDeleted", true), AppState.NEW))
			.isEqualTo(new InboundDecision.Delete(NOW));
	}

	@Test
	void convertsALeadWhoseAppContactIsNotLinkedToItsContactYetAndSkipsItOnceLinked() {
		InboundRules leads = rules("lead", ConnectionSettings.DEFAULTS);
		ObjectNode lead = contact().put("Company", "Navy")
			.put("IsConverted", true)
			.put("ConvertedContactId", "003000000000042AAA");
		AppState unlinked = new AppState(7L, NOW.minusSeconds(60), Map.of(), true, false, null, null, false, null,
				null);
		assertThat(leads.decide(lead, unlinked)).isEqualTo(
				new InboundDecision.Convert("003000000000042AAA", null, Instant.parse("2026-11-01T08:00:00Z"), NOW));
		AppState contactFirst = new AppState(7L, NOW.minusSeconds(60), Map.of(), true, false, null, null, false, null,
				9L);
		assertThat(leads.decide(lead, contactFirst)).isEqualTo(
				new InboundDecision.Convert("003000000000042AAA", 9L, Instant.parse("2026-11-01T08:00:00Z"), NOW));
		AppState linked = new AppState(7L, NOW.minusSeconds(60), Map.of(), true, false, null, null, false,
				"003000000000042AAA", null);
		assertThat(leads.decide(lead, linked))
			.isEqualTo(new InboundDecision.Skip(OutcomeReason.LEAD_ALREADY_CONVERTED));
		assertThat(leads.decide(lead.deepCopy().put("IsDeleted", true), unlinked))
			.isEqualTo(new InboundDecision.Delete(NOW));
		assertThat(this.contacts.decide(contact().put("IsConverted", true).put("ConvertedContactId", "003X"), unlinked))
			.as("only objects with the skip-converted-leads rule convert")
			.isInstanceOf(InboundDecision.Write.class);
	}

	@Test
	void skipsContactRolesWhoseOpportunityTheAppDoesNotHave() {
		InboundRules roles = rules("opportunity-contact-role", ConnectionSettings.DEFAULTS);
		ObjectNode role = record().put("OpportunityId", "006A10000000001AAA").put("Role", "Decision Maker");
		assertThat(roles.decide(role, AppState.NEW))
			.isEqualTo(new InboundDecision.Skip(OutcomeReason.OPPORTUNITY_NOT_FOUND));
		assertThat(roles.decide(role, new AppState(null, null, Map.of(), false, true, null, null)))
			.isInstanceOf(InboundDecision.Write.class);
	}

	@Test
	void resolvesTheContactOfACustomEventByEmailAndUserId() {
		InboundRules invoices = rules("invoice__c", ConnectionSettings.DEFAULTS);
		ObjectNode invoice = record().put("Name", "INV-1")
			.put("Contact_Email__c", "ada@example.com")
			.put("App_User_Id__c", "user-1");
		assertThat(
				invoices.decide(invoice.deepCopy().putNull("Contact_Email__c").putNull("App_User_Id__c"), AppState.NEW))
			.isEqualTo(new InboundDecision.Skip(OutcomeReason.MISSING_IDENTIFIER));
		assertThat(invoices.decide(invoice, AppState.NEW))
			.isEqualTo(new InboundDecision.Skip(OutcomeReason.CONTACT_NOT_FOUND));
		assertThat(invoices.decide(invoice, new AppState(null, null, Map.of(), false, false, 1L, 2L)))
			.isEqualTo(new InboundDecision.Skip(OutcomeReason.CONFLICTING_IDENTIFIER));
		assertThat(invoices.decide(invoice.deepCopy().put("Name", ""),
				new AppState(null, null, Map.of(), false, false, 1L, 1L)))
			.isEqualTo(new InboundDecision.Skip(OutcomeReason.MISSING_EVENT_NAME));
		assertThat(invoices.decide(invoice, new AppState(null, null, Map.of(), false, false, 1L, null)))
			.isInstanceOf(InboundDecision.Write.class);
	}

	@Test
	void fieldMappingOverridesRenameTheColumnWritten() {
		ConnectionSettings renamed = new ConnectionSettings(null, null,
				Map.of("contact", Map.of("Title", "first_name")), null, null, null);
		InboundDecision.Write write = (InboundDecision.Write) rules("contact", renamed)
			.decide(contact().put("Title", "Countess").put("FirstName", "Ada"), AppState.NEW);
		assertThat(write.columns()).containsEntry("first_name", "Countess").doesNotContainKey("title");
	}

	@Test
	void aStoredOverrideOfAColumnTheDefinitionDoesNotMapIsRefusedBeforeAnyRecord() {
		ConnectionSettings crafted = new ConnectionSettings(null, null,
				Map.of("contact", Map.of("Email", "email = (SELECT 1), connection_id")), null, null, null);
		assertThatExceptionOfType(InvalidFieldOverrideException.class).isThrownBy(() -> rules("contact", crafted))
			.withMessageStartingWith("A field mapping override of contact is not allowed: Email names column"
					+ " 'email = (SELECT 1), connection_id', which contact does not map");
	}

	@Test
	void aProgrammingErrorFailsTheRunNotEveryRecordAsAnUnknownError() {
		// No app state is a bug of the caller's, not bad data: it must not become one
		// "Unknown error" per record, run after run.
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> this.contacts.decide(contact(), null));
		assertThat(InboundRules.encodable("emoji \uD83D\uDE00 is fine")).isTrue();
	}

	private static InboundRules rules(String name, ConnectionSettings settings) {
		return new InboundRules(CATALOG.find(name).orElseThrow(), settings,
				name.contains("contact") && !name.contains("role") || name.equals("lead") ? Set.of("LastName")
						: Set.of());
	}

	private static ObjectNode contact() {
		return record().put("FirstName", "Ada")
			.put("LastName", "Lovelace")
			.put("Email", "ada@example.com")
			.put("AccountId", "001A10000000001AAA")
			.put("HasOptedOutOfEmail", false);
	}

	private static ObjectNode record() {
		return JSON.createObjectNode()
			.put("Id", "003A10000000001AAA")
			.put("SystemModstamp", "2026-11-22T12:00:00.000+0000")
			.put("CreatedDate", "2026-11-01T08:00:00.000Z")
			.put("IsDeleted", false);
	}

	private static OutcomeReason reason(InboundDecision decision) {
		if (decision instanceof InboundDecision.Skip skip) {
			return skip.reason();
		}
		return ((InboundDecision.Fail) decision).reason();
	}

	@Test
	void skipsRecordsTheConnectionsSyncRuleExcludesAndThoseItCannotDecide() {
		InboundRules filtered = new InboundRules(CATALOG.find("contact").orElseThrow(), ConnectionSettings.DEFAULTS,
				Set.of("LastName"), table("contact"), (record) -> {
					if (record.path("Title").asString("").equals("?")) {
						throw new IllegalArgumentException("cannot compare");
					}
					return record.path("Title").asString("").equals("Intern");
				});
		assertThat(filtered.decide(contact().put("Title", "Intern"), AppState.NEW))
			.isEqualTo(new InboundDecision.Skip(OutcomeReason.DO_NOT_SYNC));
		assertThat(filtered.decide(contact().put("Title", "?"), AppState.NEW))
			.isEqualTo(new InboundDecision.Skip(OutcomeReason.UNKNOWN_REASON));
		assertThat(filtered.decide(contact().put("Title", "CEO"), AppState.NEW))
			.isInstanceOf(InboundDecision.Write.class);
	}

	@Test
	void readsValuesAsTheirAppColumnsTypesAndFailsThoseThatAreNot() {
		InboundRules events = new InboundRules(CATALOG.find("event").orElseThrow(), ConnectionSettings.DEFAULTS,
				Set.of("StartDateTime"), table("event"), (record) -> false);
		ObjectNode event = JSON.createObjectNode()
			.put("Id", "00UA1000000000AIAQ")
			.put("SystemModstamp", "2026-11-22T12:00:00.000+0000")
			.put("Subject", "Meeting")
			.put("StartDateTime", "2026-11-23T09:30:00.000Z");

		InboundDecision.Write write = (InboundDecision.Write) events.decide(event, AppState.NEW);

		assertThat(write.columns()).containsEntry("starts_at", Instant.parse("2026-11-23T09:30:00Z"));
		assertThat(reason(events.decide(event.deepCopy().putNull("StartDateTime"), AppState.NEW)))
			.isEqualTo(OutcomeReason.INVALID_TIMESTAMP);
		assertThat(reason(events.decide(event.deepCopy().put("StartDateTime", "next Tuesday"), AppState.NEW)))
			.isEqualTo(OutcomeReason.INVALID_TIMESTAMP);
		InboundRules accounts = new InboundRules(CATALOG.find("account").orElseThrow(), ConnectionSettings.DEFAULTS,
				Set.of(), table("account"), (record) -> false);
		assertThat(reason(accounts.decide(JSON.createObjectNode()
			.put("Id", "001A1000000000AIAQ")
			.put("SystemModstamp", "2026-11-22T12:00:00.000Z")
			.put("Name", "Acme")
			.put("NumberOfEmployees", "lots"), AppState.NEW))).isEqualTo(OutcomeReason.MALFORMED_DATA);
	}

	/** The column types of the app tables, as the database reports them. */
	private static dev.sfsync.store.AppTable table(String objectType) {
		Map<String, dev.sfsync.store.ColumnType> types = switch (objectType) {
			case "event" -> Map.of("subject", dev.sfsync.store.ColumnType.TEXT, "starts_at",
					dev.sfsync.store.ColumnType.DATE_TIME, "ends_at", dev.sfsync.store.ColumnType.DATE_TIME);
			case "account" ->
				Map.of("name", dev.sfsync.store.ColumnType.TEXT, "employee_count", dev.sfsync.store.ColumnType.INTEGER);
			default -> Map.of();
		};
		return new dev.sfsync.store.AppTable(objectType, "salesforce_id", Map.of(), java.util.List.of(), types);
	}

}
