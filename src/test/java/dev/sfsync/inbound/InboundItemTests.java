package dev.sfsync.inbound;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import dev.sfsync.catalog.JobCatalogLoader;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.outcome.RecordOutcome;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records as the steps see them: decided on as they are read, and which the readers leave
 * out (deletes with nothing left to do).
 */
class InboundItemTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final InboundRules RULES = new InboundRules(
			new JobCatalogLoader().load("file:jobs/").find("contact").orElseThrow(), ConnectionSettings.DEFAULTS,
			Set.of("LastName"));

	@Test
	void aDeleteOfARecordTheAppNeverHadIsIrrelevant() {
		assertThat(item("true", AppState.NEW).irrelevant()).isTrue();
	}

	@Test
	void aDeleteAlreadyAppliedIsIrrelevantEvenWhenTheDatabaseDroppedTheMilliseconds() {
		AppState deleted = new AppState(7L, Instant.parse("2026-12-04T19:19:51Z"), Map.of(), false, false, null, null,
				true, null, null);
		assertThat(item("true", deleted).irrelevant()).isTrue();
	}

	@Test
	void aDeleteOfALiveRowOrOfANewerVersionIsRelevant() {
		AppState live = new AppState(7L, Instant.parse("2026-12-04T19:19:51Z"), Map.of(), false, false, null, null,
				false, null, null);
		AppState older = new AppState(7L, Instant.parse("2026-12-04T19:19:50Z"), Map.of(), false, false, null, null,
				true, null, null);
		assertThat(item("true", live).irrelevant()).isFalse();
		assertThat(item("true", older).irrelevant()).isFalse();
	}

	@Test
	void aLiveRecordIsNeverIrrelevant() {
		assertThat(item("false", AppState.NEW).irrelevant()).isFalse();
	}

	@Test
	void aRecordIsDecidedOnAsItsPageIsReadIntoTheRowTheWriterSends() {
		InboundItem item = InboundItem.of(
				JSON.readTree("{\"Id\":\"003A2000000000OIAQ\",\"LastName\":\"Lovelace\","
						+ "\"Email\":\"ada@example.com\",\"CreatedDate\":\"2026-12-01T08:00:00.000+0000\","
						+ "\"SystemModstamp\":\"2026-12-04T19:19:51.339+0000\",\"IsDeleted\":false}"),
				AppState.NEW, RULES, JSON);
		assertThat(item.decision()).isNull();
		AppChange change = item.change();
		assertThat(change).isNotNull();
		assertThat(change.outcome()).isEqualTo(RecordOutcome.CREATED);
		assertThat(change.columns()).contains("email", "last_name");
		assertThat(change.row()).as("the JSON row the writer sends, times in UTC with microseconds")
			.startsWith("[\"003A2000000000OIAQ\",")
			.contains("\"ada@example.com\"")
			.endsWith("\"2026-12-01 08:00:00.000000\",\"2026-12-04 19:19:51.339000\"]");
		assertThat(item.salesforceId()).isEqualTo("003A2000000000OIAQ");
		assertThat(item.createdAt()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
		assertThat(item.modstamp()).isEqualTo(Instant.parse("2026-12-04T19:19:51.339Z"));
		assertThat(item.deletedInSalesforce()).isFalse();
	}

	private static InboundItem item(String deleted, AppState state) {
		return InboundItem.of(JSON.readTree("{\"Id\":\"003A2000000000OIAQ\",\"SystemModstamp\":"
				+ "\"2026-12-04T19:19:51.339+0000\",\"IsDeleted\":" + deleted + "}"), state, RULES, JSON);
	}

}
