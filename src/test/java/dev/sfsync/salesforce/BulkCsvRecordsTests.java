package dev.sfsync.salesforce;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Bulk results pages read into records that look as REST's would: flat rows through the
 * page's shared header, lookups as nested objects, empty cells as nulls.
 */
class BulkCsvRecordsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void flatRowsReadAsRecordsWithEmptyCellsAsNulls() throws IOException {
		BulkCsvRecords.Page page = read("\"Id\",\"Email\",\"Title\"\n\"003A1\",\"ada@example.com\",\"\"\n"
				+ "\"003A2\",\"grace@example.com\",\"Admiral, \"\"Amazing\"\"\"\n", 0);
		assertThat(page.rows()).isEqualTo(2);
		JsonNode first = page.records().get(0);
		assertThat(first.path("Email").asString()).isEqualTo("ada@example.com");
		assertThat(first.get("Title").isNull()).isTrue();
		assertThat(first.get("Missing")).isNull();
		assertThat(first.path("Missing").isMissingNode()).isTrue();
		assertThat(first.size()).isEqualTo(3);
		assertThat(first.propertyNames()).containsExactly("Id", "Email", "Title");
		assertThat(first).isEqualTo(JSON.readTree("{\"Id\":\"003A1\",\"Email\":\"ada@example.com\",\"Title\":null}"));
		assertThat(page.records().get(1).toString())
			.isEqualTo("{\"Id\":\"003A2\",\"Email\":\"grace@example.com\",\"Title\":\"Admiral, \\\"Amazing\\\"\"}");
	}

	@Test
	void aRestartedPageLeavesOutTheRecordsItReturnedBefore() throws IOException {
		BulkCsvRecords.Page page = read("\"Id\"\n\"1\"\n\"2\"\n\"3\"\n", 2);
		assertThat(page.rows()).isEqualTo(3);
		assertThat(page.records()).extracting((record) -> record.path("Id").asString()).containsExactly("3");
	}

	@Test
	void lookupsAreNestedAndAnEmptyOneIsNull() throws IOException {
		BulkCsvRecords.Page page = read("\"Id\",\"Account.Name\"\n\"003A1\",\"Acme\"\n\"003A2\",\"\"\n", 0);
		assertThat(page.records().get(0).path("Account").path("Name").asString()).isEqualTo("Acme");
		assertThat(page.records().get(1).get("Account").isNull()).isTrue();
	}

	@Test
	void aRepeatedColumnIsReadAsBeforeTheLastCellWinning() throws IOException {
		BulkCsvRecords.Page page = read("\"Id\",\"Id\"\n\"first\",\"second\"\n", 0);
		assertThat(page.records().get(0).path("Id").asString()).isEqualTo("second");
	}

	@Test
	void aRowWithTheWrongNumberOfCellsIsMalformed() {
		assertThatExceptionOfType(SalesforceException.class).isThrownBy(() -> read("\"Id\",\"Email\"\n\"003A1\"\n", 0))
			.withMessageContaining("row 1 has 1 cells for 2 columns");
	}

	private static BulkCsvRecords.Page read(String csv, int skip) throws IOException {
		return BulkCsvRecords.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), skip, "test page");
	}

}
