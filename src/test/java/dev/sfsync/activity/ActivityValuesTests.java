package dev.sfsync.activity;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.sfsync.catalog.Direction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The activity API's values without a database: filters read from request parameters,
 * plain-language names, tenants from authorities and the formula-safe CSV.
 */
class ActivityValuesTests {

	private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

	private static final List<String> OBJECTS = List.of("account", "contact");

	@Test
	void anEmptyFilterShowsEveryDirectionOfTheLastFiveDaysByStartTime() {
		RunFilter filter = filter(null, null, null, null, null, null, null);
		assertThat(filter.tab()).isEqualTo(Tab.ALL);
		assertThat(filter.from()).isEqualTo(Instant.parse("2026-11-29T12:00:00Z"));
		assertThat(filter.to()).isNull();
		assertThat(filter.sort()).isEqualTo(RunFilter.Sort.STARTED);
		assertThat(filter.status()).isNull();
	}

	@Test
	void daysCoverTheWholeUtcDayAndInstantsAreExact() {
		RunFilter days = filter(null, "2026-12-01", "2026-12-01", null, null, null, null);
		assertThat(days.from()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
		assertThat(days.to()).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
		RunFilter instants = filter(null, "2026-12-01T08:00:00Z", "2026-12-01T09:30:00Z", null, null, null, null);
		assertThat(instants.to()).isEqualTo(Instant.parse("2026-12-01T09:30:00Z"));
		assertThat(filter(null, null, "2026-12-01T00:00:00Z", null, null, null, null).from())
			.as("five days before the end when only the end is given")
			.isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
	}

	@Test
	void statusesAreReadAsUsersWriteThem() {
		assertThat(RunStatus.parse("In progress")).isEqualTo(RunStatus.IN_PROGRESS);
		assertThat(RunStatus.parse("in-progress")).isEqualTo(RunStatus.IN_PROGRESS);
		assertThat(RunStatus.parse("Incomplete")).isEqualTo(RunStatus.INCOMPLETE);
		assertThat(RunStatus.parse("STOPPED")).as("the name before Incomplete").isEqualTo(RunStatus.INCOMPLETE);
		assertThat(RunStatus.of("STOPPED")).isEqualTo(RunStatus.INCOMPLETE);
		assertThat(RunStatus.of("ABANDONED")).isEqualTo(RunStatus.INCOMPLETE);
		assertThat(RunStatus.of("UNKNOWN")).isEqualTo(RunStatus.FAILED);
		assertThat(RunStatus.of("STOPPING")).isEqualTo(RunStatus.IN_PROGRESS);
	}

	@Test
	void unknownObjectTypesAndOperationsAreRefusedWithWhatIsAllowed() {
		assertThatIllegalArgumentException().isThrownBy(() -> filter(null, null, null, "widget", null, null, null))
			.withMessage("objectType 'widget' is not an object type; use one of [account, contact]");
		assertThatIllegalArgumentException().isThrownBy(() -> filter(null, null, null, null, "pull", null, null))
			.withMessageStartingWith("operation 'pull' is not an operation; use one of [sync-schema,");
		assertThatIllegalArgumentException().isThrownBy(() -> Paging.of(0, 0))
			.withMessage("size 0 must be from 1 to 200");
	}

	@Test
	void runsAreDescribedInPlainLanguage() {
		assertThat(Names.description("contact", Direction.INBOUND)).isEqualTo("Synced contacts from Salesforce");
		assertThat(Names.description("account", Direction.BACKFILL)).isEqualTo("Backfilled accounts from Salesforce");
		assertThat(Names.description("contact", Direction.OUTBOUND)).isEqualTo("Pushed contact updates to Salesforce");
		assertThat(Names.description("opportunity", Direction.INBOUND))
			.isEqualTo("Synced opportunities from Salesforce");
		assertThat(Names.description("opportunity-contact-role", Direction.BACKFILL))
			.isEqualTo("Backfilled opportunity contact roles from Salesforce");
		assertThat(Names.description("invoice__c", Direction.INBOUND)).isEqualTo("Synced invoices from Salesforce");
		assertThat(Names.objectLabel("campaign-member")).isEqualTo("Campaign member");
		assertThat(Names.operation("update-foreign-keys")).isEqualTo("Update foreign keys");
	}

	@Test
	void csvCellsThatASpreadsheetWouldEvaluateAreWrittenAsText() {
		for (String formula : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
			assertThat(ErrorsCsv.safe(formula)).isEqualTo("'" + formula);
		}
		assertThat(ErrorsCsv.safe("Missing email address")).isEqualTo("Missing email address");
		assertThat(ErrorsCsv.safe(null)).isEmpty();
	}

	@Test
	void aDetailNamesTheFieldsSalesforceListedAtItsEnd() {
		assertThat(RecordView.field("STRING_TOO_LONG: Email: data value too large: (max length=80) [Email]"))
			.isEqualTo("Email");
		assertThat(RecordView.field("REQUIRED_FIELD_MISSING: Required fields are missing: [LastName, Company]"))
			.isEqualTo("LastName, Company");
		assertThat(RecordView.field("Invalid timestamp: SystemModstamp 'yesterday'")).isNull();
		assertThat(RecordView.field("[<script>] not a field")).isNull();
		assertThat(RecordView.field(null)).isNull();
	}

	@Test
	void theErrorsCsvQuotesWhatItMustAndPrefixesFormulas() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ErrorsCsv csv = new ErrorsCsv(out)) {
			csv.write(new ActivityService.ErrorRow(7, "Synced contacts from Salesforce", "Contact", "acme",
					Instant.parse("2026-12-01T08:00:00Z"),
					new RecordView(1, 1, "pull-updates", "Pull updates", "SKIPPED", "Skipped", "Missing email address",
							"The Lead, \"or\" Contact", "=cmd|' /C calc'!A0", null, "003000000000001AAA", null, null,
							null, Instant.parse("2026-11-01T08:00:00Z"), null, Instant.parse("2026-12-01T08:00:05Z"),
							null, null)));
		}
		List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
		assertThat(lines).hasSize(2);
		assertThat(lines.get(1)).isEqualTo("7,\"Synced contacts from Salesforce\",Contact,acme,2026-12-01T08:00:00Z,"
				+ "\"Pull updates\",Skipped,SKIPPED,\"Missing email address\",\"The Lead, \"\"or\"\" Contact\","
				+ "\"'=cmd|' /C calc'!A0\",003000000000001AAA,,2026-11-01T08:00:00Z,,2026-12-01T08:00:05Z");
	}

	private static RunFilter filter(String direction, String from, String to, String objectType, String operation,
			String status, String sort) {
		return RunFilter.of(direction, from, to, objectType, operation, status, null, sort, OBJECTS, Names.OPERATIONS,
				NOW);
	}

}
