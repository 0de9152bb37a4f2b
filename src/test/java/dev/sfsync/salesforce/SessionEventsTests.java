package dev.sfsync.salesforce;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The kinds of call the Rate limits view counts, read from the paths called. */
class SessionEventsTests {

	@Test
	void eachPathIsCountedAsItsKindOfCall() {
		assertThat(SessionEvents.kind("query?q=SELECT+Id+FROM+Contact")).isEqualTo("query");
		assertThat(SessionEvents.kind("queryAll?q=SELECT+Id+FROM+Contact")).isEqualTo("query");
		assertThat(SessionEvents.kind("/services/data/v63.0/query/01gD0000002HU6KIAW-2000")).isEqualTo("query");
		assertThat(SessionEvents.kind("jobs/query/750R0000000zlh9IAA/results?maxRecords=50000")).isEqualTo("bulk");
		assertThat(SessionEvents.kind("jobs/ingest")).isEqualTo("bulk");
		assertThat(SessionEvents.kind("composite/sobjects/Contact/Sfsync_Id__c")).isEqualTo("collections");
		assertThat(SessionEvents.kind("sobjects/Contact/describe")).isEqualTo("describe");
		assertThat(SessionEvents.kind("limits")).isEqualTo("limits");
		assertThat(SessionEvents.kind("sobjects/Contact/003000000000001AAA")).isEqualTo("other");
	}

}
