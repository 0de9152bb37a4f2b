package dev.sfsync.salesforce;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.sfsync.emulator.Emulator;
import dev.sfsync.system.TestEmulator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keyset REST reader against the emulator: windows, ties, restarts and call counts.
 */
class SalesforceReadsAndWritesIntegrationTests {

	private static final Emulator emulator = TestEmulator.get();

	private static final Instant FROM = Instant.now().minus(60, ChronoUnit.DAYS);

	private static final Instant TO = Instant.now().plus(1, ChronoUnit.DAYS);

	@Test
	void aRestartedReadResumesAfterTheLastCommittedKeyWithNothingLostOrRepeated() {
		EmulatorOrg org = EmulatorOrg.create(emulator.baseUrl(), 1000);
		SalesforceQueryReader<String> first = reader(org, 200, SalesforceQueryReader.Scope.LIVE);
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
		SalesforceQueryReader<String> restarted = reader(org, 200, SalesforceQueryReader.Scope.LIVE);
		restarted.open(committed);
		for (String id = restarted.read(); id != null; id = restarted.read()) {
			all.add(id);
		}
		assertThat(all).hasSize(1000).doesNotHaveDuplicates();
		assertThat(committed.getLong(ApiUsage.MAX_KEY)).isEqualTo(100000);
		assertThat(committed.getLong(ApiUsage.USED_KEY)).isPositive();
		assertThat(new HashSet<>(all)).isEqualTo(EmulatorOrg.contactIds(org.client()));
	}

	@Test
	void fiveThousandChangesCostThreeCallsAndNoChangeCostsOne() {
		EmulatorOrg org = EmulatorOrg.create(emulator.baseUrl(), 5000);
		SalesforceQueryReader<String> reader = reader(org, 2000, SalesforceQueryReader.Scope.LIVE);
		reader.open(new ExecutionContext());
		int count = 0;
		while (reader.read() != null) {
			count++;
		}
		assertThat(count).isEqualTo(5000);
		assertThat(reader.calls()).isEqualTo(3);
		assertThat(org.callsOf("query")).isEqualTo(3);

		SalesforceQueryReader<String> quiet = new SalesforceQueryReader<>("contacts", org.client(), "Contact",
				List.of("LastName"), TO, TO.plusSeconds(60), 2000, SalesforceQueryReader.Scope.LIVE,
				(page) -> page.stream().map((r) -> r.get("Id").asString()).toList());
		quiet.open(new ExecutionContext());
		assertThat(quiet.read()).isNull();
		assertThat(quiet.calls()).isEqualTo(1);
	}

	@Test
	void collectionsWritesMapEachResultToItsRecordInCallsOfTwoHundred() {
		EmulatorOrg org = EmulatorOrg.create(emulator.baseUrl(), 0);
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
		assertThat(EmulatorOrg.contactIds(org.client())).hasSize(449);

		List<RecordResult> deleted = collections.delete(List.of(results.get(0).id(), results.get(1).id()));
		assertThat(deleted).extracting(RecordResult::success).containsExactly(true, true);
	}

	@Test
	void readsDeletedRecordsFromTheRecycleBin() {
		EmulatorOrg org = EmulatorOrg.create(emulator.baseUrl(), 20);
		List<String> deleted = EmulatorOrg.contactIds(org.client()).stream().sorted().limit(3).toList();
		deleted.forEach((id) -> org.admin("DELETE", "/records/Contact/" + id, null));
		SalesforceQueryReader<String> reader = reader(org, 200, SalesforceQueryReader.Scope.DELETED);
		reader.open(new ExecutionContext());
		Set<String> read = new HashSet<>();
		for (String id = reader.read(); id != null; id = reader.read()) {
			read.add(id);
		}
		assertThat(read).containsExactlyInAnyOrderElementsOf(deleted);
	}

	@Test
	void readsLiveAndDeletedRecordsInOneStream() {
		EmulatorOrg org = EmulatorOrg.create(emulator.baseUrl(), 20);
		List<String> live = EmulatorOrg.contactIds(org.client()).stream().sorted().toList();
		List<String> deleted = live.subList(0, 3);
		deleted.forEach((id) -> org.admin("DELETE", "/records/Contact/" + id, null));
		SalesforceQueryReader<JsonNode> reader = new SalesforceQueryReader<>("contacts", org.client(), "Contact",
				List.of("LastName", "IsDeleted"), FROM, TO, 200, SalesforceQueryReader.Scope.LIVE_AND_DELETED,
				(page) -> page);
		reader.open(new ExecutionContext());
		Map<String, Boolean> read = new java.util.HashMap<>();
		for (JsonNode record = reader.read(); record != null; record = reader.read()) {
			read.put(record.get("Id").asString(), record.get("IsDeleted").asBoolean());
		}
		assertThat(read).hasSize(20);
		assertThat(read.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey))
			.containsExactlyInAnyOrderElementsOf(deleted);
		assertThat(reader.calls()).isEqualTo(1);
		assertThat(org.callsOf("queryAll")).isEqualTo(1);
	}

	private static SalesforceQueryReader<String> reader(EmulatorOrg org, int pageSize,
			SalesforceQueryReader.Scope scope) {
		return new SalesforceQueryReader<>("contacts", org.client(), "Contact", List.of("LastName", "Email"), FROM, TO,
				pageSize, scope, (page) -> page.stream().map((record) -> record.get("Id").asString()).toList());
	}

}
