package dev.sfsync.salesforce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SalesforceBulkIngestTests {

	@Test
	void readsBulkErrorsOfTheFormCodeMessageFields() {
		assertThat(SalesforceBulkIngest
			.error("REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --"))
			.isEqualTo(new SalesforceError("REQUIRED_FIELD_MISSING", "Required fields are missing: [LastName]",
					List.of("LastName")));
		assertThat(SalesforceBulkIngest.error("UNABLE_TO_LOCK_ROW:unable to obtain exclusive access:--"))
			.isEqualTo(new SalesforceError("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access", List.of()));
	}

	@Test
	void writesOneColumnPerFieldWithNullAsNotApplicableAndLeftOutFieldsEmpty() {
		Map<String, Object> first = new LinkedHashMap<>();
		first.put("Sfsync_Id__c", "app-1");
		first.put("LastName", "O\"Brien, Jr.");
		Map<String, Object> second = new LinkedHashMap<>();
		second.put("Sfsync_Id__c", "app-2");
		second.put("Title", null);
		@SuppressWarnings({ "unchecked", "rawtypes" })
		String csv = SalesforceBulkIngest.csv((List) List.of(first, second));
		assertThat(csv).isEqualTo("Sfsync_Id__c,LastName,Title\napp-1,\"O\"\"Brien, Jr.\",\napp-2,,\"#N/A\"\n");
	}

}
