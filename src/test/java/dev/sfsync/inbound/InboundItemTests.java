package dev.sfsync.inbound;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Which records the readers leave out: deletes with nothing left to do. */
class InboundItemTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

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

	private static InboundItem item(String deleted, AppState state) {
		return new InboundItem(JSON.readTree("{\"Id\":\"003A2000000000OIAQ\",\"SystemModstamp\":"
				+ "\"2026-12-04T19:19:51.339+0000\",\"IsDeleted\":" + deleted + "}"), state);
	}

}
