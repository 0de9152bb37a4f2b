package dev.sfsync.store;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The columns a sync may write are the table's own, never the ones sfsync writes itself,
 * and never text that is not a column.
 */
class AppTableTests {

	private final AppTable events = new AppTable("custom_events", "salesforce_id", Map.of("event_type", "invoice"),
			List.of(),
			Map.of("id", ColumnType.TEXT, "connection_id", ColumnType.TEXT, "salesforce_id", ColumnType.TEXT,
					"event_type", ColumnType.TEXT, "event_name", ColumnType.TEXT, "contact_id", ColumnType.TEXT,
					"deleted", ColumnType.TEXT));

	@Test
	void anExternalIdNamesARowOfItsOwnTableOnly() {
		assertThat(AppTable.externalId("custom_events", 42)).isEqualTo("custom_events-42");
		assertThat(this.events.appId("custom_events-42")).isEqualTo(42L);
		assertThat(this.events.appId(AppTable.externalId("custom_events", Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
		for (String other : java.util.Arrays.asList(null, "", "custom_events-", "companies-42", "custom_events-4x",
				"custom_events--4", "custom_events-99999999999999999999", "xcustom_events-42")) {
			assertThat(this.events.appId(other)).as(String.valueOf(other)).isNull();
		}
	}

	@Test
	void aWritableColumnIsOneOfTheTablesOwnMappedColumns() {
		assertThat(this.events.writableColumn("event_name")).isEqualTo("event_name");
		assertThat(this.events.writableColumn("contact_id")).isEqualTo("contact_id");
	}

	@Test
	void refusesSystemColumnsTheKeyFixedColumnsAndTextThatIsNotAColumn() {
		for (String column : List.of("id", "connection_id", "deleted", "salesforce_id", "event_type", "EVENT_NAME",
				"event_name = (SELECT 1), connection_id", "nickname")) {
			assertThatIllegalStateException().isThrownBy(() -> this.events.writableColumn(column))
				.withMessageStartingWith("The app table custom_events has no column '")
				.withMessageContaining("that a sync may write");
		}
	}

}
