package dev.sfsync.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.sfsync.system.EmulatorAdmin;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records, Salesforce's write rules and sObject Collections on the emulator, over HTTP.
 */
class EmulatorRecordsIntegrationTests extends EmulatorTestSupport {

	private static final String V = "/services/data/v63.0";

	private EmulatorAdmin.Org org;

	@BeforeEach
	void newOrg() {
		this.org = http.newOrg("Records Org");
	}

	@Test
	void createReadUpdateAndDeleteARecordWithSalesforcesShapes() {
		String accountId = create("Account", Map.of("Name", "Acme"));
		EmulatorHttp.Response created = http.post(V + "/sobjects/Contact", Map.of("FirstName", "Ada", "LastName",
				"Lovelace", "Email", "ada@acme.example", "AccountId", accountId));
		assertThat(created.status()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(id).startsWith("003").hasSize(18);
		assertThat(created.body()).isEqualTo("{\"id\":\"" + id + "\",\"success\":true,\"errors\":[]}");
		assertThat(created.header("Location")).isEqualTo(V + "/sobjects/Contact/" + id);

		JsonNode contact = http.get(V + "/sobjects/Contact/" + id).json();
		assertThat(contact.get("attributes").toString())
			.isEqualTo("{\"type\":\"Contact\",\"url\":\"" + V + "/sobjects/Contact/" + id + "\"}");
		assertThat(contact.get("Name").asString()).isEqualTo("Ada Lovelace");
		assertThat(contact.get("IsDeleted").asBoolean()).isFalse();
		assertThat(contact.get("SystemModstamp").asString())
			.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
		assertThat(http.get(V + "/sobjects/Contact/" + id.substring(0, 15)).status()).isEqualTo(200);

		assertThat(http.patch(V + "/sobjects/Contact/" + id, Map.of("Title", "Countess")).status()).isEqualTo(204);
		JsonNode updated = http.get(V + "/sobjects/Contact/" + id + "?fields=Title,SystemModstamp").json();
		assertThat(updated.get("Title").asString()).isEqualTo("Countess");
		assertThat(updated.get("SystemModstamp").asString())
			.isGreaterThanOrEqualTo(contact.get("SystemModstamp").asString());

		assertThat(http.delete(V + "/sobjects/Contact/" + id).status()).isEqualTo(204);
		assertThat(http.get(V + "/sobjects/Contact/" + id).status()).isEqualTo(404);
	}

	@Test
	void requiredPicklistLengthReferenceAndReadOnlyRulesRejectWritesWithTheirCodes() {
		assertError(http.post(V + "/sobjects/Contact", Map.of("FirstName", "No")), 400, "REQUIRED_FIELD_MISSING",
				"Required fields are missing: [LastName]", "[\"LastName\"]");
		assertError(http.post(V + "/sobjects/Lead", Map.of("LastName", "L", "Company", "C", "Status", "Bogus")), 400,
				"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
				"Lead Status: bad value for restricted picklist field: Bogus", "[\"Status\"]");
		assertError(http.post(V + "/sobjects/Contact", Map.of("LastName", "x".repeat(81))), 400, "STRING_TOO_LONG",
				"Last Name: data value too large: " + "x".repeat(81) + " (max length=80)", "[\"LastName\"]");
		String leadId = create("Lead", Map.of("LastName", "L", "Company", "C"));
		assertThat(http.post(V + "/sobjects/Contact", Map.of("LastName", "L", "AccountId", leadId))
			.json()
			.get(0)
			.get("errorCode")
			.asString()).isEqualTo("INVALID_CROSS_REFERENCE_KEY");
		assertThat(http.post(V + "/sobjects/Contact", Map.of("LastName", "L", "AccountId", "nonsense"))
			.json()
			.get(0)
			.get("errorCode")
			.asString()).isEqualTo("MALFORMED_ID");
		assertThat(http.patch(V + "/sobjects/Lead/" + leadId, Map.of("IsConverted", true))
			.json()
			.get(0)
			.get("errorCode")
			.asString()).isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
		assertThat(http.post(V + "/sobjects/Contact", Map.of("LastName", "L", "Shoe_Size__c", 9))
			.json()
			.get(0)
			.get("errorCode")
			.asString()).isEqualTo("INVALID_FIELD");
	}

	@Test
	void convertedLeadsRejectUpdates() {
		String leadId = create("Lead",
				Map.of("FirstName", "Grace", "LastName", "Hopper", "Company", "Navy", "Email", "grace@navy.example"));
		JsonNode conversion = http
			.admin("POST", "/emulator/orgs/" + this.org.id() + "/leads/" + leadId + "/convert", Map.of())
			.json();
		JsonNode lead = http.get(V + "/sobjects/Lead/" + leadId).json();
		assertThat(lead.get("IsConverted").asBoolean()).isTrue();
		assertThat(lead.get("ConvertedContactId").asString()).isEqualTo(conversion.get("contactId").asString());
		assertThat(lead.get("ConvertedAccountId").asString()).isEqualTo(conversion.get("accountId").asString());
		assertThat(http.get(V + "/sobjects/Contact/" + conversion.get("contactId").asString())
			.json()
			.get("Email")
			.asString()).isEqualTo("grace@navy.example");
		assertError(http.patch(V + "/sobjects/Lead/" + leadId, Map.of("Title", "Admiral")), 400,
				"CANNOT_UPDATE_CONVERTED_LEAD", "cannot reference converted lead", "[]");
	}

	@Test
	void permissionsValidationRulesDuplicateRulesAndLocksComeFromRealRules() {
		http.admin("POST", "/emulator/orgs/" + this.org.id() + "/users",
				Map.of("username", "readonly@" + this.org.id() + ".example", "password", "pw", "readOnlyFields",
						List.of("Contact.Title"), "readOnlyObjects", List.of("Account"), "unreadableObjects",
						List.of("Campaign")));
		String campaignId = create("Campaign", Map.of("Name", "Hidden"));
		http.admin("POST", "/emulator/orgs/" + this.org.id() + "/validation-rules",
				Map.of("object", "Contact", "name", "No example.invalid", "condition", "Email LIKE '%@example.invalid'",
						"errorMessage", "Use a real email address", "errorField", "Email"));
		assertError(http.post(V + "/sobjects/Contact", Map.of("LastName", "V", "Email", "v@example.invalid")), 400,
				"FIELD_CUSTOM_VALIDATION_EXCEPTION", "Use a real email address", "[\"Email\"]");

		http.admin("PUT", "/emulator/orgs/" + this.org.id() + "/duplicate-rules/Contact",
				Map.of("fields", List.of("Email")));
		create("Contact", Map.of("LastName", "First", "Email", "dup@acme.example"));
		assertError(http.post(V + "/sobjects/Contact", Map.of("LastName", "Second", "Email", "DUP@acme.example")), 400,
				"DUPLICATES_DETECTED",
				"You're creating a duplicate record. We recommend you use an existing record instead.", "[]");

		create("Contact", Map.of("LastName", "Ext", "Sfsync_Id__c", "app-1"));
		assertThat(http.post(V + "/sobjects/Contact", Map.of("LastName", "Ext2", "Sfsync_Id__c", "APP-1"))
			.json()
			.get(0)
			.get("errorCode")
			.asString()).isEqualTo("DUPLICATE_VALUE");

		String lockedId = create("Contact", Map.of("LastName", "Locked"));
		http.admin("PUT", "/emulator/orgs/" + this.org.id() + "/locks", Map.of("ids", List.of(lockedId)));
		assertError(http.patch(V + "/sobjects/Contact/" + lockedId, Map.of("Title", "x")), 400, "UNABLE_TO_LOCK_ROW",
				"unable to obtain exclusive access to this record or 1 records: " + lockedId, "[]");
		http.admin("DELETE", "/emulator/orgs/" + this.org.id() + "/locks", null);
		assertThat(http.patch(V + "/sobjects/Contact/" + lockedId, Map.of("Title", "x")).status()).isEqualTo(204);

		EmulatorHttp.Response token = http
			.token(Map.of("grant_type", "password", "client_id", this.org.consumerKey(), "client_secret",
					this.org.consumerSecret(), "username", "readonly@" + this.org.id() + ".example", "password", "pw"));
		http.useToken(token.json().get("access_token").asString());
		assertThat(http.patch(V + "/sobjects/Contact/" + lockedId, Map.of("Title", "y"))
			.json()
			.get(0)
			.get("errorCode")
			.asString()).isEqualTo("INSUFFICIENT_ACCESS_OR_READONLY");
		assertThat(http.post(V + "/sobjects/Account", Map.of("Name", "No")).json().get(0).get("errorCode").asString())
			.isEqualTo("INSUFFICIENT_ACCESS_OR_READONLY");
		assertError(http.post(V + "/sobjects/Task", Map.of("Subject", "Call", "WhatId", campaignId)), 400,
				"INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY",
				"insufficient access rights on cross-reference id: " + campaignId.substring(0, 15), "[]");
	}

	@Test
	void concurrentWritesToOneRecordMeetRowLocksAndNeverCorruptIt() throws Exception {
		String id = create("Contact", Map.of("LastName", "Contended"));
		http.admin("PUT", "/emulator/orgs/" + this.org.id() + "/faults", Map.of("lockHoldMillis", 300));
		ExecutorService pool = Executors.newFixedThreadPool(6);
		List<Future<EmulatorHttp.Response>> writes = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			String title = "writer-" + i;
			writes.add(pool.submit(() -> http.patch(V + "/sobjects/Contact/" + id, Map.of("Title", title))));
		}
		List<String> outcomes = new ArrayList<>();
		for (Future<EmulatorHttp.Response> write : writes) {
			EmulatorHttp.Response response = write.get();
			outcomes.add((response.status() == 204) ? "saved" : response.json().get(0).get("errorCode").asString());
		}
		pool.shutdown();
		http.admin("DELETE", "/emulator/orgs/" + this.org.id() + "/faults", null);
		assertThat(outcomes).contains("saved", "UNABLE_TO_LOCK_ROW").containsOnly("saved", "UNABLE_TO_LOCK_ROW");
		JsonNode contact = http.get(V + "/sobjects/Contact/" + id).json();
		assertThat(contact.get("Title").asString()).startsWith("writer-");
		assertThat(contact.get("LastName").asString()).isEqualTo("Contended");
	}

	@Test
	void collectionsAnswerOneResultPerRecordInInputOrder() {
		EmulatorHttp.Response response = http.post(V + "/composite/sobjects",
				Map.of("allOrNone", false, "records",
						List.of(record("Contact", Map.of("LastName", "One")),
								record("Contact", Map.of("FirstName", "Nameless")),
								record("Account", Map.of("Name", "Three")))));
		assertThat(response.status()).isEqualTo(200);
		JsonNode results = response.json();
		assertThat(results).hasSize(3);
		assertThat(results.get(0).get("success").asBoolean()).isTrue();
		assertThat(results.get(0).get("id").asString()).startsWith("003");
		assertThat(results.get(1).toString()).isEqualTo("{\"success\":false,\"errors\":[{\"statusCode\":"
				+ "\"REQUIRED_FIELD_MISSING\",\"message\":\"Required fields are missing: [LastName]\",\"fields\":[\"LastName\"]}]}");
		assertThat(results.get(2).get("id").asString()).startsWith("001");
	}

	@Test
	void allOrNoneRollsEverythingBackWhenOneRecordFails() {
		JsonNode results = http.post(V + "/composite/sobjects",
				Map.of("allOrNone", true, "records",
						List.of(record("Contact", Map.of("LastName", "Kept", "Sfsync_Id__c", "aon-1")),
								record("Contact", Map.of("FirstName", "Broken")))))
			.json();
		assertThat(results.get(0).get("errors").get(0).get("statusCode").asString())
			.isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
		assertThat(results.get(1).get("errors").get(0).get("statusCode").asString())
			.isEqualTo("REQUIRED_FIELD_MISSING");
		assertThat(http.get(V + "/query?q=SELECT+COUNT()+FROM+Contact").json().get("totalSize").asInt()).isZero();
	}

	@Test
	void upsertByExternalIdCreatesThenUpdatesAndNeverDuplicates() {
		Map<String, Object> body = Map.of("allOrNone", false, "records",
				List.of(record("Contact", Map.of("LastName", "Up", "Sfsync_Id__c", "app-42"))));
		JsonNode first = http.patch(V + "/composite/sobjects/Contact/Sfsync_Id__c", body).json().get(0);
		assertThat(first.get("created").asBoolean()).isTrue();
		JsonNode again = http.patch(V + "/composite/sobjects/Contact/Sfsync_Id__c", body).json().get(0);
		assertThat(again.get("created").asBoolean()).isFalse();
		assertThat(again.get("id").asString()).isEqualTo(first.get("id").asString());
		assertThat(http.get(V + "/query?q=SELECT+COUNT()+FROM+Contact").json().get("totalSize").asInt()).isEqualTo(1);

		EmulatorHttp.Response single = http.patch(V + "/sobjects/Contact/Sfsync_Id__c/app-43",
				Map.of("LastName", "Single"));
		assertThat(single.status()).isEqualTo(201);
		assertThat(single.json().get("created").asBoolean()).isTrue();
		assertThat(http.patch(V + "/sobjects/Contact/Sfsync_Id__c/app-43", Map.of("Title", "T")).status())
			.isEqualTo(200);
	}

	@Test
	void anAmbiguousExternalIdAnswers300WithTheMatchingRecords() {
		String a = create("Invoice__c", Map.of("Name", "INV-1", "App_User_Id__c", "user-7"));
		String b = create("Invoice__c", Map.of("Name", "INV-2", "App_User_Id__c", "user-7"));
		EmulatorHttp.Response ambiguous = http.patch(V + "/sobjects/Invoice__c/App_User_Id__c/user-7",
				Map.of("Status__c", "Paid"));
		assertThat(ambiguous.status()).isEqualTo(300);
		assertThat(ambiguous.body())
			.isEqualTo("[\"" + V + "/sobjects/Invoice__c/" + a + "\",\"" + V + "/sobjects/Invoice__c/" + b + "\"]");
	}

	@Test
	void collectionsRetrieveAnswersTheAskedFieldsInIdOrderWithNullForRecordsNotFound() {
		String one = create("Account", Map.of("Name", "R1"));
		String two = create("Account", Map.of("Name", "R2"));
		assertThat(http.delete(V + "/sobjects/Account/" + two).status()).isEqualTo(204);
		String missing = "001" + "0".repeat(12) + "AAA";

		JsonNode records = http
			.post(V + "/composite/sobjects/Account",
					Map.of("ids", List.of(two, one, missing), "fields", List.of("Id", "Name", "SystemModstamp")))
			.json();

		assertThat(records.size()).isEqualTo(3);
		assertThat(records.get(0).isNull()).as("a deleted record").isTrue();
		assertThat(records.get(1).get("attributes").get("type").asString()).isEqualTo("Account");
		assertThat(records.get(1).get("Id").asString()).isEqualTo(one);
		assertThat(records.get(1).get("Name").asString()).isEqualTo("R1");
		assertThat(records.get(1).has("SystemModstamp")).isTrue();
		assertThat(records.get(1).has("Industry")).as("a field not asked for").isFalse();
		assertThat(records.get(2).isNull()).isTrue();
		EmulatorHttp.Response badField = http.post(V + "/composite/sobjects/Account",
				Map.of("ids", List.of(one), "fields", List.of("Bogus__c")));
		assertThat(badField.status()).isEqualTo(400);
		assertThat(badField.json().get(0).get("errorCode").asString()).isEqualTo("INVALID_FIELD");
		List<String> tooMany = new ArrayList<>();
		for (int i = 0; i < 2001; i++) {
			tooMany.add(one);
		}
		assertThat(http.post(V + "/composite/sobjects/Account", Map.of("ids", tooMany, "fields", List.of("Id")))
			.json()
			.get(0)
			.get("errorCode")
			.asString()).isEqualTo("EXCEEDED_ID_LIMIT");
	}

	@Test
	void collectionsDeleteAndTheTwoHundredRecordLimit() {
		String one = create("Contact", Map.of("LastName", "D1"));
		String two = create("Contact", Map.of("LastName", "D2"));
		JsonNode deleted = http.delete(V + "/composite/sobjects?ids=" + one + "," + two + "&allOrNone=false").json();
		assertThat(deleted.get(0).get("success").asBoolean()).isTrue();
		assertThat(deleted.get(1).get("id").asString()).isEqualTo(two);
		List<Map<String, Object>> tooMany = new ArrayList<>();
		for (int i = 0; i < 201; i++) {
			tooMany.add(record("Contact", Map.of("LastName", "N" + i)));
		}
		EmulatorHttp.Response refused = http.post(V + "/composite/sobjects", Map.of("records", tooMany));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get(0).get("errorCode").asString()).isEqualTo("EXCEEDED_ID_LIMIT");
	}

	private String create(String type, Map<String, Object> fields) {
		EmulatorHttp.Response created = http.post(V + "/sobjects/" + type, fields);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private static Map<String, Object> record(String type, Map<String, Object> fields) {
		Map<String, Object> record = new java.util.LinkedHashMap<>();
		record.put("attributes", Map.of("type", type));
		record.putAll(fields);
		return record;
	}

	private static void assertError(EmulatorHttp.Response response, int status, String errorCode, String message,
			String fields) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.body()).isEqualTo("[{\"message\":" + EmulatorHttp.JSON.writeValueAsString(message)
				+ ",\"errorCode\":\"" + errorCode + "\",\"fields\":" + fields + "}]");
	}

}
