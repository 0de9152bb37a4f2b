package dev.sfsync.salesforce;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The Bulk reader's parts that need no org: reading a CSV page, waiting for a job, and
 * deciding that Bulk cannot query an object.
 */
class SalesforceBulkQueryReaderTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");

	private static final Instant TO = Instant.parse("2025-01-01T00:00:00Z");

	@Test
	void aCsvPageBecomesRecordsWithEmptyCellsAsNullsAndDottedColumnsNested() throws IOException {
		BulkCsvRecords.Page page = BulkCsvRecords.read(csv("""
				"Id","LastName","Title","Account.Name","Account.Owner.Email"
				"003A","Lee ""Bo""\","Line one
				line two, with a comma","Acme, Inc.",""
				"003B","Zed","","",""
				"""), 0, "test");

		assertThat(page.rows()).isEqualTo(2);
		JsonNode lee = page.records().get(0);
		assertThat(lee.get("Id").asString()).isEqualTo("003A");
		assertThat(lee.get("LastName").asString()).isEqualTo("Lee \"Bo\"");
		assertThat(lee.get("Title").asString()).isEqualTo("Line one\nline two, with a comma");
		assertThat(lee.get("Account").get("Name").asString()).isEqualTo("Acme, Inc.");
		assertThat(lee.get("Account").get("Owner").isNull()).isTrue();
		JsonNode zed = page.records().get(1);
		assertThat(zed.get("Title").isNull()).isTrue();
		assertThat(zed.get("Account").isNull()).isTrue();
	}

	@Test
	void aPageReadAgainAfterARestartLeavesOutTheRecordsAlreadyReturned() throws IOException {
		BulkCsvRecords.Page page = BulkCsvRecords.read(csv("\"Id\"\n\"003A\"\n\"003B\"\n\"003C\"\n"), 2, "test");

		assertThat(page.rows()).isEqualTo(3);
		assertThat(page.records()).extracting((record) -> record.get("Id").asString()).containsExactly("003C");
	}

	@Test
	void anEmptyPageHasNoRecords() throws IOException {
		assertThat(BulkCsvRecords.read(csv(""), 0, "test").rows()).isZero();
		assertThat(BulkCsvRecords.read(csv("\"Id\",\"LastName\"\n"), 0, "test").records()).isEmpty();
	}

	@Test
	void aPageThatIsNotWellFormedCsvIsATransientMalformedResponse() {
		assertThatExceptionOfType(SalesforceException.class)
			.isThrownBy(() -> BulkCsvRecords.read(csv("\"Id\",\"LastName\"\n\"003A\"\n"), 0, "read page 1"))
			.satisfies((ex) -> {
				assertThat(ex.errorCode()).isEqualTo("MALFORMED_RESPONSE");
				assertThat(ex.isTransient()).isTrue();
				assertThat(ex.getMessage()).contains("read page 1", "row 1 has 1 cells for 2 columns");
			});
		assertThatExceptionOfType(SalesforceException.class)
			.isThrownBy(() -> BulkCsvRecords.read(csv("\"Id\"\n\"003A\n"), 0, "read page 1"))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo("MALFORMED_RESPONSE"));
	}

	@Test
	void aBodyThatBreaksOffIsAnIoFailureSoTheCallCountsAsUnanswered() {
		InputStream broken = new InputStream() {

			private final InputStream start = csv("\"Id\"\n\"003A\"\n");

			@Override
			public int read() throws IOException {
				int next = this.start.read();
				if (next < 0) {
					throw new IOException("Connection reset");
				}
				return next;
			}

		};
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> BulkCsvRecords.read(broken, 0, "test"))
			.withMessage("Connection reset");
	}

	@Test
	void pollingDoublesItsDelayUpToTheCapAndGivesUpAtTheBoundedWait() throws InterruptedException {
		VirtualTime time = new VirtualTime();
		int[] polls = new int[1];

		BulkPolling.Outcome outcome = time.polling(Duration.ofMinutes(1)).await("UploadComplete", () -> {
			polls[0]++;
			return "InProgress";
		}, "JobComplete"::equals);

		assertThat(outcome).isEqualTo(new BulkPolling.Outcome("InProgress", true));
		assertThat(time.sleeps()).extracting(Duration::toMillis)
			.containsExactly(200L, 400L, 800L, 1600L, 3200L, 6400L, 10000L, 10000L, 10000L, 10000L, 7400L);
		assertThat(time.sleeps().stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofMinutes(1));
		assertThat(polls[0]).isEqualTo(11);
	}

	@Test
	void pollingEndsAtTheFirstStateThatIsOverAndNeverPollsAJobAlreadyOver() throws InterruptedException {
		VirtualTime time = new VirtualTime();
		Deque<String> states = new ArrayDeque<>(List.of("InProgress", "InProgress", "Aborted"));

		assertThat(time.polling(Duration.ofMinutes(1)).await("UploadComplete", states::poll, "Aborted"::equals))
			.isEqualTo(new BulkPolling.Outcome("Aborted", false));
		assertThat(time.sleeps()).extracting(Duration::toMillis).containsExactly(200L, 400L, 800L);

		VirtualTime idle = new VirtualTime();
		assertThat(idle.polling(Duration.ofMinutes(1)).await("JobComplete", () -> {
			throw new AssertionError("polled");
		}, "JobComplete"::equals)).isEqualTo(new BulkPolling.Outcome("JobComplete", false));
		assertThat(idle.sleeps()).isEmpty();
	}

	@Test
	void creationErrorsSayingBulkCannotQueryTheObjectSendTheReaderToRest() {
		assertThat(SalesforceBulkQueryReader.bulkCannotQuery(
				error(400, "INVALIDENTITY", "Entity '01I4x000001fDs9.Share' is not supported by the Bulk API.")))
			.isTrue();
		assertThat(SalesforceBulkQueryReader.bulkCannotQuery(
				error(400, "API_ERROR", "Entity 'RecentlyViewed' is not supported by the Bulk Query API.")))
			.isTrue();
		assertThat(SalesforceBulkQueryReader.bulkCannotQuery(
				error(400, "FUNCTIONALITY_NOT_ENABLED", "Selecting compound data not supported in Bulk Query")))
			.isTrue();
	}

	@Test
	void otherCreationErrorsAreNotMistakenForAnObjectBulkCannotQuery() {
		assertThat(SalesforceBulkQueryReader
			.bulkCannotQuery(error(400, "INVALID_TYPE", "sObject type 'Secret__c' is not supported."))).isFalse();
		assertThat(SalesforceBulkQueryReader
			.bulkCannotQuery(error(400, "INVALID_FIELD", "No such column 'Nope' on entity 'Contact'."))).isFalse();
		assertThat(SalesforceBulkQueryReader.bulkCannotQuery(error(503, "SERVER_UNAVAILABLE", "Server too busy")))
			.isFalse();
		assertThat(
				SalesforceBulkQueryReader.bulkCannotQuery(SalesforceErrors.from("create job", 502, List.of(), false)))
			.isFalse();
	}

	@Test
	void theJobsQueryReadsTheWindowWithIdAndSystemModstampFirstAndNoOrderSoSalesforceCanChunkIt() {
		SalesforceBulkQueryReader<String> reader = new SalesforceBulkQueryReader<>("contacts", client(), "Contact",
				List.of("LastName", "Id", "Email"), FROM, TO, SalesforceBulkQueryReader.Operation.QUERY_ALL, 50_000,
				(page) -> List.of(), BulkPolling.standard(Clock.systemUTC()));

		assertThat(reader.soql()).isEqualTo("SELECT Id, SystemModstamp, LastName, Email FROM Contact"
				+ " WHERE SystemModstamp >= 2024-01-01T00:00:00.000Z AND SystemModstamp < 2025-01-01T00:00:00.000Z");
	}

	@Test
	void pageSizesOutsideTheBackfillBoundsAndEmptyWindowsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> reader(999, FROM, TO))
			.withMessage("pageSize must be from 1000 to 100000; was 999");
		assertThatIllegalArgumentException().isThrownBy(() -> reader(100_001, FROM, TO));
		assertThatIllegalArgumentException().isThrownBy(() -> reader(50_000, TO, TO));
	}

	private static SalesforceBulkQueryReader<String> reader(int pageSize, Instant from, Instant to) {
		return new SalesforceBulkQueryReader<>("contacts", client(), "Contact", List.of(), from, to,
				SalesforceBulkQueryReader.Operation.QUERY, pageSize, (page) -> List.of(),
				BulkPolling.standard(Clock.systemUTC()));
	}

	/** A client that is never called: building one signs nobody in. */
	private static SalesforceClient client() {
		return new SalesforceClient(
				new SalesforceSession("unit",
						new SalesforceLogin.UsernamePassword("http://localhost:9", "key", "secret", "user", "pw"),
						new SalesforceAuthenticator(RestClient.builder(), Clock.systemUTC(), JSON)),
				RestClient.builder(), "v63.0", ApiBudget.DEFAULT, JSON);
	}

	private static SalesforceException error(int status, String code, String message) {
		return SalesforceErrors.from(JSON, "create Bulk query job on Contact", status, "application/json",
				"[{\"errorCode\":\"" + code + "\",\"message\":\"" + message + "\"}]", false);
	}

	private static InputStream csv(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

}
