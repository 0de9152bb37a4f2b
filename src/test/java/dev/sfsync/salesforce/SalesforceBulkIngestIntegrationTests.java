package dev.sfsync.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.emulator.Emulator;
import dev.sfsync.system.TestEmulator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Upserts through Collections below the threshold and one Bulk ingest job above it. */
class SalesforceBulkIngestIntegrationTests {

	private static final Emulator emulator = TestEmulator.get();

	@Test
	void aLargeUpsertIsOneBulkJobWithEveryResultMappedBackToItsRecord() {
		EmulatorOrg org = EmulatorOrg.create(emulator.baseUrl(), 0);
		SalesforceUpserts upserts = new SalesforceUpserts(org.client(),
				BulkPolling.of(Duration.ofSeconds(30), Clock.systemUTC()), 1000);
		List<Map<String, Object>> records = records(1200);
		records.get(10).put("LastName", null);
		records.get(20).remove("Sfsync_Id__c");
		@SuppressWarnings({ "unchecked", "rawtypes" })
		List<RecordResult> results = upserts.upsert("Contact", "Sfsync_Id__c", (List) records);
		assertThat(results).hasSize(1200);
		assertThat(results.get(0).success()).isTrue();
		assertThat(results.get(0).created()).isTrue();
		assertThat(results.get(0).id()).startsWith("003");
		assertThat(results.get(10).errorCode()).isEqualTo("REQUIRED_FIELD_MISSING");
		assertThat(results.get(10).errors().get(0).fields()).containsExactly("LastName");
		assertThat(results.get(20).errorCode()).isEqualTo("MISSING_ARGUMENT");
		assertThat(results).filteredOn(RecordResult::success).hasSize(1198);
		assertThat(org.callsOf("bulk-ingest-create")).isEqualTo(1);
		assertThat(org.callsOf("collections-upsert")).isZero();

		@SuppressWarnings({ "unchecked", "rawtypes" })
		List<RecordResult> replay = upserts.upsert("Contact", "Sfsync_Id__c", (List) records);
		assertThat(replay.get(0).created()).isFalse();
		assertThat(replay.get(0).id()).isEqualTo(results.get(0).id());
		assertThat(org.client().query("SELECT COUNT() FROM Contact", 2000, false).get("totalSize").asInt())
			.isEqualTo(1198);
	}

	@Test
	void aSmallUpsertGoesThroughCollections() {
		EmulatorOrg org = EmulatorOrg.create(emulator.baseUrl(), 0);
		SalesforceUpserts upserts = new SalesforceUpserts(org.client(),
				BulkPolling.of(Duration.ofSeconds(30), Clock.systemUTC()), 1000);
		@SuppressWarnings({ "unchecked", "rawtypes" })
		List<RecordResult> results = upserts.upsert("Contact", "Sfsync_Id__c", (List) records(300));
		assertThat(results).allMatch(RecordResult::success);
		assertThat(org.callsOf("collections-upsert")).isEqualTo(2);
		assertThat(org.callsOf("bulk-ingest-create")).isZero();
	}

	private static List<Map<String, Object>> records(int count) {
		List<Map<String, Object>> records = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("Sfsync_Id__c", "app-" + i);
			record.put("LastName", "Bulk " + i);
			record.put("Email", "bulk" + i + "@example.com");
			records.add(record);
		}
		return records;
	}

}
