package dev.sfsync.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.system.EmulatorAdmin;

import dev.sfsync.salesforce.SalesforceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk API 2.0 ingest jobs over HTTP: job info and states, CSV uploads, every write rule
 * applied per row, and the successful, failed and unprocessed results as CSV.
 */
class EmulatorBulkIngestIntegrationTests extends EmulatorTestSupport {

	private static final String V = "/services/data/v63.0";

	private static final String JOBS = V + "/jobs/ingest";

	private EmulatorAdmin.Org org;

	private EmulatorBulkHttp bulk;

	@BeforeEach
	void newOrg() {
		this.org = http.newOrg("Bulk Ingest Org");
		this.bulk = new EmulatorBulkHttp(emulator.baseUrl(), http, this.org);
	}

	@Test
	void anInsertJobSavesTheGoodRowsAndReportsEachBadRowWithItsError() {
		// given
		EmulatorHttp.Response created = http.post(JOBS,
				Map.of("object", "Contact", "operation", "insert", "contentType", "CSV", "lineEnding", "LF",
						"columnDelimiter", "COMMA", "assignmentRuleId", "01Q000000000001"));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		JsonNode job = created.json();
		String id = job.get("id").asString();
		String longTitle = "x".repeat(129);

		// when
		EmulatorHttp.Response uploaded = this.bulk.putCsv(JOBS + "/" + id + "/batches", """
				FirstName,LastName,Title
				Ada,Lovelace,Countess
				Bob,,
				"Grace, Rear Admiral",Hopper,%s
				""".formatted(longTitle));
		EmulatorHttp.Response closed = http.patch(JOBS + "/" + id, Map.of("state", "UploadComplete"));
		JsonNode done = this.bulk.awaitState(JOBS + "/" + id, "JobComplete");

		// then
		assertThat(job.propertyNames()).containsExactly("id", "operation", "object", "createdById", "createdDate",
				"systemModstamp", "state", "concurrencyMode", "contentType", "apiVersion", "contentUrl", "lineEnding",
				"columnDelimiter");
		assertThat(id).startsWith("750").hasSize(18);
		assertThat(job.get("state").asString()).isEqualTo("Open");
		assertThat(job.get("operation").asString()).isEqualTo("insert");
		assertThat(job.get("contentUrl").asString()).isEqualTo("services/data/v63.0/jobs/ingest/" + id + "/batches");
		assertThat(created.body()).contains("\"apiVersion\":63.0");
		assertThat(uploaded.status()).isEqualTo(201);
		assertThat(uploaded.body()).isEmpty();
		assertThat(closed.json().get("state").asString()).isEqualTo("UploadComplete");
		assertThat(closed.json().has("contentUrl")).isFalse();
		assertThat(done.propertyNames()).containsExactly("id", "operation", "object", "createdById", "createdDate",
				"systemModstamp", "state", "concurrencyMode", "contentType", "apiVersion", "jobType", "lineEnding",
				"columnDelimiter", "numberRecordsProcessed", "numberRecordsFailed", "retries", "totalProcessingTime",
				"apiActiveProcessingTime", "apexProcessingTime");
		assertThat(done.get("jobType").asString()).isEqualTo("V2Ingest");
		assertThat(done.get("numberRecordsProcessed").asInt()).isEqualTo(3);
		assertThat(done.get("numberRecordsFailed").asInt()).isEqualTo(2);
		String ada = idOf("Contact", "LastName = 'Lovelace'");
		assertThat(results(id, "successfulResults")).isEqualTo("""
				"sf__Id","sf__Created","FirstName","LastName","Title"
				"%s","true","Ada","Lovelace","Countess"
				""".formatted(ada));
		assertThat(results(id, "failedResults")).isEqualTo(
				"""
						"sf__Id","sf__Error","FirstName","LastName","Title"
						"","REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --","Bob","",""
						"","STRING_TOO_LONG:Title: data value too large: %s (max length=128):Title --","Grace, Rear Admiral","Hopper","%s"
						"""
					.formatted(longTitle, longTitle));
		assertThat(results(id, "unprocessedrecords")).isEqualTo("\"FirstName\",\"LastName\",\"Title\"\n");
		assertThat(count("Contact", "LastName = 'Hopper'")).isZero();
	}

	@Test
	void anUpdateLeavesEmptyCellsAloneAndEmptiesFieldsMarkedNotAvailable() {
		// given
		String turing = create("Contact", Map.of("LastName", "Turing", "Title", "Dr", "Phone", "555-0100"));
		String hopper = create("Contact", Map.of("LastName", "Hopper"));
		String acme = create("Account", Map.of("Name", "Acme"));
		String unknown = SalesforceId.to18(turing.substring(0, 5) + "zzzzzzzzzz");
		String csv = """
				Id,Title,Phone,HasOptedOutOfEmail
				%s,,#N/A,
				%s,Rear Admiral,,true
				%s,Ghost,,
				not-an-id,Typo,,
				%s,Wrong object,,
				,No Id,,
				%s,,,maybe
				""".formatted(turing, hopper, unknown, acme, hopper);

		// when
		String job = runJob(Map.of("object", "Contact", "operation", "update"), csv);

		// then
		JsonNode turingNow = http.get(V + "/sobjects/Contact/" + turing).json();
		assertThat(turingNow.get("Title").asString()).isEqualTo("Dr");
		assertThat(turingNow.get("Phone").isNull()).isTrue();
		JsonNode hopperNow = http.get(V + "/sobjects/Contact/" + hopper).json();
		assertThat(hopperNow.get("Title").asString()).isEqualTo("Rear Admiral");
		assertThat(hopperNow.get("HasOptedOutOfEmail").asBoolean()).isTrue();
		assertThat(results(job, "successfulResults")).isEqualTo("""
				"sf__Id","sf__Created","Id","Title","Phone","HasOptedOutOfEmail"
				"%s","false","%s","","#N/A",""
				"%s","false","%s","Rear Admiral","","true"
				""".formatted(turing, turing, hopper, hopper));
		assertThat(results(job, "failedResults")).isEqualTo(
				"""
						"sf__Id","sf__Error","Id","Title","Phone","HasOptedOutOfEmail"
						"","INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--","%s","Ghost","",""
						"","MALFORMED_ID:Contact ID: id value of incorrect type: not-an-id:Id --","not-an-id","Typo","",""
						"","MALFORMED_ID:Contact ID: id value of incorrect type: %s:Id --","%s","Wrong object","",""
						"","MISSING_ARGUMENT:Id not specified in an update call:Id --","","No Id","",""
						"%s","INVALID_TYPE_ON_FIELD_IN_RECORD:Email Opt Out: value not of required type: maybe:HasOptedOutOfEmail --","%s","","","maybe"
						"""
					.formatted(unknown, acme, acme, hopper, hopper));
	}

	@Test
	void anUpsertMatchesOnTheExternalIdAndFindsParentsByTheirExternalIds() {
		// given
		String acme = create("Account", Map.of("Name", "Acme", "Sfsync_Id__c", "acct-1"));
		String existing = create("Contact", Map.of("LastName", "Old", "Sfsync_Id__c", "c-1"));
		String csv = """
				Sfsync_Id__c,LastName,Account.Sfsync_Id__c
				c-1,New,acct-1
				c-2,Created,
				,Nobody,
				c-3,Orphan,acct-404
				""";

		// when
		String job = runJob(Map.of("object", "Contact", "operation", "upsert", "externalIdFieldName", "Sfsync_Id__c"),
				csv);

		// then
		JsonNode updated = http.get(V + "/sobjects/Contact/" + existing).json();
		assertThat(updated.get("LastName").asString()).isEqualTo("New");
		assertThat(updated.get("AccountId").asString()).isEqualTo(acme);
		String createdId = idOf("Contact", "Sfsync_Id__c = 'c-2'");
		assertThat(results(job, "successfulResults")).isEqualTo("""
				"sf__Id","sf__Created","Sfsync_Id__c","LastName","Account.Sfsync_Id__c"
				"%s","false","c-1","New","acct-1"
				"%s","true","c-2","Created",""
				""".formatted(existing, createdId));
		assertThat(results(job, "failedResults")).isEqualTo(
				"""
						"sf__Id","sf__Error","Sfsync_Id__c","LastName","Account.Sfsync_Id__c"
						"","MISSING_ARGUMENT:Sfsync_Id__c not specified:Sfsync_Id__c --","","Nobody",""
						"","INVALID_FIELD:Foreign key external ID: acct-404 not found for field Sfsync_Id__c in entity Account:--","c-3","Orphan","acct-404"
						""");
		JsonNode info = http.get(JOBS + "/" + job).json();
		assertThat(info.get("externalIdFieldName").asString()).isEqualTo("Sfsync_Id__c");
		assertThat(info.get("operation").asString()).isEqualTo("upsert");
		assertThat(count("Contact", "LastName = 'Orphan'")).isZero();
	}

	@Test
	void anUpsertByIdUpdatesTheRowsWithAnIdAndCreatesTheOthers() {
		// given
		String existing = create("Contact", Map.of("LastName", "Before"));

		// when
		String job = runJob(Map.of("object", "Contact", "operation", "upsert", "externalIdFieldName", "Id"),
				"\uFEFFId,LastName\n" + existing + ",After\n,Fresh\n");

		// then
		String fresh = idOf("Contact", "LastName = 'Fresh'");
		assertThat(http.get(V + "/sobjects/Contact/" + existing).json().get("LastName").asString()).isEqualTo("After");
		assertThat(results(job, "successfulResults")).isEqualTo("""
				"sf__Id","sf__Created","Id","LastName"
				"%s","false","%s","After"
				"%s","true","","Fresh"
				""".formatted(existing, existing, fresh));
	}

	@Test
	void deleteMovesRecordsToTheRecycleBinAndHardDeleteRemovesThemForGood() {
		// given
		String soft = create("Contact", Map.of("LastName", "Soft"));
		String hard = create("Contact", Map.of("LastName", "Hard"));
		String kept = create("Contact", Map.of("LastName", "Kept"));

		// when
		String deleted = runJob(Map.of("object", "Contact", "operation", "delete"), "Id\n" + soft + "\n" + soft + "\n");
		String purged = runJob(Map.of("object", "Contact", "operation", "hardDelete"), "Id\n" + hard + "\n");

		// then
		assertThat(results(deleted, "successfulResults"))
			.isEqualTo("\"sf__Id\",\"sf__Created\",\"Id\"\n\"" + soft + "\",\"false\",\"" + soft + "\"\n");
		assertThat(results(deleted, "failedResults")).isEqualTo("\"sf__Id\",\"sf__Error\",\"Id\"\n\"" + soft
				+ "\",\"ENTITY_IS_DELETED:entity is deleted:--\",\"" + soft + "\"\n");
		assertThat(results(purged, "successfulResults"))
			.isEqualTo("\"sf__Id\",\"sf__Created\",\"Id\"\n\"" + hard + "\",\"false\",\"" + hard + "\"\n");
		JsonNode all = http.get(V + "/queryAll?q=" + q("SELECT Id, IsDeleted FROM Contact ORDER BY Id"))
			.json()
			.get("records");
		assertThat(all).hasSize(2);
		assertThat(all.get(0).get("Id").asString()).isEqualTo(soft);
		assertThat(all.get(0).get("IsDeleted").asBoolean()).isTrue();
		assertThat(all.get(1).get("Id").asString()).isEqualTo(kept);
	}

	@Test
	void aJobLeftOpenNeverRunsAndAbortingItLeavesEveryRowUnprocessed() {
		// given
		String open = http.post(JOBS, Map.of("object", "Contact", "operation", "insert")).json().get("id").asString();
		this.bulk.putCsv(JOBS + "/" + open + "/batches", "LastName\nNever\n");

		// when
		runJob(Map.of("object", "Contact", "operation", "insert"), "LastName\nRan\n");
		String stillOpen = http.get(JOBS + "/" + open).json().get("state").asString();
		EmulatorHttp.Response earlyResults = this.bulk.getCsv(JOBS + "/" + open + "/successfulResults/");
		EmulatorHttp.Response notDeletable = http.delete(JOBS + "/" + open);
		EmulatorHttp.Response aborted = http.patch(JOBS + "/" + open, Map.of("state", "Aborted"));

		// then
		assertThat(stillOpen).isEqualTo("Open");
		assertThat(count("Contact", "LastName = 'Ran'")).isEqualTo(1);
		assertThat(count("Contact", "LastName = 'Never'")).isZero();
		assertThat(earlyResults.status()).isEqualTo(412);
		assertThat(earlyResults.json().get(0).get("errorCode").asString()).isEqualTo("JOB_NOT_COMPLETE");
		assertThat(notDeletable.json().get(0).get("errorCode").asString()).isEqualTo("INVALIDJOBSTATE");
		assertThat(aborted.json().get("state").asString()).isEqualTo("Aborted");
		assertThat(results(open, "unprocessedrecords")).isEqualTo("\"LastName\"\n\"Never\"\n");
		assertThat(results(open, "successfulResults/")).isEqualTo("\"sf__Id\",\"sf__Created\",\"LastName\"\n");
		assertThat(results(open, "failedResults/")).isEqualTo("\"sf__Id\",\"sf__Error\",\"LastName\"\n");
		EmulatorHttp.Response lateUpload = this.bulk.putCsv(JOBS + "/" + open + "/batches", "LastName\nLate\n");
		assertThat(lateUpload.status()).isEqualTo(400);
		assertThat(lateUpload.json().get(0).get("errorCode").asString()).isEqualTo("INVALIDJOBSTATE");
		assertThat(http.delete(JOBS + "/" + open).status()).isEqualTo(204);
		assertThat(http.get(JOBS + "/" + open).status()).isEqualTo(404);
	}

	@Test
	void abortingARunningJobStopsItAndLeavesTheRestUnprocessed() {
		// given
		List<String> ids = createContacts(30);
		StringBuilder csv = new StringBuilder("Id,Title\n");
		ids.forEach((id) -> csv.append(id).append(",Updated\n"));
		http.admin("PUT", "/emulator/orgs/" + this.org.id() + "/faults", Map.of("lockHoldMillis", 50));
		String job = http.post(JOBS, Map.of("object", "Contact", "operation", "update")).json().get("id").asString();
		this.bulk.putCsv(JOBS + "/" + job + "/batches", csv.toString());
		http.patch(JOBS + "/" + job, Map.of("state", "UploadComplete"));
		JsonNode running = this.bulk.awaitJob(JOBS + "/" + job,
				(info) -> info.get("numberRecordsProcessed").asInt() >= 2);

		// when
		EmulatorHttp.Response aborted = http.patch(JOBS + "/" + job, Map.of("state", "Aborted"));
		http.admin("DELETE", "/emulator/orgs/" + this.org.id() + "/faults", null);

		// then
		assertThat(running.get("state").asString()).isEqualTo("InProgress");
		assertThat(aborted.json().get("state").asString()).isEqualTo("Aborted");
		JsonNode info = http.get(JOBS + "/" + job).json();
		assertThat(info.get("state").asString()).isEqualTo("Aborted");
		long succeeded = rows(results(job, "successfulResults"));
		long failed = rows(results(job, "failedResults"));
		long unprocessed = rows(results(job, "unprocessedrecords"));
		assertThat(succeeded).isGreaterThanOrEqualTo(2);
		assertThat(unprocessed).isPositive();
		assertThat(succeeded + failed + unprocessed).isEqualTo(30);
		assertThat(info.get("numberRecordsProcessed").asLong()).isEqualTo(succeeded + failed);
		assertThat(count("Contact", "Title = 'Updated'")).isEqualTo(succeeded);
	}

	@Test
	void csvSalesforceCannotReadFailsTheJobWithAnErrorMessage() {
		assertFails(Map.of("object", "Contact", "operation", "insert"), "LastName,Shoe__c\nA,B\n",
				"InvalidBatch : Field name not found : Shoe__c");
		assertFails(Map.of("object", "Contact", "operation", "insert"), "LastName,Account.Nope__c\nA,B\n",
				"InvalidBatch : Field name not found : Account.Nope__c");
		assertFails(Map.of("object", "Contact", "operation", "insert"), "LastName\n\"Unclosed\nNext\n",
				"ClientInputError : Failed to parse CSV at row 2: Missing closing quote for value");
		assertFails(Map.of("object", "Contact", "operation", "insert"), "LastName\r\nA\r\n",
				"ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF");
		assertFails(Map.of("object", "Contact", "operation", "insert", "lineEnding", "CRLF"), "LastName\nA\n",
				"ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is CRLF");
		assertFails(Map.of("object", "Contact", "operation", "insert"), "LastName,FirstName\nA\n",
				"ClientInputError : Row 1 has 1 columns; the header has 2");
		String failed = assertFails(Map.of("object", "Contact", "operation", "insert"), "LastName,Shoe__c\nA,B\n",
				"InvalidBatch : Field name not found : Shoe__c");
		assertThat(results(failed, "unprocessedrecords")).isEqualTo("\"LastName\",\"Shoe__c\"\n\"A\",\"B\"\n");
		assertThat(count("Contact", "LastName = 'A'")).isZero();
	}

	@Test
	void jobsSalesforceWouldNotCreateAreRefusedWithItsErrors() {
		assertError(Map.of("object", "Nope__c", "operation", "insert"), "INVALIDJOB",
				"InvalidJob : Unable to find object: Nope__c");
		assertError(Map.of("operation", "insert"), "INVALIDJOB", "InvalidJob : Unable to find object: ");
		assertError(Map.of("object", "Contact", "operation", "merge"), "API_ERROR",
				"Invalid value: 'merge' supplied for property: 'operation'");
		assertError(Map.of("object", "Contact", "operation", "insert", "columnDelimiter", "COLON"), "API_ERROR",
				"Invalid value: 'COLON' supplied for property: 'columnDelimiter'");
		assertError(Map.of("object", "Contact", "operation", "upsert"), "INVALIDJOB",
				"InvalidJob : External ID was blank for Contact. An External ID must be specified for upsert.");
		assertError(Map.of("object", "Contact", "operation", "upsert", "externalIdFieldName", "LastName"), "INVALIDJOB",
				"InvalidJob : Field name provided, LastName does not match an External ID for Contact");
		String job = http.post(JOBS, Map.of("object", "Contact", "operation", "insert")).json().get("id").asString();
		assertThat(this.bulk.putCsv(JOBS + "/" + job + "/batches", "{}", "application/json").status()).isEqualTo(415);
		EmulatorHttp.Response badState = http.patch(JOBS + "/" + job, Map.of("state", "JobComplete"));
		assertThat(badState.status()).isEqualTo(400);
		assertThat(badState.json().get(0).get("errorCode").asString()).isEqualTo("INVALIDJOBSTATE");
		assertThat(http.get(JOBS + "/750000000000000AAA").status()).isEqualTo(404);
	}

	@Test
	void uploadsAppendInTheJobsDelimiterAndLineEndingAndResultsComeBackInThem() {
		// given
		String job = http
			.post(JOBS, Map.of("object", "Contact", "operation", "insert", "columnDelimiter", "SEMICOLON", "lineEnding",
					"CRLF"))
			.json()
			.get("id")
			.asString();

		// when
		this.bulk.putCsv(JOBS + "/" + job + "/batches", "LastName;Title\r\nOne;\"A;B\"\r\n");
		this.bulk.putCsv(JOBS + "/" + job + "/batches", "LastName;Title\r\nTwo;C,D\r\n");
		http.patch(JOBS + "/" + job, Map.of("state", "UploadComplete"));
		this.bulk.awaitState(JOBS + "/" + job, "JobComplete");

		// then
		String one = idOf("Contact", "LastName = 'One'");
		String two = idOf("Contact", "LastName = 'Two'");
		assertThat(results(job, "successfulResults")).isEqualTo("\"sf__Id\";\"sf__Created\";\"LastName\";\"Title\"\r\n"
				+ "\"" + one + "\";\"true\";\"One\";\"A;B\"\r\n\"" + two + "\";\"true\";\"Two\";\"C,D\"\r\n");
		assertThat(http.get(V + "/sobjects/Contact/" + one).json().get("Title").asString()).isEqualTo("A;B");
	}

	@Test
	void theJobListShowsTheOrgsIngestJobsAndEveryCallCountsAsOneApiCall() {
		// given
		http.admin("DELETE", "/emulator/orgs/" + this.org.id() + "/api-calls", null);

		// when
		String job = http.post(JOBS, Map.of("object", "Account", "operation", "insert")).json().get("id").asString();
		this.bulk.putCsv(JOBS + "/" + job + "/batches", "Name\nAcme\n");
		http.patch(JOBS + "/" + job, Map.of("state", "UploadComplete"));
		int[] polls = { 0 };
		this.bulk.awaitJob(JOBS + "/" + job, (info) -> {
			polls[0]++;
			return info.get("state").asString().equals("JobComplete");
		});
		results(job, "successfulResults");
		results(job, "failedResults");
		results(job, "unprocessedrecords");
		JsonNode list = http.get(JOBS).json();
		http.delete(JOBS + "/" + job);

		// then
		assertThat(list.propertyNames()).containsExactly("done", "records", "nextRecordsUrl");
		assertThat(list.get("records")).hasSize(1);
		assertThat(list.get("records").get(0).get("id").asString()).isEqualTo(job);
		assertThat(list.get("records").get(0).get("jobType").asString()).isEqualTo("V2Ingest");
		JsonNode calls = http.admin("GET", "/emulator/orgs/" + this.org.id() + "/api-calls", null).json();
		JsonNode byKind = calls.get("byKind");
		assertThat(byKind.get("bulk-ingest-create").asInt()).isEqualTo(1);
		assertThat(byKind.get("bulk-ingest-upload").asInt()).isEqualTo(1);
		assertThat(byKind.get("bulk-ingest-state").asInt()).isEqualTo(1);
		assertThat(byKind.get("bulk-ingest-poll").asInt()).isEqualTo(polls[0]);
		assertThat(byKind.get("bulk-ingest-results").asInt()).isEqualTo(3);
		assertThat(byKind.get("bulk-ingest-list").asInt()).isEqualTo(1);
		assertThat(byKind.get("bulk-ingest-delete").asInt()).isEqualTo(1);
		assertThat(calls.get("used").asInt()).isEqualTo(8 + polls[0]);
		assertThat(http.get(JOBS).json().get("records")).isEmpty();
	}

	@Test
	void aJobWithNoDataCompletesHavingProcessedNothing() {
		// when
		String job = runJob(Map.of("object", "Contact", "operation", "insert"), null);

		// then
		JsonNode info = http.get(JOBS + "/" + job).json();
		assertThat(info.get("numberRecordsProcessed").asInt()).isZero();
		assertThat(results(job, "successfulResults")).isEqualTo("\"sf__Id\",\"sf__Created\"\n");
	}

	private String runJob(Map<String, Object> request, String csv) {
		EmulatorHttp.Response created = http.post(JOBS, request);
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		String job = created.json().get("id").asString();
		if (csv != null) {
			assertThat(this.bulk.putCsv(JOBS + "/" + job + "/batches", csv).status()).isEqualTo(201);
		}
		assertThat(http.patch(JOBS + "/" + job, Map.of("state", "UploadComplete")).status()).isEqualTo(200);
		this.bulk.awaitState(JOBS + "/" + job, "JobComplete");
		return job;
	}

	private String assertFails(Map<String, Object> request, String csv, String errorMessage) {
		EmulatorHttp.Response created = http.post(JOBS, request);
		String job = created.json().get("id").asString();
		this.bulk.putCsv(JOBS + "/" + job + "/batches", csv);
		http.patch(JOBS + "/" + job, Map.of("state", "UploadComplete"));
		JsonNode failed = this.bulk.awaitState(JOBS + "/" + job, "Failed", "JobComplete");
		assertThat(failed.get("state").asString()).as(csv).isEqualTo("Failed");
		assertThat(failed.get("errorMessage").asString()).isEqualTo(errorMessage);
		assertThat(failed.get("numberRecordsProcessed").asInt()).isZero();
		return job;
	}

	private void assertError(Map<String, Object> body, String errorCode, String message) {
		EmulatorHttp.Response response = http.post(JOBS, body);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get(0).get("errorCode").asString()).isEqualTo(errorCode);
		assertThat(response.json().get(0).get("message").asString()).isEqualTo(message);
	}

	private String results(String job, String kind) {
		EmulatorHttp.Response results = this.bulk.getCsv(JOBS + "/" + job + "/" + kind);
		assertThat(results.status()).as(results.body()).isEqualTo(200);
		assertThat(results.header("Content-Type")).startsWith("text/csv");
		return results.body();
	}

	private static long rows(String csv) {
		return csv.lines().count() - 1;
	}

	private List<String> createContacts(int count) {
		List<Map<String, Object>> records = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("attributes", Map.of("type", "Contact"));
			record.put("LastName", "Contact " + i);
			records.add(record);
		}
		List<String> ids = new ArrayList<>();
		http.post(V + "/composite/sobjects", Map.of("records", records))
			.json()
			.forEach((result) -> ids.add(result.get("id").asString()));
		return ids;
	}

	private String create(String type, Map<String, Object> fields) {
		EmulatorHttp.Response created = http.post(V + "/sobjects/" + type, fields);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private String idOf(String type, String where) {
		JsonNode records = http.get(V + "/query?q=" + q("SELECT Id FROM " + type + " WHERE " + where))
			.json()
			.get("records");
		assertThat(records).hasSize(1);
		return records.get(0).get("Id").asString();
	}

	private long count(String type, String where) {
		return http.get(V + "/query?q=" + q("SELECT COUNT() FROM " + type + " WHERE " + where))
			.json()
			.get("totalSize")
			.asLong();
	}

	private static String q(String soql) {
		return URLEncoder.encode(soql, StandardCharsets.UTF_8);
	}

}
