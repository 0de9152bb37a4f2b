package dev.sfsync.salesforce;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.sfsync.emulator.Emulator;
import dev.sfsync.emulator.EmulatorProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keyset REST reader against the emulator: windows, ties, restarts and call counts.
 */
class SalesforceReadsAndWritesIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Instant FROM = Instant.now().minus(60, ChronoUnit.DAYS);

	private static final Instant TO = Instant.now().plus(1, ChronoUnit.DAYS);

	private static Emulator emulator;

	@BeforeAll
	static void start() {
		emulator = Emulator.start(EmulatorProperties.standalone(0, "none", 0));
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@Test
	void aRestartedReadResumesAfterTheLastCommittedKeyWithNothingLostOrRepeated() {
		Org org = Org.create(1000);
		SalesforceQueryReader<String> first = reader(org, 200, false);
		ExecutionContext committed = new ExecutionContext();
		first.open(new ExecutionContext());
		List<String> read = new ArrayList<>();
		for (int i = 0; i < 450; i++) {
			read.add(first.read());
			if (read.size() % 100 == 0) {
				first.update(committed);
			}
		}
		first.close();
		// The chunk of items 401 to 450 never committed: they are read again after the
		// restart.
		List<String> all = new ArrayList<>(read.subList(0, 400));
		SalesforceQueryReader<String> restarted = reader(org, 200, false);
		restarted.open(committed);
		for (String id = restarted.read(); id != null; id = restarted.read()) {
			all.add(id);
		}
		assertThat(all).hasSize(1000).doesNotHaveDuplicates();
		assertThat(new HashSet<>(all)).isEqualTo(org.contactIds());
	}

	@Test
	void fiveThousandChangesCostThreeCallsAndNoChangeCostsOne() {
		Org org = Org.create(5000);
		SalesforceQueryReader<String> reader = reader(org, 2000, false);
		reader.open(new ExecutionContext());
		int count = 0;
		while (reader.read() != null) {
			count++;
		}
		assertThat(count).isEqualTo(5000);
		assertThat(reader.calls()).isEqualTo(3);
		assertThat(org.queryCalls()).isEqualTo(3);

		SalesforceQueryReader<String> quiet = new SalesforceQueryReader<>("contacts", org.client(), "Contact",
				List.of("LastName"), TO, TO.plusSeconds(60), 2000, false,
				(page) -> page.stream().map((r) -> r.get("Id").asString()).toList());
		quiet.open(new ExecutionContext());
		assertThat(quiet.read()).isNull();
		assertThat(quiet.calls()).isEqualTo(1);
	}

	@Test
	void collectionsWritesMapEachResultToItsRecordInCallsOfTwoHundred() {
		Org org = Org.create(0);
		SalesforceCollections collections = new SalesforceCollections(org.client());
		List<Map<String, Object>> records = new ArrayList<>();
		for (int i = 0; i < 450; i++) {
			Map<String, Object> record = new java.util.LinkedHashMap<>();
			record.put("Sfsync_Id__c", "app-" + i);
			record.put("LastName", (i == 7) ? null : "Upserted " + i);
			records.add(record);
		}
		@SuppressWarnings("unchecked")
		List<RecordResult> results = collections.upsert("Contact", "Sfsync_Id__c", (List) records);
		assertThat(results).hasSize(450);
		assertThat(results.get(7).success()).isFalse();
		assertThat(results.get(7).index()).isEqualTo(7);
		assertThat(results.get(7).errorCode()).isEqualTo("REQUIRED_FIELD_MISSING");
		assertThat(results.get(449).created()).isTrue();
		assertThat(org.callsOf("collections-upsert")).isEqualTo(3);

		@SuppressWarnings("unchecked")
		List<RecordResult> replay = collections.upsert("Contact", "Sfsync_Id__c", (List) records);
		assertThat(replay.get(0).created()).isFalse();
		assertThat(replay.get(0).id()).isEqualTo(results.get(0).id());
		assertThat(org.contactIds()).hasSize(449);

		List<RecordResult> deleted = collections.delete(List.of(results.get(0).id(), results.get(1).id()));
		assertThat(deleted).extracting(RecordResult::success).containsExactly(true, true);
	}

	@Test
	void readsDeletedRecordsFromTheRecycleBin() {
		Org org = Org.create(20);
		List<String> deleted = org.contactIds().stream().sorted().limit(3).toList();
		deleted.forEach((id) -> org.admin("DELETE", "/records/Contact/" + id));
		SalesforceQueryReader<String> reader = reader(org, 200, true);
		reader.open(new ExecutionContext());
		Set<String> read = new HashSet<>();
		for (String id = reader.read(); id != null; id = reader.read()) {
			read.add(id);
		}
		assertThat(read).containsExactlyInAnyOrderElementsOf(deleted);
	}

	private static SalesforceQueryReader<String> reader(Org org, int pageSize, boolean deleted) {
		return new SalesforceQueryReader<>("contacts", org.client(), "Contact", List.of("LastName", "Email"), FROM, TO,
				pageSize, deleted, (page) -> page.stream().map((record) -> record.get("Id").asString()).toList());
	}

	/**
	 * A seeded org with contacts, three to a SystemModstamp, and a client signed in to
	 * it.
	 */
	private record Org(String id, SalesforceClient client) {

		static Org create(int contacts) {
			String id = post("/emulator/orgs", Map.of("name", "Reader Org")).get("id").asString();
			JsonNode app = post("/emulator/orgs/" + id + "/apps", Map.of("name", "sfsync"));
			String username = "reader@" + id.toLowerCase() + ".example";
			post("/emulator/orgs/" + id + "/users", Map.of("username", username, "password", "pw"));
			post("/emulator/orgs/" + id + "/seed", Map.of("objects", Map.of("Contact", contacts)));
			SalesforceSession session = new SalesforceSession("reader",
					new SalesforceLogin.UsernamePassword(emulator.baseUrl(), app.get("consumerKey").asString(),
							app.get("consumerSecret").asString(), username, "pw"),
					new SalesforceAuthenticator(RestClient.builder(), Clock.systemUTC()));
			SalesforceClient client = new SalesforceClient(session, RestClient.builder(), "v63.0",
					new ApiBudget(1.0, 1.0));
			Org org = new Org(id, client);
			org.admin("DELETE", "/api-calls");
			return org;
		}

		Set<String> contactIds() {
			Set<String> ids = new HashSet<>();
			JsonNode page = this.client.query("SELECT Id FROM Contact", 2000, false);
			page.get("records").forEach((record) -> ids.add(record.get("Id").asString()));
			while (page.has("nextRecordsUrl")) {
				page = this.client.get("query more", page.get("nextRecordsUrl").asString());
				page.get("records").forEach((record) -> ids.add(record.get("Id").asString()));
			}
			return ids;
		}

		int queryCalls() {
			return callsOf("query");
		}

		int callsOf(String kind) {
			return JSON.readTree(send("GET", "/emulator/orgs/" + this.id + "/api-calls", null))
				.path("byKind")
				.path(kind)
				.asInt();
		}

		void admin(String method, String path) {
			send(method, "/emulator/orgs/" + this.id + path, null);
		}

		private static JsonNode post(String path, Object body) {
			return JSON.readTree(send("POST", path, JSON.writeValueAsString(body)));
		}

		private static String send(String method, String path, String body) {
			try {
				HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
					.header("Content-Type", "application/json")
					.method(method,
							(body != null) ? HttpRequest.BodyPublishers.ofString(body)
									: HttpRequest.BodyPublishers.noBody())
					.build();
				return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
