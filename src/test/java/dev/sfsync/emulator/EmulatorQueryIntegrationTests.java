package dev.sfsync.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.system.EmulatorAdmin;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** SOQL over REST, query locators, describe and the replication resources, over HTTP. */
class EmulatorQueryIntegrationTests extends EmulatorTestSupport {

	private static final String V = "/services/data/v63.0";

	private EmulatorAdmin.Org org;

	@BeforeEach
	void newOrg() {
		this.org = http.newOrg("Query Org");
	}

	@Test
	void pagesFollowQueryLocatorsInBatchesOfTheRequestedSize() {
		for (int batch = 0; batch < 3; batch++) {
			List<Map<String, Object>> records = new ArrayList<>();
			for (int i = 0; i < 150; i++) {
				records.add(record("Contact", Map.of("LastName", "P" + (batch * 150 + i))));
			}
			http.post(V + "/composite/sobjects", Map.of("records", records));
		}
		Map<String, String> options = Map.of("Sforce-Query-Options", "batchSize=200");
		JsonNode first = http.get(V + "/query?q=" + q("SELECT Id, LastName FROM Contact ORDER BY Id"), options).json();
		assertThat(first.propertyNames()).containsExactly("totalSize", "done", "nextRecordsUrl", "records");
		assertThat(first.get("totalSize").asInt()).isEqualTo(450);
		assertThat(first.get("done").asBoolean()).isFalse();
		assertThat(first.get("records")).hasSize(200);
		String next = first.get("nextRecordsUrl").asString();
		assertThat(next).matches(V.replace(".", "\\.") + "/query/01g\\w+-200");
		JsonNode second = http.get(next, options).json();
		assertThat(second.get("records")).hasSize(200);
		JsonNode third = http.get(second.get("nextRecordsUrl").asString(), options).json();
		assertThat(third.get("done").asBoolean()).isTrue();
		assertThat(third.has("nextRecordsUrl")).isFalse();
		assertThat(third.get("records")).hasSize(50);
		assertThat(third.get("totalSize").asInt()).isEqualTo(450);
		assertThat(http.get(V + "/query/01gnope-200").json().get(0).get("errorCode").asString())
			.isEqualTo("INVALID_QUERY_LOCATOR");
		JsonNode defaults = http
			.get(V + "/query?q=" + q("SELECT Id FROM Contact"), Map.of("Sforce-Query-Options", "batchSize=50"))
			.json();
		assertThat(defaults.get("done").asBoolean()).isTrue();
		assertThat(defaults.get("records")).hasSize(450);
	}

	@Test
	void whereOrderByLimitAndParentFieldsAnswerSalesforcesRecordShape() {
		String acme = create("Account", Map.of("Name", "Acme"));
		create("Contact", Map.of("LastName", "Beta", "AccountId", acme, "Email", "b@acme.example"));
		create("Contact", Map.of("LastName", "Alpha", "AccountId", acme));
		create("Contact", Map.of("LastName", "Orphan"));
		JsonNode result = http.get(V + "/query?q=" + q("SELECT Id, LastName, Account.Name FROM Contact "
				+ "WHERE (AccountId != null AND LastName LIKE '%a') OR LastName = 'orphan' ORDER BY LastName DESC LIMIT 10"))
			.json();
		assertThat(result.get("totalSize").asInt()).isEqualTo(3);
		JsonNode rows = result.get("records");
		assertThat(rows.get(0).get("LastName").asString()).isEqualTo("Orphan");
		assertThat(rows.get(0).get("Account").isNull()).isTrue();
		assertThat(rows.get(1).get("LastName").asString()).isEqualTo("Beta");
		assertThat(rows.get(1).get("Account").toString()).isEqualTo("{\"attributes\":{\"type\":\"Account\",\"url\":\""
				+ V + "/sobjects/Account/" + acme + "\"},\"Name\":\"Acme\"}");
		assertThat(rows.get(1).propertyNames()).containsExactly("attributes", "Id", "LastName", "Account");
		assertThat(http
			.get(V + "/query?q=" + q("SELECT COUNT() FROM Contact WHERE AccountId = '" + acme.substring(0, 15) + "'"))
			.json()
			.toString()).isEqualTo("{\"totalSize\":2,\"done\":true,\"records\":[]}");
	}

	@Test
	void deletedRecordsAndArchivedActivitiesAreVisibleOnlyToQueryAll() {
		String kept = create("Contact", Map.of("LastName", "Kept"));
		String gone = create("Contact", Map.of("LastName", "Gone"));
		http.delete(V + "/sobjects/Contact/" + gone);
		String soql = q("SELECT Id, IsDeleted FROM Contact ORDER BY LastName");
		assertThat(http.get(V + "/query?q=" + soql).json().get("records")).hasSize(1);
		JsonNode all = http.get(V + "/queryAll?q=" + soql).json().get("records");
		assertThat(all).hasSize(2);
		assertThat(all.get(0).get("Id").asString()).isEqualTo(gone);
		assertThat(all.get(0).get("IsDeleted").asBoolean()).isTrue();
		assertThat(all.get(1).get("Id").asString()).isEqualTo(kept);

		create("Task", Map.of("Subject", "Old call", "Status", "Completed", "ActivityDate",
				LocalDate.now().minusDays(400).toString()));
		create("Task", Map.of("Subject", "New call", "Status", "Completed"));
		assertThat(http.admin("POST", "/emulator/orgs/" + this.org.id() + "/activities/archive", Map.of())
			.json()
			.get("archived")
			.asInt()).isEqualTo(1);
		String tasks = q("SELECT Subject, IsArchived FROM Task");
		assertThat(http.get(V + "/query?q=" + tasks).json().get("totalSize").asInt()).isEqualTo(1);
		assertThat(http.get(V + "/queryAll?q=" + tasks).json().get("totalSize").asInt()).isEqualTo(2);
	}

	@Test
	void badQueriesGetSalesforcesErrorsWithRowAndColumn() {
		EmulatorHttp.Response unknownField = http.get(V + "/query?q=" + q("SELECT Id, Shoe__c FROM Contact"));
		assertThat(unknownField.status()).isEqualTo(400);
		assertThat(unknownField.json().get(0).get("errorCode").asString()).isEqualTo("INVALID_FIELD");
		assertThat(unknownField.json().get(0).get("message").asString()).startsWith(
				"\nSELECT Id, Shoe__c FROM Contact\n           ^\nERROR at Row:1:Column:12\nNo such column 'Shoe__c' on entity 'Contact'.");
		assertThat(
				http.get(V + "/query?q=" + q("SELECT Id FROM Contact WHERE")).json().get(0).get("errorCode").asString())
			.isEqualTo("MALFORMED_QUERY");
		assertThat(http.get(V + "/query?q=" + q("SELECT Id FROM Nope__c")).json().get(0).get("errorCode").asString())
			.isEqualTo("INVALID_TYPE");
		assertThat(http.get(V + "/query?q=" + q("SELECT Id FROM Contact ORDER BY Id OFFSET 2001"))
			.json()
			.get(0)
			.get("errorCode")
			.asString()).isEqualTo("NUMBER_OUTSIDE_VALID_RANGE");
		assertThat(http.get(V + "/query").json().get(0).get("errorCode").asString()).isEqualTo("MALFORMED_QUERY");
	}

	@Test
	void describeAnswersLastModifiedAnd304WhenUnchanged() {
		EmulatorHttp.Response describe = http.get(V + "/sobjects/Contact/describe");
		assertThat(describe.status()).isEqualTo(200);
		JsonNode body = describe.json();
		assertThat(body.get("name").asString()).isEqualTo("Contact");
		assertThat(body.get("keyPrefix").asString()).isEqualTo("003");
		JsonNode lastName = null;
		for (JsonNode field : body.get("fields")) {
			if (field.get("name").asString().equals("LastName")) {
				lastName = field;
			}
		}
		assertThat(lastName.get("nillable").asBoolean()).isFalse();
		assertThat(lastName.get("length").asInt()).isEqualTo(80);
		assertThat(lastName.has("controllerName")).isTrue();
		String lastModified = describe.header("Last-Modified");
		assertThat(lastModified).isNotNull();
		assertThat(http.get(V + "/sobjects/Contact/describe", Map.of("If-Modified-Since", lastModified)).status())
			.isEqualTo(304);
		assertThat(
				http.get(V + "/sobjects/Contact/describe", Map.of("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT"))
					.status())
			.isEqualTo(200);
		JsonNode global = http.get(V + "/sobjects").json();
		assertThat(global.get("maxBatchSize").asInt()).isEqualTo(200);
		assertThat(global.get("sobjects").findValuesAsString("name")).contains("Lead", "Contact", "Account",
				"Opportunity", "OpportunityContactRole", "Campaign", "CampaignMember", "Task", "Event", "User",
				"Invoice__c");
		assertThat(http.get(V + "/sobjects/Nope__c/describe").status()).isEqualTo(404);
	}

	@Test
	void fieldsAddedAndDeletedInSetupChangeDescribeQueriesAndRecords() {
		String id = create("Contact", Map.of("LastName", "Drift"));
		String before = http.get(V + "/sobjects/Contact/describe").header("Last-Modified");
		http.admin("POST", "/emulator/orgs/" + this.org.id() + "/objects/Contact/fields",
				Map.of("name", "Shoe_Size__c", "type", "double", "label", "Shoe Size"));
		assertThat(http.patch(V + "/sobjects/Contact/" + id, Map.of("Shoe_Size__c", 43)).status()).isEqualTo(204);
		assertThat(http.get(V + "/query?q=" + q("SELECT LastName, Shoe_Size__c FROM Contact"))
			.json()
			.get("records")
			.get(0)
			.get("Shoe_Size__c")
			.asInt()).isEqualTo(43);
		assertThat(http.get(V + "/sobjects/Contact/describe").json().get("fields").findValuesAsString("name"))
			.contains("Shoe_Size__c");
		assertThat(http.get(V + "/sobjects/Contact/describe", Map.of("If-Modified-Since", before)).status()).isIn(200,
				304);

		http.admin("DELETE", "/emulator/orgs/" + this.org.id() + "/objects/Contact/fields/Shoe_Size__c", null);
		assertThat(http.get(V + "/query?q=" + q("SELECT Shoe_Size__c FROM Contact"))
			.json()
			.get(0)
			.get("errorCode")
			.asString()).isEqualTo("INVALID_FIELD");
		assertThat(http.get(V + "/sobjects/Contact/" + id).json().get("LastName").asString()).isEqualTo("Drift");
		assertThat(http.admin("DELETE", "/emulator/orgs/" + this.org.id() + "/objects/Contact/fields/LastName", null)
			.status()).isEqualTo(400);

		JsonNode defined = http
			.admin("POST", "/emulator/orgs/" + this.org.id() + "/objects",
					Map.of("name", "Order__c", "fields", List.of(Map.of("name", "Total__c", "type", "currency"))))
			.json();
		assertThat(defined.get("keyPrefix").asString()).startsWith("a");
		String order = create("Order__c", Map.of("Total__c", 12.5));
		assertThat(http.get(V + "/sobjects/Order__c/" + order).json().get("Name").asString()).isEqualTo(order);
	}

	@Test
	void updatedAndDeletedResourcesAnswerTheirWindows() {
		Instant start = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		String kept = create("Contact", Map.of("LastName", "Kept"));
		String gone = create("Contact", Map.of("LastName", "Gone"));
		http.delete(V + "/sobjects/Contact/" + gone);
		Instant end = Instant.now().plus(2, ChronoUnit.MINUTES);
		JsonNode updated = http
			.get(V + "/sobjects/Contact/updated/?start=" + q(start.toString()) + "&end=" + q(end.toString()))
			.json();
		assertThat(updated.get("ids").toString()).isEqualTo("[\"" + kept + "\"]");
		assertThat(updated.get("latestDateCovered").asString()).matches("\\d{4}-.*\\.000\\+0000");
		JsonNode deleted = http
			.get(V + "/sobjects/Contact/deleted/?start=" + q(start.toString()) + "&end=" + q(end.toString()))
			.json();
		assertThat(deleted.propertyNames()).containsExactly("deletedRecords", "earliestDateAvailable",
				"latestDateCovered");
		assertThat(deleted.get("deletedRecords").get(0).get("id").asString()).isEqualTo(gone);
		assertThat(http.get(V + "/sobjects/Contact/updated/?start=" + q(end.toString()) + "&end=" + q(start.toString()))
			.json()
			.get(0)
			.get("errorCode")
			.asString()).isEqualTo("INVALID_REPLICATION_DATE");
		assertThat(http
			.get(V + "/sobjects/Contact/deleted/?start=" + q(Instant.now().minus(20, ChronoUnit.DAYS).toString())
					+ "&end=" + q(end.toString()))
			.json()
			.get(0)
			.get("errorCode")
			.asString()).isEqualTo("INVALID_REPLICATION_DATE");
	}

	private String create(String type, Map<String, Object> fields) {
		EmulatorHttp.Response created = http.post(V + "/sobjects/" + type, fields);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private static Map<String, Object> record(String type, Map<String, Object> fields) {
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("attributes", Map.of("type", type));
		record.putAll(fields);
		return record;
	}

	private static String q(String soql) {
		return URLEncoder.encode(soql, StandardCharsets.UTF_8);
	}

}
