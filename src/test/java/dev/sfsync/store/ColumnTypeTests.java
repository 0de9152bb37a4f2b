package dev.sfsync.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Salesforce dateTimes read in every shape they come in, and values as the text MySQL
 * converts to a column.
 */
class ColumnTypeTests {

	@Test
	void dateTimesFromBulkAndRestAndEveryOtherShapeTheFormatterReads() {
		Instant expected = Instant.parse("2026-12-04T19:19:51.339Z");
		assertThat(ColumnType.dateTime("2026-12-04T19:19:51.339Z")).isEqualTo(expected);
		assertThat(ColumnType.dateTime("2026-12-04T19:19:51.339+0000")).isEqualTo(expected);
		assertThat(ColumnType.dateTime("2026-12-05T00:49:51.339+0530")).isEqualTo(expected);
		assertThat(ColumnType.dateTime("2026-12-04T19:19:51Z")).isEqualTo(Instant.parse("2026-12-04T19:19:51Z"));
		assertThat(ColumnType.dateTime("2024-02-29T23:59:59.999Z"))
			.isEqualTo(Instant.parse("2024-02-29T23:59:59.999Z"));
	}

	@Test
	void impossibleDateTimesAreRejectedAsTheFormatterRejectsThem() {
		for (String text : new String[] { "2026-12-04T25:19:51.339Z", "2026-13-04T19:19:51.339Z",
				"2026-12-04T19:19:5x.339Z", "2026-12-04 19:19:51.339Z", "2026-12-04T19:19:51.339" }) {
			assertThatExceptionOfType(DateTimeParseException.class).as(text)
				.isThrownBy(() -> ColumnType.dateTime(text));
		}
		assertThat(ColumnType.dateTime("2026-02-30T10:00:00.000Z")).as("the formatter's smart day-of-month")
			.isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
	}

	@Test
	void valuesAsTheTextMysqlConverts() {
		assertThat(ColumnType.sqlText(Instant.parse("2026-12-04T19:19:51.339Z")))
			.isEqualTo("2026-12-04 19:19:51.339000");
		assertThat(ColumnType.sqlText(Instant.parse("2026-01-02T03:04:05.000006Z")))
			.isEqualTo("2026-01-02 03:04:05.000006");
		assertThat(ColumnType.sqlText(Instant.parse("0999-01-02T03:04:05Z"))).isEqualTo("0999-01-02 03:04:05.000000");
		assertThat(ColumnType.sqlText(true)).isEqualTo("1");
		assertThat(ColumnType.sqlText(false)).isEqualTo("0");
		assertThat(ColumnType.sqlText(new BigDecimal("1E+3"))).isEqualTo("1000");
		assertThat(ColumnType.sqlText(LocalDate.of(2026, 12, 4))).isEqualTo("2026-12-04");
		assertThat(ColumnType.sqlText(42L)).isEqualTo("42");
		assertThat(ColumnType.sqlText(null)).isNull();
	}

}
