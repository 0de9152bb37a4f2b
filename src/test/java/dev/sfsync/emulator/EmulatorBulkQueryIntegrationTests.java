package dev.sfsync.emulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import dev.sfsync.system.EmulatorAdmin;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Bulk API 2.0 query jobs over HTTP: job info, states, CSV results and locators. */
class EmulatorBulkQueryIntegrationTests extends EmulatorTestSupport {

	private static final String V = "/services/data/v63.0";

	private static final String JOBS = V + "/jobs/query";

	private EmulatorAdmin.Org org;

	private EmulatorBulkHttp bulk;

	@BeforeEach
	void newOrg() {
		this.org = http.newOrg("Bulk Query Org");
		this.bulk = new EmulatorBulkHttp(emulator.baseUrl(), http, this.org);
	}

	@Test
	void aQueryJobAnswersSalesforcesJobInfoAndThenCompletesInTheBackground() {
		// given
		createContacts(3);
		String userId = http.get(V + "/query?q=" + q("SELECT CreatedById FROM Contact LIMIT 1"))
			.json()
			.get("records")
			.get(0)
			.get("CreatedById")
			.asString();

		// when
		EmulatorHttp.Response created = http.post(JOBS,
				Map.of("operation", "query", "query", "SELECT Id, LastName FROM Contact", "contentType", "CSV",
						"columnDelimiter", "COMMA", "lineEnding", "LF"));

		// then
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		JsonNode job = created.json();
		assertThat(job.propertyNames()).containsExactly("id", "operation", "object", "createdById", "createdDate",
				"systemModstamp", "state", "concurrencyMode", "contentType", "apiVersion", "lineEnding",
				"columnDelimiter");
		assertThat(job.get("id").asString()).startsWith("750").hasSize(18);
		assertThat(job.get("operation").asString()).isEqualTo("query");
		assertThat(job.get("object").asString()).isEqualTo("Contact");
		assertThat(job.get("createdById").asString()).isEqualTo(userId);
		assertThat(job.get("createdDate").asString())
			.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
		assertThat(job.get("state").asString()).isEqualTo("UploadComplete");
		assertThat(job.get("concurrencyMode").asString()).isEqualTo("Parallel");
		assertThat(job.get("contentType").asString()).isEqualTo("CSV");
		assertThat(created.body()).contains("\"apiVersion\":63.0");
		assertThat(job.get("lineEnding").asString()).isEqualTo("LF");
		assertThat(job.get("columnDelimiter").asString()).isEqualTo("COMMA");

		JsonNode done = this.bulk.awaitState(JOBS + "/" + job.get("id").asString(), "JobComplete");
		assertThat(done.propertyNames()).containsExactly("id", "operation", "object", "createdById", "createdDate",
				"systemModstamp", "state", "concurrencyMode", "contentType", "apiVersion", "jobType", "lineEnding",
				"columnDelimiter", "numberRecordsProcessed", "retries", "totalProcessingTime", "isPkChunkingSupported");
		assertThat(done.get("jobType").asString()).isEqualTo("V2Query");
		assertThat(done.get("numberRecordsProcessed").asInt()).isEqualTo(3);
		assertThat(done.get("retries").asInt()).isZero();
		assertThat(done.get("totalProcessingTime").asLong()).isNotNegative();
		assertThat(done.get("isPkChunkingSupported").asBoolean()).isTrue();
	}

	@Test
	void resultsAreQuotedCsvInSelectOrderWithDottedParentColumnsEmptyNullsAndBulkDateTimes() {
		// given
		String acme = create("Account", Map.of("Name", "Acme, Inc."));
		create("Contact", Map.of("LastName", "Lee \"Bo\"", "AccountId", acme, "Email", "bo@acme.example"));
		create("Contact", Map.of("LastName", "Zed"));
		List<String> createdDates = new ArrayList<>();
		http.get(V + "/query?q=" + q("SELECT CreatedDate FROM Contact ORDER BY LastName"))
			.json()
			.get("records")
			.forEach((record) -> createdDates.add(record.get("CreatedDate").asString().replace("+0000", "Z")));

		// when
		String job = completedJob("query",
				"SELECT LastName, Account.Name, Email, CreatedDate FROM Contact ORDER BY " + "LastName");
		EmulatorHttp.Response results = this.bulk.getCsv(JOBS + "/" + job + "/results");

		// then
		assertThat(results.status()).isEqualTo(200);
		assertThat(results.header("Content-Type")).startsWith("text/csv");
		assertThat(results.header("Sforce-NumberOfRecords")).isEqualTo("2");
		assertThat(results.header("Sforce-Locator")).isEqualTo("null");
		assertThat(results.body()).isEqualTo("""
				"LastName","Account.Name","Email","CreatedDate"
				"Lee ""Bo""\","Acme, Inc.","bo@acme.example","%s"
				"Zed","","","%s"
				""".formatted(createdDates.get(0), createdDates.get(1)));
		assertThat(createdDates.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		assertThat(http.get(JOBS + "/" + job).json().get("isPkChunkingSupported").asBoolean()).isFalse();
	}

	@Test
	void locatorsPageThroughTheResultsAndEachPageCanBeReadAgain() {
		// given
		createContacts(2500);
		String job = completedJob("query", "SELECT Id, LastName FROM Contact");

		// when
		List<EmulatorHttp.Response> pages = new ArrayList<>();
		String locator = null;
		do {
			EmulatorHttp.Response page = this.bulk.getCsv(
					JOBS + "/" + job + "/results?maxRecords=1000" + ((locator != null) ? "&locator=" + locator : ""));
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			pages.add(page);
			locator = page.header("Sforce-Locator");
		}
		while (!locator.equals("null") && pages.size() < 10);

		// then
		assertThat(pages).hasSize(3);
		assertThat(pages).extracting((page) -> page.header("Sforce-NumberOfRecords"))
			.containsExactly("1000", "1000", "500");
		String second = pages.get(0).header("Sforce-Locator");
		assertThat(second).isNotEqualTo("null").doesNotContain("=");
		assertThat(this.bulk.getCsv(JOBS + "/" + job + "/results?maxRecords=1000&locator=" + second).body())
			.isEqualTo(pages.get(1).body());
		List<String> ids = new ArrayList<>();
		for (EmulatorHttp.Response page : pages) {
			List<String> lines = page.body().lines().toList();
			assertThat(lines.get(0)).isEqualTo("\"Id\",\"LastName\"");
			lines.subList(1, lines.size()).forEach((line) -> ids.add(line.substring(1, 19)));
		}
		assertThat(ids).hasSize(2500).doesNotHaveDuplicates().isSorted();

		EmulatorHttp.Response all = this.bulk.getCsv(JOBS + "/" + job + "/results");
		assertThat(all.header("Sforce-NumberOfRecords")).isEqualTo("2500");
		assertThat(all.header("Sforce-Locator")).isEqualTo("null");
		EmulatorHttp.Response badLocator = this.bulk.getCsv(JOBS + "/" + job + "/results?locator=bm9wZQ");
		assertThat(badLocator.status()).isEqualTo(400);
		assertThat(badLocator.json().get(0).get("errorCode").asString()).isEqualTo("INVALID_LOCATOR");
		EmulatorHttp.Response badMax = this.bulk.getCsv(JOBS + "/" + job + "/results?maxRecords=0");
		assertThat(badMax.status()).isEqualTo(400);
		assertThat(badMax.json().get(0).get("errorCode").asString()).isEqualTo("API_ERROR");
	}

	@Test
	void resultsAreGzippedForClientsThatAcceptIt() throws IOException {
		// given
		createContacts(2);
		String job = completedJob("query", "SELECT LastName FROM Contact");

		// when
		HttpResponse<byte[]> results = this.bulk.getGzip(JOBS + "/" + job + "/results");

		// then
		assertThat(results.headers().firstValue("Content-Encoding")).hasValue("gzip");
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(results.body()))) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
				.isEqualTo("\"LastName\"\n\"Contact 0\"\n\"Contact 1\"\n");
		}
	}

	@Test
	void queryAllIncludesDeletedRowsThatQueryLeavesOut() {
		// given
		String kept = create("Contact", Map.of("LastName", "Kept"));
		String gone = create("Contact", Map.of("LastName", "Gone"));
		http.delete(V + "/sobjects/Contact/" + gone);

		// when
		String query = completedJob("query", "SELECT Id, IsDeleted FROM Contact");
		String queryAll = completedJob("queryAll", "SELECT Id, IsDeleted FROM Contact");

		// then
		assertThat(this.bulk.getCsv(JOBS + "/" + query + "/results").body())
			.isEqualTo("\"Id\",\"IsDeleted\"\n\"" + kept + "\",\"false\"\n");
		assertThat(this.bulk.getCsv(JOBS + "/" + queryAll + "/results").body())
			.isEqualTo("\"Id\",\"IsDeleted\"\n\"" + kept + "\",\"false\"\n\"" + gone + "\",\"true\"\n");
		assertThat(http.get(JOBS + "/" + queryAll).json().get("operation").asString()).isEqualTo("queryAll");
	}

	@Test
	void everyColumnDelimiterAndCrlfLineEndingsShapeTheResults() {
		// given
		create("Contact", Map.of("LastName", "Smith", "Title", "A,B|C;D^E`F\tG"));
		Map<String, String> delimiters = new LinkedHashMap<>();
		delimiters.put("COMMA", ",");
		delimiters.put("BACKQUOTE", "`");
		delimiters.put("CARET", "^");
		delimiters.put("PIPE", "|");
		delimiters.put("SEMICOLON", ";");
		delimiters.put("TAB", "\t");

		delimiters.forEach((name, delimiter) -> {
			// when
			EmulatorHttp.Response created = http.post(JOBS, Map.of("operation", "query", "query",
					"SELECT LastName, Title FROM Contact", "columnDelimiter", name, "lineEnding", "CRLF"));
			String job = created.json().get("id").asString();
			this.bulk.awaitState(JOBS + "/" + job, "JobComplete");

			// then
			assertThat(created.json().get("columnDelimiter").asString()).isEqualTo(name);
			assertThat(created.json().get("lineEnding").asString()).isEqualTo("CRLF");
			assertThat(this.bulk.getCsv(JOBS + "/" + job + "/results").body()).as(name)
				.isEqualTo(
						"\"LastName\"" + delimiter + "\"Title\"\r\n\"Smith\"" + delimiter + "\"A,B|C;D^E`F\tG\"\r\n");
		});
	}

	@Test
	void jobsSalesforceWouldNotRunAreRefusedWithItsErrors() {
		assertError(Map.of("operation", "select", "query", "SELECT Id FROM Contact"), "API_ERROR",
				"Invalid value: 'select' supplied for property: 'operation'");
		assertError(Map.of("query", "SELECT Id FROM Contact"), "API_ERROR",
				"Invalid value: 'null' supplied for property: 'operation'");
		assertError(Map.of("operation", "query"), "API_ERROR", "A query is required for a query job");
		assertError(Map.of("operation", "query", "query", "SELECT Id FROM Contact", "contentType", "JSON"), "API_ERROR",
				"Invalid value: 'JSON' supplied for property: 'contentType'");
		assertError(Map.of("operation", "query", "query", "SELECT Id FROM Contact", "columnDelimiter", "COLON"),
				"API_ERROR", "Invalid value: 'COLON' supplied for property: 'columnDelimiter'");
		assertError(Map.of("operation", "query", "query", "SELECT Id FROM Contact", "lineEnding", "CR"), "API_ERROR",
				"Invalid value: 'CR' supplied for property: 'lineEnding'");
		assertError(Map.of("operation", "query", "query", "SELECT Id FROM Contact ORDER BY Id LIMIT 5 OFFSET 5"),
				"API_ERROR", "The OFFSET clause is not supported by Bulk API 2.0 query jobs");
		assertError(Map.of("operation", "query", "query", "SELECT COUNT() FROM Contact"), "API_ERROR",
				"Aggregate queries are not supported by Bulk API 2.0 query jobs: COUNT()");
		EmulatorHttp.Response unknownField = http.post(JOBS,
				Map.of("operation", "query", "query", "SELECT Id, Shoe__c FROM Contact"));
		assertThat(unknownField.status()).isEqualTo(400);
		assertThat(unknownField.json().get(0).get("errorCode").asString()).isEqualTo("INVALID_FIELD");
		assertThat(unknownField.json().get(0).get("message").asString())
			.contains("No such column 'Shoe__c' on entity 'Contact'");
		EmulatorHttp.Response unknownObject = http.post(JOBS,
				Map.of("operation", "query", "query", "SELECT Id FROM Nope__c"));
		assertThat(unknownObject.json().get(0).get("errorCode").asString()).isEqualTo("INVALID_TYPE");
		assertThat(http.get(JOBS).json().get("records")).isEmpty();
	}

	@Test
	void aJobThatHasNotCompletedHasNoResultsAndCanBeAbortedThenDeleted() {
		// given
		pauseBulkProcessing(true);
		createContacts(1);
		String job = http.post(JOBS, Map.of("operation", "query", "query", "SELECT Id FROM Contact"))
			.json()
			.get("id")
			.asString();

		// when
		EmulatorHttp.Response early = this.bulk.getCsv(JOBS + "/" + job + "/results");
		EmulatorHttp.Response notDeletable = http.delete(JOBS + "/" + job);
		EmulatorHttp.Response aborted = http.patch(JOBS + "/" + job, Map.of("state", "Aborted"));
		pauseBulkProcessing(false);

		// then
		assertThat(early.status()).isEqualTo(412);
		assertThat(early.json().get(0).get("errorCode").asString()).isEqualTo("JOB_NOT_COMPLETE");
		assertThat(early.json().get(0).get("message").asString()).isEqualTo(
				"can only download results of successfully completed bulk job with status: JOB_COMPLETE. Current status: UPLOAD_COMPLETE");
		assertThat(notDeletable.status()).isEqualTo(400);
		assertThat(notDeletable.json().get(0).get("errorCode").asString()).isEqualTo("INVALIDJOBSTATE");
		assertThat(aborted.status()).isEqualTo(200);
		assertThat(aborted.json().get("state").asString()).isEqualTo("Aborted");
		assertThat(http.get(JOBS + "/" + job).json().get("state").asString()).isEqualTo("Aborted");
		assertThat(http.patch(JOBS + "/" + job, Map.of("state", "Aborted")).json().get(0).get("errorCode").asString())
			.isEqualTo("INVALIDJOBSTATE");
		assertThat(this.bulk.getCsv(JOBS + "/" + job + "/results").json().get(0).get("message").asString())
			.endsWith("Current status: ABORTED");
		assertThat(http.delete(JOBS + "/" + job).status()).isEqualTo(204);
		assertThat(http.get(JOBS + "/" + job).status()).isEqualTo(404);
		assertThat(http.get(JOBS).json().get("records")).isEmpty();
	}

	@Test
	void resultsMustBeAskedForWithTheApiVersionTheJobWasCreatedWith() {
		// given
		createContacts(1);
		String job = completedJob("query", "SELECT Id FROM Contact");

		// when
		EmulatorHttp.Response otherVersion = this.bulk.getCsv("/services/data/v62.0/jobs/query/" + job + "/results");

		// then
		assertThat(otherVersion.status()).isEqualTo(409);
		assertThat(this.bulk.getCsv(JOBS + "/" + job + "/results").status()).isEqualTo(200);
		assertThat(http.get("/services/data/v62.0/jobs/query/" + job).status()).isEqualTo(200);
	}

	@Test
	void theJobListShowsTheOrgsQueryJobsOnly() {
		// given
		String first = completedJob("query", "SELECT Id FROM Contact");
		String second = completedJob("queryAll", "SELECT Id FROM Account");

		// when
		JsonNode list = http.get(JOBS).json();

		// then
		assertThat(list.propertyNames()).containsExactly("done", "records", "nextRecordsUrl");
		assertThat(list.get("done").asBoolean()).isTrue();
		assertThat(list.get("nextRecordsUrl").isNull()).isTrue();
		assertThat(list.get("records")).hasSize(2);
		assertThat(list.get("records").get(0).propertyNames()).containsExactly("id", "operation", "object",
				"createdById", "createdDate", "systemModstamp", "state", "concurrencyMode", "contentType", "apiVersion",
				"jobType", "lineEnding", "columnDelimiter");
		assertThat(list.get("records").get(0).get("id").asString()).isEqualTo(first);
		assertThat(list.get("records").get(1).get("id").asString()).isEqualTo(second);
		http.newOrg("Another Org");
		assertThat(http.get(JOBS).json().get("records")).isEmpty();
		assertThat(http.get(JOBS + "/" + first).status()).isEqualTo(404);
	}

	@Test
	void everyBulkCallCountsAsOneApiCallOfItsKind() {
		// given
		createContacts(1);
		http.admin("DELETE", "/emulator/orgs/" + this.org.id() + "/api-calls", null);

		// when
		String job = http.post(JOBS, Map.of("operation", "query", "query", "SELECT Id FROM Contact"))
			.json()
			.get("id")
			.asString();
		int[] polls = { 0 };
		this.bulk.awaitJob(JOBS + "/" + job, (info) -> {
			polls[0]++;
			return info.get("state").asString().equals("JobComplete");
		});
		this.bulk.getCsv(JOBS + "/" + job + "/results");
		this.bulk.getCsv(JOBS + "/" + job + "/results");
		http.get(JOBS);
		http.delete(JOBS + "/" + job);

		// then
		JsonNode calls = http.admin("GET", "/emulator/orgs/" + this.org.id() + "/api-calls", null).json();
		assertThat(calls.get("used").asInt()).isEqualTo(1 + polls[0] + 2 + 1 + 1);
		JsonNode byKind = calls.get("byKind");
		assertThat(byKind.get("bulk-query-create").asInt()).isEqualTo(1);
		assertThat(byKind.get("bulk-query-poll").asInt()).isEqualTo(polls[0]);
		assertThat(byKind.get("bulk-query-results").asInt()).isEqualTo(2);
		assertThat(byKind.get("bulk-query-list").asInt()).isEqualTo(1);
		assertThat(byKind.get("bulk-query-delete").asInt()).isEqualTo(1);
	}

	private void assertError(Map<String, Object> body, String errorCode, String message) {
		EmulatorHttp.Response response = http.post(JOBS, body);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get(0).get("errorCode").asString()).isEqualTo(errorCode);
		assertThat(response.json().get(0).get("message").asString()).isEqualTo(message);
	}

	private String completedJob(String operation, String soql) {
		EmulatorHttp.Response created = http.post(JOBS, Map.of("operation", operation, "query", soql));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		String job = created.json().get("id").asString();
		this.bulk.awaitState(JOBS + "/" + job, "JobComplete");
		return job;
	}

	private void pauseBulkProcessing(boolean paused) {
		EmulatorHttp.Response response = http.admin("PUT", "/emulator/orgs/" + this.org.id() + "/bulk-processing",
				Map.of("paused", paused));
		assertThat(response.json().get("paused").asBoolean()).isEqualTo(paused);
	}

	private void createContacts(int count) {
		for (int from = 0; from < count; from += 200) {
			List<Map<String, Object>> records = new ArrayList<>();
			for (int i = from; i < Math.min(count, from + 200); i++) {
				Map<String, Object> record = new LinkedHashMap<>();
				record.put("attributes", Map.of("type", "Contact"));
				record.put("LastName", "Contact " + i);
				records.add(record);
			}
			EmulatorHttp.Response created = http.post(V + "/composite/sobjects", Map.of("records", records));
			assertThat(created.status()).as(created.body()).isEqualTo(200);
		}
	}

	private String create(String type, Map<String, Object> fields) {
		EmulatorHttp.Response created = http.post(V + "/sobjects/" + type, fields);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private static String q(String soql) {
		return URLEncoder.encode(soql, StandardCharsets.UTF_8);
	}

}
