package dev.sfsync.outbound;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.inbound.InboundLaunches;
import dev.sfsync.operations.JobParametersDefaults.Launch;
import dev.sfsync.outcome.OutcomeReason;
import dev.sfsync.salesforce.ApiBudget;
import dev.sfsync.salesforce.SalesforceClient;
import dev.sfsync.store.ColumnType;
import dev.sfsync.syncstate.SyncStates;
import dev.sfsync.system.SyncIntegrationTestSupport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * App changes captured by the outbox triggers, dispatched by the poller and written to an
 * emulator org over HTTP, on the real database: how fast, how often, with which outcome,
 * and never echoed back.
 */
// The burst's rest waits up to 3 s for more: on a busy build machine the burst's
// next commit can take longer than the default 1 s.
@TestPropertySource(properties = { "sfsync.outbound.dispatch=true", "sfsync.outbound.lock-retries=1",
		"sfsync.outbound.lock-retry-delay=20ms", "sfsync.outbound.max-attempts=2", "sfsync.outbound.retry-delay=0s",
		"sfsync.inbound.settle-delay=1s", "sfsync.outbound.batch-wait=3s" })
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboundSyncIntegrationTests extends SyncIntegrationTestSupport {

	private static final Log logger = LogFactory.getLog(OutboundSyncIntegrationTests.class);

	/**
	 * Records per object type in the burst: 10,002 changes over three object types (about
	 * 10 s here); -Dsfsync.outbound.burst=N for another size.
	 */
	private static final int BURST = Integer.getInteger("sfsync.outbound.burst", 3334);

	@Autowired
	private InboundLaunches launches;

	@Autowired
	private JobCatalog catalog;

	@LocalServerPort
	private int port;

	@Autowired
	private JobRepository repository;

	@Autowired
	private OutboxDispatcher dispatcher;

	@Autowired
	private SyncStates states;

	@Test
	void anAppChangeReachesSalesforceWithinSecondsAndItsIdAndSystemModstampComeBack() {
		EmulatorAdmin.Org org = admin.org("Latency Org", Map.of());
		connect("latency", org, ConnectionSettings.DEFAULTS);
		SalesforceClient salesforce = client("latency");

		// given an app company, when it is committed, then Salesforce has it within
		// seconds
		Instant committed = Instant.now();
		long company = insertCompany("latency", "Initech", "Technology");
		awaitUntil(Duration.ofSeconds(10), "the company is in Salesforce",
				() -> salesforceIdOf("companies", company) != null);
		logger.info("App commit to Salesforce write and back: " + Duration.between(committed, Instant.now()).toMillis()
				+ " ms");
		String id = salesforceIdOf("companies", company);
		JsonNode account = one(salesforce,
				"SELECT Id, Name, Industry, Sfsync_Id__c, SystemModstamp FROM Account" + " WHERE Id = '" + id + "'");
		assertThat(account.path("Name").asString()).isEqualTo("Initech");
		assertThat(account.path("Industry").asString()).isEqualTo("Technology");
		assertThat(account.path("Sfsync_Id__c").asString()).isEqualTo("companies-" + company);
		assertThat(storedModstamp("companies", company))
			.isEqualTo(ColumnType.dateTime(account.path("SystemModstamp").asString()).truncatedTo(ChronoUnit.SECONDS));

		// when the app changes one mapped field, then only that field is sent
		this.jdbc.update("UPDATE companies SET name = 'Initrode' WHERE id = ?", company);
		awaitUntil(Duration.ofSeconds(10), "the new name is in Salesforce", () -> "Initrode"
			.equals(one(salesforce, "SELECT Name FROM Account WHERE Id = '" + id + "'").path("Name").asString()));

		// when the app deletes it, then it is deleted in Salesforce
		this.jdbc.update("UPDATE companies SET deleted = TRUE, deleted_at = UTC_TIMESTAMP(6) WHERE id = ?", company);
		awaitOutboxDrained("latency");
		assertThat(salesforce.query("SELECT Id FROM Account WHERE Id = '" + id + "'", 200, false)
			.path("totalSize")
			.asInt()).isZero();

		assertThat(outcomes("latency")).containsExactly("push-new:CREATED", "push-updates:UPDATED",
				"push-deletes:DELETED");
		assertThat(this.jdbc.queryForList("SELECT status FROM sync_outbox WHERE connection_id = 'latency' ORDER BY id",
				String.class))
			.as("storing the returned Id and SystemModstamp made no outbox row")
			.containsExactly("SENT", "SENT", "SENT");
		assertThat(this.jdbc.queryForObject(
				"SELECT detail FROM sync_record_outcome WHERE connection_id = 'latency'" + " AND outcome = 'UPDATED'",
				String.class))
			.as("only the changed field was sent")
			.isEqualTo("Name");
		assertCountsEqualOutcomeLog("latency");
	}

	@Test
	void aBurstAcrossThreeObjectTypesIsDeliveredExactlyOnceInTheFewestCallsOf200() {
		EmulatorAdmin.Org org = admin.org("Burst Org", Map.of());
		connect("burst", org, ConnectionSettings.DEFAULTS);
		admin.send("DELETE", "/emulator/orgs/" + org.id() + "/api-calls", null);

		// given bursts of app changes to companies, campaigns and leads, committed 500 at
		// a time
		Instant started = Instant.now();
		for (int offset = 0; offset < BURST; offset += 500) {
			int size = Math.min(500, BURST - offset);
			List<Object[]> companies = new ArrayList<>();
			List<Object[]> campaigns = new ArrayList<>();
			List<Object[]> leads = new ArrayList<>();
			for (int i = offset; i < offset + size; i++) {
				companies.add(new Object[] { "burst", "Company " + i });
				campaigns.add(new Object[] { "burst", "Campaign " + i });
				leads.add(new Object[] { "burst", "lead" + i + "@burst.example", "Lead " + i, "Company " + i });
			}
			this.jdbc.batchUpdate("INSERT INTO companies (connection_id, name) VALUES (?, ?)", companies);
			this.jdbc.batchUpdate("INSERT INTO campaigns (connection_id, name, status) VALUES (?, ?, 'Planned')",
					campaigns);
			this.jdbc.batchUpdate(
					"INSERT INTO contacts (connection_id, email, last_name, company_name) VALUES (?, ?, ?, ?)", leads);
		}

		// when the dispatcher has sent them all
		awaitOutboxDrained("burst", Duration.ofSeconds(120));
		Duration took = Duration.between(started, Instant.now());
		logger.info("Burst of " + 3 * BURST + " app changes over 3 object types delivered in " + took.toMillis()
				+ " ms: " + (3 * BURST * 1000L / Math.max(1, took.toMillis())) + " records/s");

		// then the emulator served upserts of 200 records but the last of each object
		// type, however the commits and the polls interleaved: ⌈n/200⌉ per object type
		JsonNode calls = admin.send("GET", "/emulator/orgs/" + org.id() + "/api-calls", null);
		int runs = this.jdbc.queryForObject("SELECT COUNT(*) FROM sync_runs WHERE connection_id = 'burst'",
				Integer.class);
		for (String object : List.of("Account", "Campaign", "Lead")) {
			assertThat(calls.path("byObject").path(object).path("collections-upsert").asInt())
				.as("Collections upserts of %s (calls: %s, runs: %d)", object, calls, runs)
				.isEqualTo((BURST + 199) / 200);
		}
		assertThat(calls.path("byKind").path("collections-create").asInt()
				+ calls.path("byKind").path("collections-update").asInt())
			.isZero();
		assertThat(calls.path("byKind").path("query").asInt())
			.as("the written records are read back with Collections retrieves of up to 2,000, not queries")
			.isZero();

		// and every app row is exactly one Salesforce record
		SalesforceClient salesforce = client("burst");
		for (String[] object : List.of(new String[] { "Account", "companies", "salesforce_id" },
				new String[] { "Campaign", "campaigns", "salesforce_id" },
				new String[] { "Lead", "contacts", "salesforce_lead_id" })) {
			assertThat(count(salesforce, "SELECT COUNT() FROM " + object[0])).as(object[0]).isEqualTo(BURST);
			assertThat(this.jdbc.queryForObject(
					"SELECT COUNT(DISTINCT " + object[2] + ") FROM " + object[1] + " WHERE connection_id = 'burst'",
					Integer.class))
				.as(object[1] + " rows with their own Salesforce Id")
				.isEqualTo(BURST);
		}
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM sync_record_outcome WHERE connection_id = 'burst'" + " AND outcome = 'CREATED'",
				Integer.class))
			.isEqualTo(3 * BURST);
		assertThat(
				this.jdbc.queryForList(
						"SELECT CONCAT(object_type, app_id) FROM sync_record_outcome WHERE"
								+ " connection_id = 'burst' GROUP BY object_type, app_id HAVING COUNT(*) > 1",
						String.class))
			.as("app rows sent more than once")
			.isEmpty();
		assertCountsEqualOutcomeLog("burst");
	}

	@Test
	void everyOutboundReasonIsRecordedWithItsExactMessage() {
		EmulatorAdmin.Org org = admin.org("Reasons Org", Map.of("readOnlyObjects", List.of("Campaign")));
		admin.send("POST", "/emulator/orgs/" + org.id() + "/validation-rules",
				Map.of("object", "Lead", "name", "No_Rejects", "condition", "Email LIKE '%@reject.invalid'",
						"errorMessage", "Rejected addresses cannot be leads", "errorField", "Email"));
		admin.send("PUT", "/emulator/orgs/" + org.id() + "/duplicate-rules/Lead", Map.of("fields", List.of("Email")));
		admin.create(org, "Lead", Map.of("LastName", "First", "Company", "Dup Co", "Email", "dup@reasons.example"));
		String locked = admin.create(org, "Account", Map.of("Name", "Locked Co"));
		String deleted = admin.create(org, "Account", Map.of("Name", "Deleted Co"));
		admin.send("DELETE", "/emulator/orgs/" + org.id() + "/records/Account/" + deleted, null);
		String converted = admin.create(org, "Lead",
				Map.of("LastName", "Converted", "Company", "Conv Co", "Email", "conv@reasons.example"));
		admin.send("POST", "/emulator/orgs/" + org.id() + "/leads/" + converted + "/convert", Map.of());
		String synced = admin.create(org, "Lead",
				Map.of("LastName", "Synced", "Company", "Sync Co", "Email", "synced@reasons.example"));
		admin.send("PUT", "/emulator/orgs/" + org.id() + "/locks", Map.of("ids", List.of(locked)));
		connect("reasons", org, ConnectionSettings.DEFAULTS.withOutboundWrites("task", false));
		this.connections.pause("reasons");

		// given rows sfsync synced before (written as an inbound run would, so not
		// captured)
		long lockedRow = uncaptured("INSERT INTO companies (connection_id, salesforce_id, name) VALUES ('reasons', '"
				+ locked + "', 'Locked Co')");
		long deletedRow = uncaptured("INSERT INTO companies (connection_id, salesforce_id, name) VALUES"
				+ " ('reasons', '" + deleted + "', 'Deleted Co')");
		long convertedRow = uncaptured("INSERT INTO contacts (connection_id, salesforce_lead_id, email, last_name,"
				+ " company_name) VALUES ('reasons', '" + converted + "', 'conv@reasons.example', 'Converted',"
				+ " 'Conv Co')");
		long syncedRow = uncaptured("INSERT INTO contacts (connection_id, salesforce_lead_id, email, last_name,"
				+ " company_name) VALUES ('reasons', '" + synced + "', 'synced@reasons.example', 'Synced', 'Sync Co')");

		// when the app makes changes Salesforce refuses, or that are not to be sent
		Map<OutcomeReason, Long> rows = new TreeMap<>();
		this.jdbc.update("UPDATE companies SET name = 'Locked Co 2' WHERE id = ?", lockedRow);
		rows.put(OutcomeReason.RECORD_LOCKED, lockedRow);
		this.jdbc.update("UPDATE companies SET name = 'Deleted Co 2' WHERE id = ?", deletedRow);
		rows.put(OutcomeReason.INVALID_CROSS_REFERENCE, deletedRow);
		this.jdbc.update("UPDATE contacts SET title = 'CTO' WHERE id = ?", convertedRow);
		rows.put(OutcomeReason.OUTBOUND_UNKNOWN_ERROR, convertedRow);
		this.jdbc.update("UPDATE contacts SET app_user_id = 'user-9' WHERE id = ?", syncedRow);
		rows.put(OutcomeReason.NO_FIELDS_TO_UPDATE, syncedRow);
		rows.put(OutcomeReason.INSUFFICIENT_PERMISSIONS,
				insert("INSERT INTO campaigns (connection_id, name) VALUES" + " ('reasons', 'Read-only campaign')"));
		rows.put(OutcomeReason.OBJECT_WRITE_DISABLED, insert(
				"INSERT INTO activities (connection_id, kind, subject)" + " VALUES ('reasons', 'task', 'Call back')"));
		rows.put(OutcomeReason.REQUIRED_FIELD_MISSING, insert("INSERT INTO contacts (connection_id, email, last_name)"
				+ " VALUES ('reasons', 'nocompany@reasons.example', 'No Company')"));
		rows.put(OutcomeReason.INVALID_PICKLIST_VALUE, insert("INSERT INTO contacts (connection_id, email, last_name,"
				+ " company_name, lead_status) VALUES ('reasons', 'status@reasons.example', 'Status', 'Co', 'Bogus')"));
		rows.put(OutcomeReason.FIELD_LENGTH_EXCEEDED,
				insert("INSERT INTO contacts (connection_id, email, first_name,"
						+ " last_name, company_name) VALUES ('reasons', 'long@reasons.example', '" + "x".repeat(50)
						+ "', 'Long', 'Co')"));
		rows.put(OutcomeReason.VALIDATION_RULE_FAILURE, insert("INSERT INTO contacts (connection_id, email, last_name,"
				+ " company_name) VALUES ('reasons', 'someone@reject.invalid', 'Rejected', 'Co')"));
		rows.put(OutcomeReason.DUPLICATE_RECORD, insert("INSERT INTO contacts (connection_id, email, last_name,"
				+ " company_name) VALUES ('reasons', 'dup@reasons.example', 'Second', 'Dup Co')"));
		this.connections.resume("reasons");
		awaitOutboxDrained("reasons");

		// then each is recorded with its reason and the message users see
		Map<String, String> messages = Map.ofEntries(Map.entry("OBJECT_WRITE_DISABLED", "Object write disabled"),
				Map.entry("NO_FIELDS_TO_UPDATE", "No fields to update"),
				Map.entry("INSUFFICIENT_PERMISSIONS", "Insufficient permissions"),
				Map.entry("REQUIRED_FIELD_MISSING", "Required field missing"),
				Map.entry("INVALID_PICKLIST_VALUE", "Invalid picklist value"),
				Map.entry("FIELD_LENGTH_EXCEEDED", "Field length exceeded"),
				Map.entry("VALIDATION_RULE_FAILURE", "Validation rule failure"),
				Map.entry("RECORD_LOCKED", "Record locked"),
				Map.entry("INVALID_CROSS_REFERENCE", "Invalid cross reference"),
				Map.entry("DUPLICATE_RECORD", "Duplicate record"),
				Map.entry("OUTBOUND_UNKNOWN_ERROR", "Unknown error"));
		Map<String, String> logged = new TreeMap<>();
		this.jdbc.query("SELECT DISTINCT reason, app_id FROM sync_record_outcome WHERE connection_id = 'reasons'",
				(row) -> {
					logged.put(row.getString(1), OutcomeReason.valueOf(row.getString(1)).message());
					assertThat(row.getLong(2)).as(row.getString(1))
						.isEqualTo(rows.get(OutcomeReason.valueOf(row.getString(1))));
				});
		assertThat(logged).isEqualTo(new TreeMap<>(messages));
		assertThat(this.jdbc.queryForList("SELECT reason FROM sync_record_outcome WHERE connection_id = 'reasons'"
				+ " AND reason = 'RECORD_LOCKED'", String.class))
			.as("a locked record is tried by a later run, up to sfsync.outbound.max-attempts")
			.hasSize(2);
		assertCountsEqualOutcomeLog("reasons");

		// and once the record is unlocked, an operator re-queues the failures: the
		// unlocked one goes out
		admin.send("DELETE", "/emulator/orgs/" + org.id() + "/locks", null);
		assertThat(requeue("reasons", "campaign-member").statusCode()).isEqualTo(400);
		assertThat(requeue("nobody", "account").statusCode()).isEqualTo(404);
		HttpResponse<String> requeued = requeue("reasons", "account");
		assertThat(requeued.statusCode()).as(requeued.body()).isEqualTo(200);
		assertThat(requeued.body()).isEqualTo("{\"requeued\":2}");
		awaitOutboxDrained("reasons");
		assertThat(
				one(client("reasons"), "SELECT Name FROM Account WHERE Id = '" + locked + "'").path("Name").asString())
			.isEqualTo("Locked Co 2");
		assertCountsEqualOutcomeLog("reasons");
	}

	@Test
	void inboundWritesNeverEchoBackToSalesforce() throws Exception {
		EmulatorAdmin.Org org = admin.org("Echo Org", Map.of());
		admin.send("POST", "/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 30), "badShare", 0, "seed", 11));
		connect("echo", org, ConnectionSettings.DEFAULTS);
		long pushed = insertCompany("echo", "Pushed Co", "Banking");
		awaitOutboxDrained("echo");
		String pushedId = salesforceIdOf("companies", pushed);

		// when inbound runs bring Salesforce's accounts and edits into the app
		JobExecution backfill = runInbound("account", "echo");
		String edited = this.jdbc.queryForObject(
				"SELECT salesforce_id FROM companies WHERE connection_id = 'echo'" + " AND id <> ? ORDER BY id LIMIT 1",
				String.class, pushed);
		admin.send("PATCH", "/emulator/orgs/" + org.id() + "/records/Account/" + edited, Map.of("Name", "Edited"));
		settled();
		JobExecution incremental = runInbound("account", "echo");

		// then nothing went into the outbox and nothing was sent back
		assertThat(backfill.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(incremental.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM companies WHERE connection_id = 'echo'", Integer.class))
			.isEqualTo(31);
		assertThat(this.jdbc.queryForObject("SELECT name FROM companies WHERE salesforce_id = ?", String.class, edited))
			.isEqualTo("Edited");
		assertThat(this.jdbc.queryForList("SELECT app_id FROM sync_outbox WHERE connection_id = 'echo'", Long.class))
			.as("only the app's own change")
			.containsExactly(pushed);
		assertThat(this.jdbc.queryForList(
				"SELECT o.outcome FROM sync_record_outcome o WHERE o.connection_id = 'echo'"
						+ " AND o.salesforce_id = ? AND o.job_execution_id = ?",
				String.class, pushedId, backfill.getId()))
			.as("the pushed record came back as already synced")
			.doesNotContain("CREATED", "UPDATED");
	}

	@Test
	void theLastWriterWinsByTimestamp() throws Exception {
		EmulatorAdmin.Org org = admin.org("Conflict Org", Map.of());
		connect("conflict", org, ConnectionSettings.DEFAULTS);
		long appFirst = insertCompany("conflict", "App First", null);
		long salesforceFirst = insertCompany("conflict", "Salesforce First", null);
		awaitOutboxDrained("conflict");
		String appFirstId = salesforceIdOf("companies", appFirst);
		String salesforceFirstId = salesforceIdOf("companies", salesforceFirst);

		// given the app changes one record, then Salesforce changes it a second later
		this.connections.pause("conflict");
		this.jdbc.update("UPDATE companies SET website = 'https://app.example' WHERE id = ?", appFirst);
		admin.send("PATCH", "/emulator/orgs/" + org.id() + "/records/Account/" + salesforceFirstId,
				Map.of("Website", "https://salesforce.example"));
		nextSecond();
		admin.send("PATCH", "/emulator/orgs/" + org.id() + "/records/Account/" + appFirstId,
				Map.of("Website", "https://salesforce.example"));
		// and Salesforce changes the other a second before the app does
		this.jdbc.update("UPDATE companies SET website = 'https://app.example' WHERE id = ?", salesforceFirst);

		// when the changes are dispatched
		this.connections.resume("conflict");
		awaitOutboxDrained("conflict");

		// then the later write wins each time
		SalesforceClient salesforce = client("conflict");
		assertThat(one(salesforce, "SELECT Website FROM Account WHERE Id = '" + appFirstId + "'").path("Website")
			.asString()).as("Salesforce wrote last").isEqualTo("https://salesforce.example");
		assertThat(one(salesforce, "SELECT Website FROM Account WHERE Id = '" + salesforceFirstId + "'").path("Website")
			.asString()).as("the app wrote last").isEqualTo("https://app.example");
		assertThat(this.jdbc.queryForObject("SELECT detail FROM sync_record_outcome WHERE connection_id = 'conflict'"
				+ " AND reason = 'NO_FIELDS_TO_UPDATE'", String.class))
			.contains("last writer wins");
		assertCountsEqualOutcomeLog("conflict");
	}

	@Test
	void theClaimOfADispatcherThatDiedIsTakenOverAndItsChangesSentOnce() {
		EmulatorAdmin.Org org = admin.org("Takeover Org", Map.of());
		connect("takeover", org, ConnectionSettings.DEFAULTS);

		// given a dispatcher that claimed the companies of a connection and died
		this.jdbc.update("INSERT INTO sync_outbox_claims (connection_id, object_type, owner, lease_until) VALUES"
				+ " ('takeover', 'account', 'dead-dispatcher', UTC_TIMESTAMP(6) + INTERVAL 2 SECOND)");
		long company = insertCompany("takeover", "Orphan Co", null);

		// when its lease runs out, then this dispatcher takes the claim over and sends
		// the change once
		awaitOutboxDrained("takeover");
		assertThat(salesforceIdOf("companies", company)).isNotNull();
		assertThat(this.jdbc.queryForObject("SELECT owner FROM sync_outbox_claims WHERE connection_id = 'takeover'",
				String.class))
			.isNull();
		assertThat(outcomes("takeover")).containsExactly("push-new:CREATED");
	}

	@Test
	void aRunKilledMidwayIsRecoveredRestartedAndDeliversEveryChangeExactlyOnce() {
		EmulatorAdmin.Org org = admin.org("Crash Org", Map.of());
		connect("crash", org, ConnectionSettings.DEFAULTS);
		this.connections.pause("crash");
		List<Long> companies = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			companies.add(insertCompany("crash", "Crash Co " + i, null));
		}
		long from = this.jdbc.queryForObject("SELECT MIN(id) FROM sync_outbox WHERE connection_id = 'crash'",
				Long.class);
		long to = this.jdbc.queryForObject("SELECT MAX(id) FROM sync_outbox WHERE connection_id = 'crash'", Long.class);

		// given a process killed while its run was writing: Salesforce has the first
		// three,
		// its chunk never committed, its run is still marked running and its claim runs
		// out
		for (long company : companies.subList(0, 3)) {
			admin.create(org, "Account", Map.of("Name", "Crash Co", "Sfsync_Id__c", "companies-" + company));
		}
		JobParameters parameters = OutboundParameters.of("crash", from, to);
		JobExecution killed = this.repository.createJobExecution(
				this.repository.createJobInstance("account-outbound", parameters), parameters, new ExecutionContext());
		killed.setStatus(BatchStatus.STARTED);
		killed.setStartTime(LocalDateTime.now(ZoneOffset.UTC));
		this.repository.update(killed);
		this.states.started(killed);
		this.jdbc.update("INSERT INTO sync_run_owner (job_execution_id, instance_id, claimed_at)"
				+ " VALUES (?, 'killed-process', UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE)", killed.getId());
		this.jdbc.update("INSERT INTO sync_outbox_claims (connection_id, object_type, owner, lease_until) VALUES"
				+ " ('crash', 'account', 'killed-process', UTC_TIMESTAMP(6) + INTERVAL 1 SECOND)");
		this.jdbc.update("UPDATE sync_state SET claim_owner = 'killed-process#1', claim_execution_id = ?,"
				+ " claim_until = UTC_TIMESTAMP(6) + INTERVAL 1 SECOND WHERE connection_id = 'crash'"
				+ " AND object_type = 'account' AND direction = 'outbound'", killed.getId());

		// when sfsync runs again
		this.connections.resume("crash");
		awaitOutboxDrained("crash");

		// then the killed run was recovered and restarted, and each change is one record
		assertThat(this.jdbc.queryForList(
				"SELECT status FROM sync_runs WHERE connection_id = 'crash' ORDER BY" + " job_execution_id",
				String.class))
			.containsExactly("FAILED", "COMPLETED");
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(DISTINCT job_instance_id) FROM sync_runs WHERE" + " connection_id = 'crash'",
				Integer.class))
			.isEqualTo(1);
		assertThat(count(client("crash"), "SELECT COUNT() FROM Account")).isEqualTo(5);
		assertThat(outcomes("crash")).containsExactly("push-new:UPDATED", "push-new:UPDATED", "push-new:UPDATED",
				"push-new:CREATED", "push-new:CREATED");
		for (long company : companies) {
			assertThat(one(client("crash"), "SELECT Name FROM Account WHERE Sfsync_Id__c = 'companies-" + company + "'")
				.path("Name")
				.asString()).startsWith("Crash Co ");
		}
	}

	@Test
	void aRecordCreatedByARunThatDiedBeforeStoringItsIdIsLinkedByInboundNotAddedTwice() throws Exception {
		EmulatorAdmin.Org org = admin.org("Link Org", Map.of());
		connect("link", org, ConnectionSettings.DEFAULTS);
		// given a dispatcher that holds the connection's companies and does not send
		this.jdbc.update("INSERT INTO sync_outbox_claims (connection_id, object_type, owner, lease_until) VALUES"
				+ " ('link', 'account', 'dying-dispatcher', UTC_TIMESTAMP(6) + INTERVAL 1 HOUR)");
		long company = insertCompany("link", "Linked Co", "Energy");
		long other = insertCompany("link", "Other Co", null);
		// and whose run created the Account by its external id, then died before its
		// chunk stored the Id; another row of another table's external id is not linked
		String account = admin.create(org, "Account",
				Map.of("Name", "Linked Co", "Industry", "Energy", "Sfsync_Id__c", "companies-" + company));
		String stranger = admin.create(org, "Account", Map.of("Name", "Stranger", "Sfsync_Id__c", "contacts-" + other));

		// when the first inbound run (a Bulk backfill) reads the Accounts, once its
		// window
		// (to the second, a settle delay ago) ends after they were made
		Instant created = Instant.now();
		awaitUntil(Duration.ofSeconds(5), "the Accounts are settled",
				() -> Instant.now().isAfter(created.plusSeconds(2)));
		JobExecution backfill = runInbound("account", "link");

		// then the app row it came from is linked, not added again
		assertThat(backfill.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(salesforceIdOf("companies", company)).isEqualTo(account);
		assertThat(salesforceIdOf("companies", other)).isNull();
		assertThat(this.jdbc.queryForList(
				"SELECT salesforce_id FROM companies WHERE connection_id = 'link' AND id NOT IN (?, ?)", String.class,
				company, other))
			.containsExactly(stranger);
		assertThat(this.jdbc.queryForObject("SELECT CONCAT(outcome, ':', app_id) FROM sync_record_outcome WHERE"
				+ " connection_id = 'link' AND salesforce_id = ?", String.class, account))
			.isEqualTo("UPDATED:" + company);

		// when the dispatcher's claim lapses and the changes are sent again
		this.jdbc.update("UPDATE sync_outbox_claims SET lease_until = UTC_TIMESTAMP(6) WHERE connection_id = 'link'");
		awaitOutboxDrained("link");

		// then each app row is one Account, and nothing failed
		assertThat(this.jdbc.queryForList("SELECT status FROM sync_outbox WHERE connection_id = 'link'", String.class))
			.containsOnly("SENT");
		assertThat(count(client("link"), "SELECT COUNT() FROM Account")).isEqualTo(3);
		assertThat(salesforceIdOf("companies", company)).isEqualTo(account);
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM companies WHERE connection_id = 'link'", Integer.class))
			.isEqualTo(3);
	}

	/** The operator's re-queue over HTTP, as the admin user with the XSRF token. */
	private HttpResponse<String> requeue(String connectionId, String object) {
		try {
			CookieManager cookies = new CookieManager();
			HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
			String basic = "Basic "
					+ Base64.getEncoder().encodeToString("admin:admin-test".getBytes(StandardCharsets.UTF_8));
			http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/connections"))
				.header("Authorization", basic)
				.build(), HttpResponse.BodyHandlers.discarding());
			String token = cookies.getCookieStore()
				.getCookies()
				.stream()
				.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
				.map(HttpCookie::getValue)
				.findFirst()
				.orElse("");
			return http.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/api/connections/" + connectionId
						+ "/outbound/requeue?object=" + object))
				.header("Authorization", basic)
				.header("X-XSRF-TOKEN", token)
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void contactsTasksAndCampaignsArriveWithSalesforceTypes() {
		EmulatorAdmin.Org org = admin.org("Types Org", Map.of());
		String account = admin.create(org, "Account", Map.of("Name", "Types Co"));
		String contact = admin.create(org, "Contact",
				Map.of("LastName", "Hopper", "Email", "grace@types.example", "AccountId", account));
		connect("types", org, ConnectionSettings.DEFAULTS);
		long contactRow = uncaptured("INSERT INTO contacts (connection_id, salesforce_contact_id, email, last_name)"
				+ " VALUES ('types', '" + contact + "', 'grace@types.example', 'Hopper')");

		// given app changes with numbers, dates, booleans and references
		this.jdbc.update("UPDATE contacts SET title = 'Rear Admiral', email_opt_out = TRUE WHERE id = ?", contactRow);
		long company = insert("INSERT INTO companies (connection_id, name, employee_count, website) VALUES"
				+ " ('types', 'Numbers Co', 42, 'https://numbers.example')");
		long campaign = insert("INSERT INTO campaigns (connection_id, name, type, status, start_date, end_date,"
				+ " active) VALUES ('types', 'Launch', 'Webinar', 'In Progress', '2026-12-01', '2026-12-31', TRUE)");
		long task = insert("INSERT INTO activities (connection_id, kind, subject, status, priority, activity_date,"
				+ " salesforce_who_id, salesforce_what_id, description) VALUES ('types', 'task', 'Follow up',"
				+ " 'Completed', 'High', '2026-12-24', '" + contact + "', '" + account + "', 'Ask about the launch')");
		awaitOutboxDrained("types");

		// then Salesforce has them with its own types
		SalesforceClient salesforce = client("types");
		JsonNode updated = one(salesforce,
				"SELECT Title, HasOptedOutOfEmail, LastName FROM Contact WHERE Id = '" + contact + "'");
		assertThat(updated.path("Title").asString()).isEqualTo("Rear Admiral");
		assertThat(updated.path("HasOptedOutOfEmail").asBoolean()).isTrue();
		assertThat(one(salesforce,
				"SELECT NumberOfEmployees FROM Account WHERE Sfsync_Id__c = 'companies-" + company + "'")
			.path("NumberOfEmployees")
			.asInt()).isEqualTo(42);
		JsonNode launch = one(salesforce, "SELECT Type, Status, StartDate, EndDate, IsActive FROM Campaign WHERE Id = '"
				+ salesforceIdOf("campaigns", campaign) + "'");
		assertThat(launch.path("StartDate").asString()).isEqualTo("2026-12-01");
		assertThat(launch.path("EndDate").asString()).isEqualTo("2026-12-31");
		assertThat(launch.path("IsActive").asBoolean()).isTrue();
		JsonNode followUp = one(salesforce,
				"SELECT Subject, Status, Priority, ActivityDate, WhoId, WhatId, Description FROM Task WHERE Id = '"
						+ salesforceIdOf("activities", task) + "'");
		assertThat(followUp.path("ActivityDate").asString()).isEqualTo("2026-12-24");
		assertThat(followUp.path("WhoId").asString()).isEqualTo(contact);
		assertThat(followUp.path("WhatId").asString()).isEqualTo(account);
		assertThat(followUp.path("Status").asString()).isEqualTo("Completed");
		assertThat(outcomes("types")).containsExactlyInAnyOrder("push-updates:UPDATED", "push-new:CREATED",
				"push-new:CREATED", "push-new:CREATED");
		assertCountsEqualOutcomeLog("types");
	}

	@Test
	void handledOutboxRowsArePurgedAfterTheirRetentionWhileFailedOnesStay() {
		// given outbox rows handled 8 days ago and one handled yesterday
		for (String row : List.of("'SENT', 8", "'SKIPPED', 8", "'RETRIED', 8", "'FAILED', 8", "'SENT', 1")) {
			String[] parts = row.split(", ");
			this.jdbc.update("INSERT INTO sync_outbox (connection_id, object_type, app_table, app_id, operation,"
					+ " status, processed_at) VALUES ('purge', 'account', 'companies', 1, 'INSERT', " + parts[0]
					+ ", UTC_TIMESTAMP(6) - INTERVAL " + parts[1] + " DAY)");
		}

		// when the dispatcher purges (it does once a minute)
		this.dispatcher.purgeProcessed();

		// then only rows older than sfsync.outbound.keep-processed (7 days) that did not
		// fail are gone
		assertThat(this.jdbc.queryForList("SELECT status FROM sync_outbox WHERE connection_id = 'purge' ORDER BY id",
				String.class))
			.containsExactly("FAILED", "SENT");
	}

	private JobExecution runInbound(String objectType, String connectionId) throws Exception {
		Launch launch = this.launches.next(this.catalog.find(objectType).orElseThrow(), connectionId);
		return start(launch.jobName(), launch.parameters());
	}

	private SalesforceClient client(String connectionId) {
		return this.connections.client(connectionId, new ApiBudget(1.0, 1.0));
	}

	private long insertCompany(String connectionId, String name, String industry) {
		return insert("INSERT INTO companies (connection_id, name, industry) VALUES ('" + connectionId + "', '" + name
				+ "', " + ((industry != null) ? "'" + industry + "'" : "NULL") + ")");
	}

	/** An app write, as the app makes it: captured by the outbox triggers. */
	private long insert(String sql) {
		return this.jdbc.execute((java.sql.Connection connection) -> {
			try (java.sql.Statement statement = connection.createStatement()) {
				statement.executeUpdate(sql, java.sql.Statement.RETURN_GENERATED_KEYS);
				try (java.sql.ResultSet keys = statement.getGeneratedKeys()) {
					keys.next();
					return keys.getLong(1);
				}
			}
		});
	}

	/** A write as an inbound run makes it: not captured. */
	private long uncaptured(String sql) {
		return this.jdbc.execute((java.sql.Connection connection) -> {
			try (java.sql.Statement statement = connection.createStatement()) {
				statement.execute("SET @sfsync_inbound = 1");
				try {
					statement.executeUpdate(sql, java.sql.Statement.RETURN_GENERATED_KEYS);
					try (java.sql.ResultSet keys = statement.getGeneratedKeys()) {
						keys.next();
						return keys.getLong(1);
					}
				}
				finally {
					statement.execute("SET @sfsync_inbound = NULL");
				}
			}
		});
	}

	private String salesforceIdOf(String table, long id) {
		String column = table.equals("contacts") ? "COALESCE(salesforce_contact_id, salesforce_lead_id)"
				: "salesforce_id";
		return this.jdbc.queryForObject("SELECT " + column + " FROM " + table + " WHERE id = ?", String.class, id);
	}

	private Instant storedModstamp(String table, long id) {
		return (Instant) ColumnType.DATE_TIME.canonical(this.jdbc
			.queryForObject("SELECT external_updated_at FROM " + table + " WHERE id = ?", Object.class, id));
	}

	private static JsonNode one(SalesforceClient salesforce, String soql) {
		JsonNode records = salesforce.query(soql, 200, false).path("records");
		assertThat(records.size()).as(soql).isEqualTo(1);
		return records.get(0);
	}

	private static int count(SalesforceClient salesforce, String soql) {
		return salesforce.query(soql, 200, false).path("totalSize").asInt();
	}

	/** Each outcome of a connection as step:OUTCOME, in order. */
	private List<String> outcomes(String connectionId) {
		return this.jdbc.queryForList("SELECT CONCAT(s.STEP_NAME, ':', o.outcome) FROM sync_record_outcome o JOIN"
				+ " BATCH_STEP_EXECUTION s ON s.STEP_EXECUTION_ID = o.step_execution_id WHERE o.connection_id = ?"
				+ " ORDER BY o.id", String.class, connectionId);
	}

	private void awaitOutboxDrained(String connectionId) {
		awaitOutboxDrained(connectionId, Duration.ofSeconds(20));
	}

	/**
	 * Until nothing of the connection is pending or claimed, and none of its runs goes
	 * on.
	 */
	private void awaitOutboxDrained(String connectionId, Duration timeout) {
		awaitUntil(timeout, "the outbox of " + connectionId + " is drained",
				() -> this.jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM sync_outbox WHERE connection_id = ? AND"
						+ " status = 'PENDING') + (SELECT COUNT(*) FROM sync_outbox_claims WHERE connection_id = ?"
						+ " AND owner IS NOT NULL) + (SELECT COUNT(*) FROM sync_runs WHERE connection_id = ? AND"
						+ " status IN ('STARTING', 'STARTED', 'STOPPING'))", Integer.class, connectionId, connectionId,
						connectionId) == 0);
	}

	/**
	 * Each outbound step's skipped count is its SKIPPED outcome rows, its skip counts its
	 * FAILED rows, and its counters its CREATED, UPDATED and DELETED rows.
	 */
	private void assertCountsEqualOutcomeLog(String connectionId) {
		List<Map<String, Object>> steps = this.jdbc.queryForList("SELECT s.STEP_EXECUTION_ID AS id, s.STEP_NAME AS"
				+ " name, s.FILTER_COUNT AS skipped, s.READ_SKIP_COUNT + s.PROCESS_SKIP_COUNT + s.WRITE_SKIP_COUNT AS"
				+ " failed, COALESCE(c.created_count, 0) AS created, COALESCE(c.updated_count, 0) AS updated,"
				+ " COALESCE(c.deleted_count, 0) AS deleted FROM BATCH_STEP_EXECUTION s JOIN sync_runs r ON"
				+ " r.job_execution_id = s.JOB_EXECUTION_ID LEFT JOIN sync_step_counts c ON c.step_execution_id ="
				+ " s.STEP_EXECUTION_ID WHERE r.connection_id = ? AND r.direction = 'outbound'", connectionId);
		assertThat(steps).isNotEmpty();
		for (Map<String, Object> step : steps) {
			Map<String, Long> logged = new HashMap<>();
			this.jdbc.query("SELECT outcome, COUNT(*) FROM sync_record_outcome WHERE step_execution_id = ? GROUP BY"
					+ " outcome", (row) -> {
						logged.put(row.getString(1).toLowerCase(), row.getLong(2));
					}, step.get("id"));
			for (String outcome : List.of("skipped", "failed", "created", "updated", "deleted")) {
				assertThat(logged.getOrDefault(outcome, 0L)).as("%s %s", step.get("name"), outcome)
					.isEqualTo(((Number) step.get(outcome)).longValue());
			}
		}
		assertThat(Collections.frequency(this.jdbc.queryForList("SELECT status FROM sync_runs WHERE connection_id = ?",
				String.class, connectionId), "COMPLETED"))
			.as("runs of %s", connectionId)
			.isPositive();
	}

}
