package dev.sfsync.salesforce;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sfsync.emulator.Emulator;
import dev.sfsync.system.TestEmulator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Bulk API 2.0 query reader against the emulator over HTTP: backfills, restarts that
 * resume the same job, deleted records, jobs that outlast the wait or are gone, and
 * objects Bulk cannot query.
 */
class SalesforceBulkQueryReaderIntegrationTests {

	private static final Emulator emulator = TestEmulator.get();

	private static final Instant TO = Instant.now().plus(1, ChronoUnit.DAYS);

	/** Real time, fast polls, and a bound no test comes near unless it means to. */
	private static final BulkPolling FAST = new BulkPolling(Duration.ofMillis(5), Duration.ofMillis(100),
			Duration.ofSeconds(30), Clock.systemUTC(), (duration) -> Thread.sleep(duration.toMillis()));

	@Test
	void aBackfillReadsEveryRecordOnceThroughOneJobInGzippedPagesOfThePageSize() {
		List<String> encodings = new CopyOnWriteArrayList<>();
		// HttpURLConnection leaves gzip to the client; the JDK's factory would unzip it
		// before the client saw it.
		RestClient.Builder recording = RestClient.builder()
			.requestFactory(new SimpleClientHttpRequestFactory())
			.requestInterceptor((request, body, execution) -> {
				ClientHttpResponse response = execution.execute(request, body);
				if (request.getURI().getPath().endsWith("/results")) {
					encodings.add(String.valueOf(response.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING)));
				}
				return response;
			});
		Org org = Org.create(2500, recording);
		SalesforceBulkQueryReader<String> reader = reader(org, SalesforceBulkQueryReader.Operation.QUERY, FAST);

		reader.open(new ExecutionContext());
		List<String> read = readAll(reader);
		reader.close();

		assertThat(read).hasSize(2500).doesNotHaveDuplicates();
		assertThat(new HashSet<>(read)).isEqualTo(org.contactIds());
		assertThat(org.callsOf("bulk-query-create")).isEqualTo(1);
		assertThat(org.callsOf("bulk-query-results")).isEqualTo(3);
		assertThat(org.callsOf("bulk-query-poll")).isPositive();
		assertThat(reader.calls()).isEqualTo(
				org.callsOf("bulk-query-create") + org.callsOf("bulk-query-poll") + org.callsOf("bulk-query-results"));
		assertThat(reader.readsOverRest()).isFalse();
		assertThat(encodings).containsExactly("gzip", "gzip", "gzip");
	}

	@Test
	void aLargeBackfillCostsOneJobOneCallPerResultPageAndThePolls() {
		Org org = Org.create(200_000);
		SalesforceBulkQueryReader<String> reader = new SalesforceBulkQueryReader<>("contacts", org.client(), "Contact",
				List.of("LastName", "Email"), Instant.EPOCH, TO, SalesforceBulkQueryReader.Operation.QUERY_ALL, 10_000,
				(page) -> page.stream().map((r) -> r.get("Id").asString()).toList(), FAST);
		reader.open(new ExecutionContext());
		int read = 0;
		while (reader.read() != null) {
			read++;
		}
		reader.close();
		assertThat(read).isEqualTo(200_000);
		assertThat(org.callsOf("bulk-query-create")).isEqualTo(1);
		assertThat(org.callsOf("bulk-query-results")).isEqualTo(20);
		assertThat(org.callsOf("bulk-query-poll")).isBetween(1, 10);
	}

	@Test
	void aRestartedReadResumesTheSameJobAtTheSavedPageAndOffsetWithNothingLostOrRepeated() {
		Org org = Org.create(2500);
		SalesforceBulkQueryReader<String> first = reader(org, SalesforceBulkQueryReader.Operation.QUERY, FAST);
		ExecutionContext committed = new ExecutionContext();
		first.open(committed);
		List<String> read = new ArrayList<>();
		for (int i = 0; i < 1700; i++) {
			read.add(first.read());
			if (read.size() % 500 == 0) {
				first.update(committed);
			}
		}
		first.close();
		// Items 1,501 to 1,700 never committed: they are read again after the restart.
		List<String> all = new ArrayList<>(read.subList(0, 1500));

		SalesforceBulkQueryReader<String> restarted = reader(org, SalesforceBulkQueryReader.Operation.QUERY, FAST);
		restarted.open(committed);
		all.addAll(readAll(restarted));

		assertThat(restarted.jobId()).isEqualTo(first.jobId());
		assertThat(all).hasSize(2500).doesNotHaveDuplicates();
		assertThat(new HashSet<>(all)).isEqualTo(org.contactIds());
		assertThat(org.callsOf("bulk-query-create")).isEqualTo(1);
		// Pages 1 and 2, then page 2 again (from its 501st record) and page 3; the first
		// reader may also have loaded page 3 ahead before it was closed.
		assertThat(org.callsOf("bulk-query-results")).isBetween(4, 5);
	}

	@Test
	void aRestartAfterAPageWasReadToItsEndStartsAtTheNextPage() {
		Org org = Org.create(2500);
		SalesforceBulkQueryReader<String> first = reader(org, SalesforceBulkQueryReader.Operation.QUERY, FAST);
		ExecutionContext committed = new ExecutionContext();
		first.open(committed);
		List<String> read = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			read.add(first.read());
		}
		first.update(committed);
		first.close();

		SalesforceBulkQueryReader<String> restarted = reader(org, SalesforceBulkQueryReader.Operation.QUERY, FAST);
		restarted.open(committed);
		read.addAll(readAll(restarted));

		assertThat(read).hasSize(2500).doesNotHaveDuplicates();
		assertThat(committed.getInt("contacts.bulk.offset")).isZero();
		// Page 3 once, or twice when the first reader had loaded it ahead before it was
		// closed: never pages 1 or 2 again.
		assertThat(org.callsOf("bulk-query-results")).isBetween(3, 4);
	}

	@Test
	void queryAllReadsDeletedRecordsWithIsDeletedTrueAndQueryLeavesThemOut() {
		Org org = Org.create(20);
		List<String> deleted = org.contactIds().stream().sorted().limit(3).toList();
		deleted.forEach((id) -> org.admin("DELETE", "/records/Contact/" + id, null));
		PageEnricher<Map.Entry<String, String>> isDeleted = (page) -> page.stream()
			.map((record) -> Map.entry(record.get("Id").asString(), record.get("IsDeleted").asString()))
			.toList();

		Map<String, String> all = new HashMap<>();
		SalesforceBulkQueryReader<Map.Entry<String, String>> queryAll = new SalesforceBulkQueryReader<>("contacts",
				org.client(), "Contact", List.of("IsDeleted"), Instant.EPOCH, TO,
				SalesforceBulkQueryReader.Operation.QUERY_ALL, 1000, isDeleted, FAST);
		queryAll.open(new ExecutionContext());
		for (Map.Entry<String, String> entry = queryAll.read(); entry != null; entry = queryAll.read()) {
			all.put(entry.getKey(), entry.getValue());
		}
		SalesforceBulkQueryReader<Map.Entry<String, String>> query = new SalesforceBulkQueryReader<>("contacts",
				org.client(), "Contact", List.of("IsDeleted"), Instant.EPOCH, TO,
				SalesforceBulkQueryReader.Operation.QUERY, 1000, isDeleted, FAST);
		query.open(new ExecutionContext());

		assertThat(all).hasSize(20);
		assertThat(all.entrySet().stream().filter((entry) -> entry.getValue().equals("true")).map(Map.Entry::getKey))
			.containsExactlyInAnyOrderElementsOf(deleted);
		assertThat(readAll(query).stream().map(Map.Entry::getKey)).hasSize(17).doesNotContainAnyElementsOf(deleted);
	}

	@Test
	void aJobNotCompleteWithinTheBoundedWaitFailsClearlyAndARestartCompletesTheSameJob() {
		Org org = Org.create(1200);
		org.admin("PUT", "/bulk-processing", "{\"paused\":true}");
		VirtualTime time = new VirtualTime();
		SalesforceBulkQueryReader<String> waiting = reader(org, SalesforceBulkQueryReader.Operation.QUERY,
				time.polling(Duration.ofMinutes(5)));
		ExecutionContext saved = new ExecutionContext();

		assertThatExceptionOfType(ItemStreamException.class).isThrownBy(() -> waiting.open(saved))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("Bulk query job " + waiting.jobId(),
					"is still UploadComplete after waiting PT5M", "restarting the step resumes waiting for this job"));
		String job = saved.getString("contacts.bulk.jobId");
		assertThat(job).isEqualTo(waiting.jobId()).startsWith("750");
		waiting.update(saved);
		assertThat(saved.getString("contacts.bulk.jobId")).isEqualTo(job);
		assertThat(time.sleeps().stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofMinutes(5));
		assertThat(org.callsOf("bulk-query-poll")).isEqualTo(time.sleeps().size());

		org.admin("PUT", "/bulk-processing", "{\"paused\":false}");
		SalesforceBulkQueryReader<String> restarted = reader(org, SalesforceBulkQueryReader.Operation.QUERY, FAST);
		restarted.open(saved);

		assertThat(restarted.jobId()).isEqualTo(job);
		assertThat(readAll(restarted)).hasSize(1200).doesNotHaveDuplicates();
		assertThat(org.callsOf("bulk-query-create")).isEqualTo(1);
	}

	@Test
	void aSavedJobThatNoLongerExistsFailsClearlyInsteadOfStartingOver() {
		Org org = Org.create(1500);
		SalesforceBulkQueryReader<String> first = reader(org, SalesforceBulkQueryReader.Operation.QUERY, FAST);
		ExecutionContext saved = new ExecutionContext();
		first.open(saved);
		first.read();
		first.update(saved);
		String job = first.jobId();
		org.client().call("delete job", HttpMethod.DELETE, "jobs/query/" + job, null, (headers) -> {
		}, false);

		SalesforceBulkQueryReader<String> restarted = reader(org, SalesforceBulkQueryReader.Operation.QUERY, FAST);

		assertThatExceptionOfType(ItemStreamException.class).isThrownBy(() -> restarted.open(saved)).satisfies((ex) -> {
			assertThat(ex.getMessage()).contains("Bulk query job " + job, "no longer exists",
					"run the backfill again as a new run");
			assertThat(ex.getCause()).isInstanceOfSatisfying(SalesforceException.class,
					(cause) -> assertThat(cause.status()).isEqualTo(404));
		});
		assertThat(org.callsOf("bulk-query-create")).isEqualTo(1);
	}

	@Test
	void aSavedJobThatWasAbortedFailsNamingTheJobAndItsState() {
		Org org = Org.create(10);
		org.admin("PUT", "/bulk-processing", "{\"paused\":true}");
		ExecutionContext saved = new ExecutionContext();
		SalesforceBulkQueryReader<String> first = reader(org, SalesforceBulkQueryReader.Operation.QUERY,
				new VirtualTime().polling(Duration.ZERO));
		assertThatExceptionOfType(ItemStreamException.class).isThrownBy(() -> first.open(saved));
		String job = first.jobId();
		org.client().call("abort job", HttpMethod.PATCH, "jobs/query/" + job, Map.of("state", "Aborted"), (headers) -> {
		}, false);
		org.admin("PUT", "/bulk-processing", "{\"paused\":false}");

		SalesforceBulkQueryReader<String> restarted = reader(org, SalesforceBulkQueryReader.Operation.QUERY, FAST);

		assertThatExceptionOfType(ItemStreamException.class).isThrownBy(() -> restarted.open(saved))
			.withMessageContaining("Bulk query job " + job + " on Contact (reader contacts) is Aborted");
		assertThat(org.callsOf("bulk-query-create")).isEqualTo(1);
	}

	@Test
	void anExpiredSessionWhileReadingResultsIsRefreshedAndThePageReadInFull() {
		Org org = Org.create(2500);
		SalesforceBulkQueryReader<String> reader = reader(org, SalesforceBulkQueryReader.Operation.QUERY, FAST);
		reader.open(new ExecutionContext());
		List<String> read = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			read.add(reader.read());
		}
		org.admin("POST", "/faults/expire-sessions", "{}");
		read.addAll(readAll(reader));

		assertThat(read).hasSize(2500).doesNotHaveDuplicates();
		assertThat(org.client().session().logins()).isEqualTo(2);
	}

	@Test
	void anObjectBulkCannotQueryIsReadOverRestAndARestartStaysOnRest() {
		AtomicInteger refused = new AtomicInteger();
		RestClient.Builder bulkRefused = RestClient.builder().requestInterceptor((request, body, execution) -> {
			if (request.getMethod() == HttpMethod.POST && request.getURI().getPath().endsWith("/jobs/query")) {
				refused.incrementAndGet();
				MockClientHttpResponse response = new MockClientHttpResponse(
						"[{\"errorCode\":\"INVALIDENTITY\",\"message\":\"Entity 'Contact' is not supported by the Bulk API.\"}]"
							.getBytes(StandardCharsets.UTF_8),
						HttpStatus.BAD_REQUEST);
				response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
				return response;
			}
			return execution.execute(request, body);
		});
		Org org = Org.create(2500, bulkRefused);
		List<String> deleted = org.contactIds().stream().sorted().limit(3).toList();
		deleted.forEach((id) -> org.admin("DELETE", "/records/Contact/" + id, null));
		Set<String> expected = new HashSet<>(org.contactIds());
		expected.addAll(deleted);

		SalesforceBulkQueryReader<String> first = reader(org, SalesforceBulkQueryReader.Operation.QUERY_ALL, FAST);
		ExecutionContext committed = new ExecutionContext();
		first.open(committed);
		List<String> read = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			read.add(first.read());
		}
		first.update(committed);
		first.close();
		SalesforceBulkQueryReader<String> restarted = reader(org, SalesforceBulkQueryReader.Operation.QUERY_ALL, FAST);
		restarted.open(committed);
		read.addAll(readAll(restarted));

		assertThat(first.readsOverRest()).isTrue();
		assertThat(restarted.readsOverRest()).isTrue();
		assertThat(restarted.jobId()).isNull();
		assertThat(read).hasSize(2500).doesNotHaveDuplicates();
		assertThat(new HashSet<>(read)).isEqualTo(expected);
		assertThat(refused).hasValue(1);
		assertThat(org.callsOf("bulk-query-create")).isZero();
	}

	private static SalesforceBulkQueryReader<String> reader(Org org, SalesforceBulkQueryReader.Operation operation,
			BulkPolling polling) {
		return new SalesforceBulkQueryReader<>("contacts", org.client(), "Contact", List.of("LastName", "Email"),
				Instant.EPOCH, TO, operation, 1000, (page) -> page.stream().map((r) -> r.get("Id").asString()).toList(),
				polling);
	}

	private static <T> List<T> readAll(SalesforceBulkQueryReader<T> reader) {
		List<T> read = new ArrayList<>();
		for (T item = reader.read(); item != null; item = reader.read()) {
			read.add(item);
		}
		return read;
	}

	/** An emulator org and the one client the test's readers share. */
	private record Org(EmulatorOrg org, SalesforceClient client) {

		static Org create(int contacts) {
			return create(contacts, RestClient.builder());
		}

		static Org create(int contacts, RestClient.Builder builder) {
			EmulatorOrg org = EmulatorOrg.create(emulator.baseUrl(), contacts);
			return new Org(org, org.client(builder));
		}

		String id() {
			return this.org.id();
		}

		Set<String> contactIds() {
			return EmulatorOrg.contactIds(this.client);
		}

		int callsOf(String kind) {
			return this.org.callsOf(kind);
		}

		void admin(String method, String path, @Nullable String body) {
			this.org.admin(method, path, body);
		}

	}

}
