package dev.sfsync.inbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.operations.JobParametersDefaults.Launch;
import dev.sfsync.salesforce.ApiBudget;
import dev.sfsync.salesforce.SalesforceClient;
import dev.sfsync.store.AppTable;
import dev.sfsync.store.AppTables;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.system.SyncIntegrationTestSupport;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object type's backfill and incremental runs against a seeded emulator org, over
 * HTTP, on the real database: the app rows equal Salesforce's, every reason is counted
 * with its exact message, the job repository's counts equal the outcome log, and
 * re-reading the overlap changes nothing.
 */
@TestPropertySource(properties = "sfsync.inbound.settle-delay=1s")
class InboundSyncIntegrationTests extends SyncIntegrationTestSupport {

	/** Parents before children, contacts before the events that resolve them. */
	private static final List<String> ORDER = List.of("account", "user", "contact", "lead", "opportunity",
			"opportunity-contact-role", "campaign", "campaign-member", "task", "event", "invoice__c");

	@Autowired
	private InboundLaunches launches;

	@Autowired
	private JobCatalog catalog;

	@Autowired
	private AppTables tables;

	@Test
	void everyObjectTypeBackfillsThenSyncsIncrementallyWithEveryReasonLogged() throws Exception {
		EmulatorAdmin.Org org = admin.org("Inbound Org", Map.of());
		JsonNode seeded = admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects",
						Map.of("Account", 20, "Contact", 200, "Lead", 100, "Opportunity", 40, "OpportunityContactRole",
								60, "Campaign", 5, "CampaignMember", 50, "Task", 50, "Event", 50),
						"badShare", 0.1, "seed", 7));
		JsonNode invoices = admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Invoice__c", 60), "badShare", 0.2, "seed", 8));
		connect("acme", org, ConnectionSettings.DEFAULTS.withSyncRule("lead", "LeadSource = 'Do Not Sync'")
			.withRequireAccount(true));
		SalesforceClient client = this.connections.client("acme", new ApiBudget(1.0, 1.0));
		// The integration user's record was created just now: let it settle into a
		// window.
		settled();

		Map<String, JobExecution> backfills = new LinkedHashMap<>();
		for (String name : ORDER) {
			JobExecution execution = runNext(name, "acme");
			assertThat(execution.getJobInstance().getJobName()).isEqualTo(name + "-backfill");
			backfills.put(name, execution);
			if (name.equals("contact")) {
				// The app's own user ids: user-n is contact n (its email ends in .c<n>@).
				this.jdbc.update("UPDATE contacts SET app_user_id = CONCAT('user-',"
						+ " SUBSTRING_INDEX(SUBSTRING_INDEX(email, '@', 1), '.c', -1)) WHERE connection_id = 'acme'"
						+ " AND salesforce_contact_id IS NOT NULL");
			}
		}

		JsonNode bad = seeded.get("bad");
		JsonNode badInvoices = invoices.get("bad");
		assertThat(reasons(backfills.get("contact"))).isEqualTo(expected(bad, "Contact", "MISSING_EMAIL_ADDRESS",
				"INVALID_EMAIL_ADDRESS", "NO_ACCOUNT_ASSOCIATION", "MALFORMED_DATA", "FAILED_TO_ENCODE_DATA"));
		assertThat(reasons(backfills.get("lead"))).isEqualTo(expected(bad, "Lead", "MISSING_EMAIL_ADDRESS",
				"INVALID_EMAIL_ADDRESS", "LEAD_ALREADY_CONVERTED", "DO_NOT_SYNC"));
		assertThat(reasons(backfills.get("event"))).isEqualTo(expected(bad, "Event", "INVALID_TIMESTAMP"));
		assertThat(reasons(backfills.get("invoice__c"))).isEqualTo(expected(badInvoices, "Invoice__c",
				"MISSING_IDENTIFIER", "CONTACT_NOT_FOUND", "CONFLICTING_IDENTIFIER", "MISSING_EVENT_NAME"));
		assertThat(reasons(backfills.get("opportunity-contact-role")))
			.isEqualTo(Map.of("OPPORTUNITY_NOT_FOUND", rolesOfDeletedOpportunities(client)));
		for (String name : List.of("account", "user", "opportunity", "campaign", "campaign-member", "task")) {
			assertThat(reasons(backfills.get(name))).as(name).isEmpty();
		}
		assertThat(this.jdbc.queryForList("SELECT DISTINCT reason FROM sync_record_outcome WHERE connection_id = 'acme'"
				+ " AND reason IS NOT NULL", String.class))
			.as("every reason the seed can cause")
			.hasSize(13);
		for (String name : ORDER) {
			JobExecution execution = backfills.get(name);
			assertCountsEqualOutcomeLog(execution);
			assertAppRowsEqualSalesforce(client, name);
		}
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM custom_events WHERE connection_id = 'acme'"
				+ " AND event_type = 'invoice' AND contact_id IS NULL", Integer.class))
			.isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM opportunity_contact_roles WHERE connection_id ="
						+ " 'acme' AND (opportunity_id IS NULL OR contact_id IS NULL) AND deleted = FALSE",
				Integer.class))
			.as("roles whose contact was synced resolve both references")
			.isEqualTo(this.jdbc.queryForObject("SELECT COUNT(*) FROM opportunity_contact_roles r WHERE"
					+ " r.connection_id = 'acme' AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.connection_id ="
					+ " 'acme' AND c.salesforce_contact_id = r.salesforce_contact_id)", Integer.class));

		// Salesforce users change records: one mapped change, one change to an unmapped
		// field, one delete, one lead conversion.
		List<String> contacts = this.jdbc.queryForList("SELECT salesforce_contact_id FROM contacts WHERE connection_id"
				+ " = 'acme' AND salesforce_contact_id IS NOT NULL ORDER BY id LIMIT 3", String.class);
		List<String> leads = this.jdbc.queryForList("SELECT salesforce_lead_id FROM contacts WHERE connection_id ="
				+ " 'acme' AND salesforce_lead_id IS NOT NULL ORDER BY id LIMIT 2", String.class);
		admin.send("PATCH", "/emulator/orgs/" + org.id() + "/records/Contact/" + contacts.get(0),
				Map.of("Title", "Chief Sync Officer"));
		admin.send("PATCH", "/emulator/orgs/" + org.id() + "/records/Contact/" + contacts.get(1),
				Map.of("Department", "Unmapped"));
		admin.send("DELETE", "/emulator/orgs/" + org.id() + "/records/Contact/" + contacts.get(2), null);
		// Converted before its Contact is synced: the Contact arrives as a new app
		// contact.
		String mergedContact = convert(org, leads.get(0));
		settled();

		JobExecution contactRun = runNext("contact", "acme");
		assertThat(contactRun.getJobInstance().getJobName()).isEqualTo("contact-inbound");
		assertThat(Instant.parse(contactRun.getJobParameters().getString("from")))
			.isEqualTo(Instant.parse(backfills.get("contact").getJobParameters().getString("to")).minusSeconds(600));
		assertThat(outcomes(contactRun)).containsEntry(contacts.get(0), "UPDATED")
			.containsEntry(contacts.get(1), "SKIPPED:NO_CHANGES_TO_FIELDS_OF_INTEREST")
			.containsEntry(contacts.get(2), "DELETED")
			.containsEntry(mergedContact, "CREATED");
		assertThat(this.jdbc.queryForObject("SELECT title FROM contacts WHERE salesforce_contact_id = ?", String.class,
				contacts.get(0)))
			.isEqualTo("Chief Sync Officer");
		assertThat(this.jdbc.queryForObject("SELECT deleted FROM contacts WHERE salesforce_contact_id = ?",
				Boolean.class, contacts.get(2)))
			.isTrue();

		// Converted after: the Lead's app contact is re-linked to its Contact.
		String relinkedContact = convert(org, leads.get(1));
		settled();
		JobExecution leadRun = runNext("lead", "acme");
		assertThat(leadRun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		// Merged into the Contact's app contact, and re-linked to the Contact.
		List<String> conversions = List.of("merged into the contact of Contact " + mergedContact,
				"re-linked to Contact " + relinkedContact);
		for (int i = 0; i < 2; i++) {
			assertThat(this.jdbc.queryForList(
					"SELECT CONCAT(s.STEP_NAME, ':', o.outcome, ':', COALESCE(o.reason, ''), ':', o.detail)"
							+ " FROM sync_record_outcome o JOIN BATCH_STEP_EXECUTION s ON s.STEP_EXECUTION_ID ="
							+ " o.step_execution_id WHERE o.job_execution_id = ? AND o.salesforce_id = ?",
					String.class, leadRun.getId(), leads.get(i)))
				.singleElement(InstanceOfAssertFactories.STRING)
				.startsWith("pull-updates:UPDATED::Lead " + leads.get(i) + " was converted: " + conversions.get(i));
		}
		assertThat(this.jdbc.queryForList(
				"SELECT STEP_NAME FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?" + " ORDER BY STEP_EXECUTION_ID",
				String.class, leadRun.getId()))
			.containsExactly("pull-updates");
		JobExecution afterConversion = runNext("contact", "acme");
		assertThat(outcomes(afterConversion)).containsEntry(relinkedContact, "UPDATED");
		for (int i = 0; i < 2; i++) {
			assertThat(this.jdbc.queryForObject(
					"SELECT COUNT(*) FROM contacts WHERE connection_id = 'acme' AND"
							+ " deleted = FALSE AND (salesforce_lead_id = ? OR salesforce_contact_id = ?)",
					Integer.class, leads.get(i), List.of(mergedContact, relinkedContact).get(i)))
				.as("converted lead %s and its contact are one app contact", leads.get(i))
				.isEqualTo(1);
		}

		// Re-reading the overlap window changes nothing, and counts and logs nothing
		// again.
		List<Map<String, Object>> before = snapshot("contacts");
		JobExecution reread = runNext("contact", "acme");
		assertThat(outcomes(reread)).isEmpty();
		assertThat(this.jdbc.queryForObject(
				"SELECT SUM(READ_COUNT + FILTER_COUNT) FROM BATCH_STEP_EXECUTION" + " WHERE JOB_EXECUTION_ID = ?",
				Integer.class, reread.getId()))
			.isZero();
		assertThat(snapshot("contacts")).isEqualTo(before);

		for (JobExecution execution : List.of(contactRun, leadRun, afterConversion, reread)) {
			assertCountsEqualOutcomeLog(execution);
		}

		// Every object type's incremental run picks up an edit made in Salesforce.
		Map<String, String> edited = new LinkedHashMap<>();
		EDITS.forEach((name, edit) -> {
			AppTable table = this.tables.get(name);
			String id = this.jdbc.queryForObject("SELECT " + table.keyColumn() + " FROM " + table.name()
					+ " WHERE connection_id = 'acme' AND deleted = FALSE AND " + table.keyColumn() + " IS NOT NULL"
					+ table.fixedColumns()
						.keySet()
						.stream()
						.map((column) -> " AND " + column + " = ?")
						.reduce("", String::concat)
					+ ((edit.where() != null) ? " AND " + edit.where() : "") + " ORDER BY id DESC LIMIT 1",
					String.class, table.fixedColumns().values().toArray());
			admin.send("PATCH",
					"/emulator/orgs/" + org.id() + "/records/"
							+ this.catalog.find(name).orElseThrow().salesforceObject() + "/" + id,
					Map.of(edit.field(), edit.value()));
			edited.put(name, id);
		});
		settled();
		for (String name : ORDER) {
			JobExecution incremental = runNext(name, "acme");
			assertThat(incremental.getJobInstance().getJobName()).isEqualTo(name + "-inbound");
			assertThat(incremental.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(outcomes(incremental)).as(name).containsEntry(edited.get(name), "UPDATED");
			assertCountsEqualOutcomeLog(incremental);
			assertAppRowsEqualSalesforce(client, name);
		}

		// A newer version already synced makes an older one outdated.
		this.jdbc.update("UPDATE contacts SET external_updated_at = DATE_ADD(UTC_TIMESTAMP(6), INTERVAL 1 DAY)"
				+ " WHERE salesforce_contact_id = ?", contacts.get(0));
		admin.send("PATCH", "/emulator/orgs/" + org.id() + "/records/Contact/" + contacts.get(0),
				Map.of("Title", "Older news"));
		settled();
		assertThat(outcomes(runNext("contact", "acme"))).containsEntry(contacts.get(0), "SKIPPED:OUTDATED_RECORD");
	}

	/** A change to a mapped field, made as a Salesforce user would. */
	private record Edit(String field, Object value, @org.jspecify.annotations.Nullable String where) {
	}

	private static final Map<String, Edit> EDITS = new LinkedHashMap<>();

	static {
		EDITS.put("account", new Edit("Name", "Edited account", null));
		EDITS.put("user", new Edit("FirstName", "Edited", null));
		EDITS.put("contact", new Edit("Title", "Edited", null));
		EDITS.put("lead", new Edit("Title", "Edited", "converted = FALSE"));
		EDITS.put("opportunity", new Edit("Name", "Edited deal", null));
		EDITS.put("opportunity-contact-role", new Edit("Role", "Evaluator", null));
		EDITS.put("campaign", new Edit("Name", "Edited campaign", null));
		EDITS.put("campaign-member", new Edit("Status", "Responded", "status = 'Sent'"));
		EDITS.put("task", new Edit("Subject", "Edited task", null));
		EDITS.put("event", new Edit("Subject", "Edited event", null));
		EDITS.put("invoice__c", new Edit("Amount__c", 4242, null));
	}

	@Test
	void contactsArePointedAtTheirAccountsByTheChunkOrWhenTheAccountArrivesLaterByTheNextRunWhichAloneHasTheStep()
			throws Exception {
		EmulatorAdmin.Org org = admin.org("Late Parent Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 2, "Contact", 4), "badShare", 0, "seed", 5));
		connect("late-parent", org, null);
		settled();
		runNext("account", "late-parent");
		assertThat(stepNames(runNext("contact", "late-parent"))).as("a backfill points its rows in batches")
			.containsExactly("pull-updates", "update-foreign-keys");
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM contacts c JOIN companies a ON a.id = c.company_id"
						+ " AND a.salesforce_id = c.salesforce_account_id WHERE c.connection_id = 'late-parent'",
				Integer.class))
			.isEqualTo(4);

		// given an account synced, then a contact of it: its chunk points it
		String first = admin.create(org, "Account", Map.of("Name", "First Co"));
		settled();
		runNext("account", "late-parent");
		String pointed = admin.create(org, "Contact",
				Map.of("LastName", "Pointed", "Email", "pointed@example.com", "AccountId", first));
		settled();
		assertThat(stepNames(runNext("contact", "late-parent"))).containsExactly("pull-updates");
		assertThat(companyOf(pointed)).isEqualTo(companyId(first));

		// given a new account's contact synced before the account
		String account = admin.create(org, "Account", Map.of("Name", "Late Co"));
		String contact = admin.create(org, "Contact",
				Map.of("LastName", "Early", "Email", "early@example.com", "AccountId", account));
		settled();
		JobExecution early = runNext("contact", "late-parent");
		assertThat(outcomes(early)).containsEntry(contact, "CREATED");
		assertThat(stepNames(early)).as("no account to point at yet").containsExactly("pull-updates");
		assertThat(companyOf(contact)).isNull();

		// when the account arrives, then the next contact run, with no change of its own,
		// points the contact at it
		runNext("account", "late-parent");
		JobExecution next = runNext("contact", "late-parent");
		assertThat(next.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(stepNames(next)).containsExactly("pull-updates", "update-foreign-keys");
		assertThat(companyOf(contact)).isEqualTo(companyId(account));
		nextSecond();
		assertThat(stepNames(runNext("contact", "late-parent"))).as("nothing left to point")
			.containsExactly("pull-updates");
	}

	private Long companyId(String account) {
		return this.jdbc.queryForObject(
				"SELECT id FROM companies WHERE connection_id = 'late-parent' AND salesforce_id = ?", Long.class,
				account);
	}

	private @Nullable Long companyOf(String contact) {
		return this.jdbc.queryForObject("SELECT company_id FROM contacts WHERE connection_id = 'late-parent'"
				+ " AND salesforce_contact_id = ?", Long.class, contact);
	}

	@Test
	void writeModeDecidesWhetherRecordsAreCreatedOrUpdated() throws Exception {
		EmulatorAdmin.Org org = admin.org("Write Mode Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 5, "Contact", 30), "badShare", 0, "seed", 3));
		connect("update-only", org, new ConnectionSettings(Map.of("contact", ConnectionSettings.WriteMode.UPDATE_ONLY),
				null, null, null, null, false));

		JobExecution backfill = runNext("contact", "update-only");

		assertThat(reasons(backfill)).isEqualTo(Map.of("WRITE_MODE_MISMATCH", 30));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM contacts WHERE connection_id = 'update-only'",
				Integer.class))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT FILTER_COUNT FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
				+ " AND STEP_NAME = 'pull-updates'", Long.class, backfill.getId()))
			.isEqualTo(30);
	}

	@Test
	void aMappedFieldRemovedInSalesforceFailsTheRunAndOneAddedIsReadByTheNextRun() throws Exception {
		EmulatorAdmin.Org org = admin.org("Schema Org", Map.of());
		admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 2, "Contact", 10), "badShare", 0, "seed", 5));
		connect("drift", org, new ConnectionSettings(null, null, Map.of("contact", Map.of("Nickname__c", "title")),
				null, null, false));

		JobExecution missing = runNext("contact", "drift");
		assertThat(missing.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(missing.getExitStatus().getExitDescription())
			.contains("Salesforce no longer has the mapped field Contact.Nickname__c");

		admin.post("/emulator/orgs/" + org.id() + "/objects/Contact/fields",
				Map.of("name", "Nickname__c", "type", "string", "length", 80));
		String contact = this.connections.client("drift", new ApiBudget(1.0, 1.0))
			.query("SELECT Id FROM Contact LIMIT 1", 200, false)
			.path("records")
			.get(0)
			.path("Id")
			.asString();
		admin.send("PATCH", "/emulator/orgs/" + org.id() + "/records/Contact/" + contact,
				Map.of("Nickname__c", "Nicky"));
		JobExecution added = runNext("contact", "drift");

		assertThat(added.getId()).isNotEqualTo(missing.getId());
		assertThat(added.getJobInstance().getInstanceId()).as("the failed run was restarted")
			.isEqualTo(missing.getJobInstance().getInstanceId());
		assertThat(added.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		settled();
		JobExecution next = runNext("contact", "drift");
		assertThat(next.getJobInstance().getJobName()).isEqualTo("contact-inbound");
		assertThat(outcomes(next)).as("the record was edited after the restarted run's window")
			.containsEntry(contact, "CREATED");
		assertThat(this.jdbc.queryForObject("SELECT title FROM contacts WHERE salesforce_contact_id = ?", String.class,
				contact))
			.isEqualTo("Nicky");
	}

	private static String convert(EmulatorAdmin.Org org, String lead) {
		return admin.post("/emulator/orgs/" + org.id() + "/leads/" + lead + "/convert", Map.of())
			.path("contactId")
			.asString();
	}

	private JobExecution runNext(String objectType, String connectionId) throws Exception {
		JobDefinition definition = this.catalog.find(objectType).orElseThrow();
		Launch launch = this.launches.next(definition, connectionId);
		return start(launch.jobName(), launch.parameters());
	}

	/** Skipped and failed records of a run by reason. */
	private Map<String, Integer> reasons(JobExecution execution) {
		Map<String, Integer> reasons = new TreeMap<>();
		this.jdbc.query("SELECT reason, COUNT(*) FROM sync_record_outcome WHERE job_execution_id = ? AND reason IS"
				+ " NOT NULL GROUP BY reason", (rs) -> {
					reasons.put(rs.getString(1), rs.getInt(2));
				}, execution.getId());
		return reasons;
	}

	private static Map<String, Integer> expected(JsonNode bad, String object, String... reasons) {
		Map<String, Integer> expected = new TreeMap<>();
		for (String reason : reasons) {
			int count = bad.path(object + "." + reason).asInt();
			assertThat(count).as("the seed made bad %s records for %s", object, reason).isPositive();
			expected.put(reason, count);
		}
		return expected;
	}

	/** The last outcome of each Salesforce Id in a run, as OUTCOME or SKIPPED:REASON. */
	private Map<String, String> outcomes(JobExecution execution) {
		Map<String, String> outcomes = new HashMap<>();
		this.jdbc.query("SELECT salesforce_id, outcome, reason FROM sync_record_outcome WHERE job_execution_id = ?"
				+ " ORDER BY id", (rs) -> {
					outcomes.put(rs.getString(1),
							rs.getString(2) + ((rs.getString(3) != null) ? ":" + rs.getString(3) : ""));
				}, execution.getId());
		return outcomes;
	}

	private int rolesOfDeletedOpportunities(SalesforceClient client) {
		Set<String> deleted = new HashSet<>();
		client.query("SELECT Id FROM Opportunity WHERE IsDeleted = true", 2000, true)
			.path("records")
			.forEach((record) -> deleted.add(record.path("Id").asString()));
		int roles = 0;
		for (JsonNode role : client.query("SELECT Id, OpportunityId FROM OpportunityContactRole", 2000, false)
			.path("records")) {
			roles += deleted.contains(role.path("OpportunityId").asString()) ? 1 : 0;
		}
		return roles;
	}

	/**
	 * Each step's skipped count is its SKIPPED outcome rows, its skip counts its FAILED
	 * rows, and its counters its CREATED, UPDATED and DELETED rows.
	 */
	private void assertCountsEqualOutcomeLog(JobExecution execution) {
		List<Map<String, Object>> steps = this.jdbc.queryForList("SELECT s.STEP_EXECUTION_ID AS id, s.STEP_NAME AS"
				+ " name, s.FILTER_COUNT AS skipped, s.READ_SKIP_COUNT + s.PROCESS_SKIP_COUNT + s.WRITE_SKIP_COUNT AS"
				+ " failed, COALESCE(c.created_count, 0) AS created, COALESCE(c.updated_count, 0) AS updated,"
				+ " COALESCE(c.deleted_count, 0) AS deleted FROM BATCH_STEP_EXECUTION s LEFT JOIN sync_step_counts c"
				+ " ON c.step_execution_id = s.STEP_EXECUTION_ID WHERE s.JOB_EXECUTION_ID = ?", execution.getId());
		assertThat(steps).isNotEmpty();
		for (Map<String, Object> step : steps) {
			Map<String, Long> logged = new HashMap<>();
			this.jdbc.query("SELECT outcome, COUNT(*) FROM sync_record_outcome WHERE step_execution_id = ? GROUP BY"
					+ " outcome", (rs) -> {
						logged.put(rs.getString(1).toLowerCase(), rs.getLong(2));
					}, step.get("id"));
			for (String outcome : List.of("skipped", "failed", "created", "updated", "deleted")) {
				assertThat(logged.getOrDefault(outcome, 0L))
					.as("%s %s of %s", step.get("name"), outcome, execution.getJobInstance().getJobName())
					.isEqualTo(((Number) step.get(outcome)).longValue());
			}
		}
	}

	/**
	 * Every record the run wrote is in the app with Salesforce's values, and the app has
	 * no other live rows of the object.
	 */
	private void assertAppRowsEqualSalesforce(SalesforceClient client, String objectType) {
		JobDefinition definition = this.catalog.find(objectType).orElseThrow();
		AppTable table = this.tables.get(objectType);
		Map<String, String> columns = InboundRules.inboundColumns(definition, ConnectionSettings.DEFAULTS);
		Set<String> written = new HashSet<>(this.jdbc.queryForList("SELECT o.salesforce_id FROM sync_record_outcome o"
				+ " WHERE o.connection_id = 'acme' AND o.object_type = ? AND o.outcome IN ('CREATED', 'UPDATED')"
				+ " AND NOT EXISTS (SELECT 1 FROM sync_record_outcome d WHERE d.connection_id = o.connection_id"
				+ " AND d.salesforce_id = o.salesforce_id AND d.outcome = 'DELETED' AND d.id > o.id)", String.class,
				objectType));
		// A converted Lead's app contact holds its Contact's data now.
		String converted = objectType.equals("lead") ? " AND salesforce_contact_id IS NULL" : "";
		written.removeAll(this.jdbc.queryForList("SELECT o.salesforce_id FROM sync_record_outcome o JOIN"
				+ " BATCH_STEP_EXECUTION s ON s.STEP_EXECUTION_ID = o.step_execution_id WHERE o.connection_id = 'acme'"
				+ " AND o.detail LIKE 'Lead % was converted: %'", String.class));
		Map<String, JsonNode> salesforce = new HashMap<>();
		JsonNode page = client.query(
				"SELECT Id, " + String.join(", ", columns.keySet()) + " FROM " + definition.salesforceObject(), 2000,
				false);
		page.path("records").forEach((record) -> salesforce.put(record.path("Id").asString(), record));
		List<Map<String, Object>> rows = this.jdbc.queryForList("SELECT * FROM " + table.name() + " WHERE"
				+ " connection_id = 'acme' AND deleted = FALSE AND " + table.keyColumn() + " IS NOT NULL" + converted
				+ table.fixedColumns()
					.keySet()
					.stream()
					.map((column) -> " AND " + column + " = ?")
					.reduce("", String::concat),
				table.fixedColumns().values().toArray());
		List<String> appIds = new ArrayList<>();
		for (Map<String, Object> row : rows) {
			String id = (String) row.get(table.keyColumn());
			appIds.add(id);
			JsonNode record = salesforce.get(id);
			assertThat(record).as("%s %s is in Salesforce", objectType, id).isNotNull();
			columns.forEach((field, column) -> {
				Object expected = table.type(column)
					.parse(record.path(field).isNull() ? null : record.path(field).asString());
				Object actual = table.type(column).canonical(row.get(column));
				assertThat(actual).as("%s %s.%s", objectType, id, field).isEqualTo(expected);
			});
		}
		assertThat(appIds).as("the app rows of %s are the records the run wrote", objectType)
			.containsExactlyInAnyOrderElementsOf(written);
	}

	private List<Map<String, Object>> snapshot(String table) {
		List<Map<String, Object>> rows = this.jdbc
			.queryForList("SELECT * FROM " + table + " WHERE connection_id = 'acme' ORDER BY id");
		rows.forEach((row) -> row.remove("updated_at"));
		return rows;
	}

}
