package dev.sfsync.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.sfsync.emulator.Emulator;
import dev.sfsync.emulator.EmulatorProperties;
import dev.sfsync.outcome.RunFailureCause;
import dev.sfsync.system.TestEmulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The Salesforce client against the emulator over HTTP: sign-in flows, sessions, limits,
 * errors.
 */
class SalesforceClientIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Emulator emulator = TestEmulator.get();

	private static final Retries FAST_RETRIES = new Retries(4, Duration.ofMillis(20), Duration.ofMillis(200));

	private static EmulatorOrg org;

	private final SalesforceAuthenticator authenticator = new SalesforceAuthenticator(RestClient.builder(),
			Clock.systemUTC(), JSON);

	@BeforeAll
	static void createOrg() {
		org = EmulatorOrg.create(emulator.baseUrl());
	}

	@Test
	void signsInOnceWithUsernameAndPasswordAndTracksApiUsage() {
		SalesforceClient client = client(org.password());
		JsonNode result = client.query("SELECT Id, LastName FROM Contact", 2000, false);
		assertThat(result.get("totalSize").asInt()).isEqualTo(3);
		client.query("SELECT COUNT() FROM Contact", 2000, false);
		assertThat(client.session().logins()).isEqualTo(1);
		assertThat(client.apiUsage()).get().satisfies((usage) -> assertThat(usage.max()).isEqualTo(100000));
	}

	@Test
	void anExpiredSessionIsRefreshedOnceAndTheCallReplayed() {
		SalesforceClient client = client(org.password());
		client.get("limits", "limits");
		org.admin("POST", "/faults/expire-sessions", "{}");
		assertThat(client.get("limits", "limits").has("DailyApiRequests")).isTrue();
		assertThat(client.session().logins()).isEqualTo(2);
	}

	@Test
	void signsInWithTheJwtBearerFlowAndARefreshToken() throws Exception {
		assertThat(client(org.jwt()).get("limits", "limits").has("DailyApiRequests")).isTrue();
		assertThat(client(org.refreshToken()).get("limits", "limits").has("DailyApiRequests")).isTrue();
	}

	@Test
	void refusedCredentialsFailTheRunAsAnAuthenticationFailure() {
		SalesforceLogin wrong = new SalesforceLogin.UsernamePassword(emulator.baseUrl(), org.consumerKey(),
				org.consumerSecret(), org.username(), "wrong");
		assertThatExceptionOfType(SalesforceException.class).isThrownBy(() -> client(wrong).get("limits", "limits"))
			.satisfies((ex) -> {
				assertThat(ex.handling()).isEqualTo(SalesforceException.Handling.RUN);
				assertThat(ex.runFailureCause()).isEqualTo(RunFailureCause.AUTHENTICATION_FAILURE);
				assertThat(ex.errorCode()).isEqualTo("invalid_grant");
				assertThat(ex.getMessage()).doesNotContain("wrong");
			});
	}

	@Test
	void aSecond401AfterSigningInAgainIsAnAuthenticationFailure() {
		try (Emulator expiring = Emulator
			.start(new EmulatorProperties(true, 0, "none", 0, Duration.ofSeconds(-1), 1000))) {
			EmulatorOrg shortLived = EmulatorOrg.create(expiring.baseUrl());
			SalesforceClient client = new SalesforceClient(
					new SalesforceSession("c", shortLived.password(), this.authenticator), RestClient.builder(),
					"v63.0", ApiBudget.DEFAULT, JSON);
			assertThatExceptionOfType(SalesforceException.class).isThrownBy(() -> client.get("limits", "limits"))
				.satisfies((ex) -> assertThat(ex.runFailureCause()).isEqualTo(RunFailureCause.AUTHENTICATION_FAILURE));
			assertThat(client.session().logins()).isEqualTo(2);
		}
	}

	@Test
	void limitsFaultsAndBadQueriesAreClassified() {
		EmulatorOrg faulty = EmulatorOrg.create(emulator.baseUrl());
		SalesforceClient client = client(faulty.password());
		assertThatExceptionOfType(SalesforceException.class)
			.isThrownBy(() -> client.query("SELECT Nope FROM Contact", 2000, false))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo("INVALID_FIELD"));
		faulty.admin("PUT", "/faults", "{\"unavailableRate\":1.0}");
		assertThatExceptionOfType(SalesforceException.class).isThrownBy(() -> client.get("limits", "limits"))
			.satisfies((ex) -> assertThat(ex.isTransient()).isTrue());
		faulty.admin("DELETE", "/faults", null);
		faulty.admin("POST", "/faults/exhaust-api", "{}");
		assertThatExceptionOfType(SalesforceException.class).isThrownBy(() -> client.get("limits", "limits"))
			.satisfies((ex) -> {
				assertThat(ex.runFailureCause()).isEqualTo(RunFailureCause.API_LIMIT_EXCEEDED);
				assertThat(ex.handling()).isEqualTo(SalesforceException.Handling.RUN);
			});
		assertThat(client.apiUsage()).get().satisfies((usage) -> assertThat(usage.share()).isEqualTo(1.0));
	}

	@Test
	void aRunStopsAtItsShareOfTheAllocationAndEveryRunAtTheTotalShare() {
		EmulatorOrg small = EmulatorOrg.create(emulator.baseUrl());
		small.admin("PUT", "/limits", "{\"dailyApiRequests\":20}");
		SalesforceSession session = new SalesforceSession("budget", small.password(), this.authenticator);
		SalesforceClient firstRun = new SalesforceClient(session, RestClient.builder(), "v63.0", ApiBudget.DEFAULT,
				JSON);
		for (int i = 0; i < 5; i++) {
			firstRun.get("limits", "limits");
		}
		assertThatExceptionOfType(SalesforceException.class).isThrownBy(() -> firstRun.get("limits", "limits"))
			.satisfies((ex) -> {
				assertThat(ex.runFailureCause()).isEqualTo(RunFailureCause.API_LIMIT_EXCEEDED);
				assertThat(ex.getMessage()).isEqualTo("API budget reached: 5 of 20 daily API calls used, over this"
						+ " run's budget of 25 % of the allocation; the next run has a budget of its own");
			});
		SalesforceClient laterRun = new SalesforceClient(session, RestClient.builder(), "v63.0",
				new ApiBudget(1.0, 0.8), JSON);
		for (int i = 0; i < 11; i++) {
			laterRun.get("limits", "limits");
		}
		assertThatExceptionOfType(SalesforceException.class).isThrownBy(() -> laterRun.get("limits", "limits"))
			.withMessageStartingWith("API budget reached: 16 of 20 daily API calls used, over the total budget of"
					+ " 80 % of the allocation; sfsync reads the usage again from ")
			.withMessageEndingWith(" and runs resume once it is below the budget");
	}

	@Test
	void describeIsEmptyWhenUnchangedSinceTheLastRead() {
		SalesforceClient client = client(org.password());
		assertThat(client.describe("Contact", null)).get()
			.satisfies((describe) -> assertThat(describe.get("name").asString()).isEqualTo("Contact"));
		assertThat(client.describe("Contact", Instant.now().plusSeconds(60))).isEmpty();
	}

	@Test
	void transientFailuresAreRetriedWithBackoffABoundedNumberOfTimes() throws Exception {
		EmulatorOrg busy = EmulatorOrg.create(emulator.baseUrl());
		SalesforceClient client = client(busy.password());
		busy.admin("PUT", "/faults", "{\"unavailableRate\":1.0}");
		assertThatExceptionOfType(SalesforceException.class).isThrownBy(() -> client.get("limits", "limits"))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo("SERVER_UNAVAILABLE"));
		assertThat(client.calls()).isEqualTo(5);
		busy.admin("DELETE", "/faults", null);

		String id = client.query("SELECT Id FROM Contact LIMIT 1", 2000, false)
			.get("records")
			.get(0)
			.get("Id")
			.asString();
		busy.admin("PUT", "/locks", "{\"ids\":[\"" + id + "\"]}");
		SalesforceClient patient = new SalesforceClient(client.session(), RestClient.builder(), "v63.0",
				ApiBudget.DEFAULT, new Retries(6, Duration.ofMillis(50), Duration.ofMillis(400)), JSON);
		// The lock is let go once the locked update has been refused and is retried.
		CompletableFuture<Void> unlocked = CompletableFuture.runAsync(() -> {
			try {
				await("the locked update is retried").atMost(Duration.ofSeconds(10))
					.pollInterval(Duration.ofMillis(10))
					.until(() -> patient.calls() > 1);
			}
			finally {
				busy.admin("DELETE", "/locks", null);
			}
		});
		SalesforceClient.Response updated = patient.call("update Contact", HttpMethod.PATCH, "sobjects/Contact/" + id,
				Map.of("Title", "Retried"), (headers) -> {
				}, true);
		unlocked.get(10, TimeUnit.SECONDS);
		assertThat(updated.status()).isEqualTo(204);
		assertThat(patient.calls()).isGreaterThan(1);
	}

	@Test
	void describeIsTrustedForItsTimeToLiveThenRevalidatedAndReadWholeOnceForgotten() {
		EmulatorOrg drifting = EmulatorOrg.create(emulator.baseUrl());
		SalesforceClient client = client(drifting.password());
		// Two seconds ahead, so that If-Modified-Since is after the org's creation.
		MovableClock clock = new MovableClock(Duration.ofSeconds(2));
		DescribeCache cache = new DescribeCache(clock, Duration.ofMinutes(15));
		JsonNode first = cache.describe(client, "Contact");
		int calls = client.calls();
		assertThat(first.get("fields").findValuesAsString("name")).contains("LastName", "Email", "SystemModstamp");
		assertThat(first.get("fields")).as("only what sfsync reads of each field is kept")
			.allSatisfy((field) -> assertThat(field.properties().stream().map(Map.Entry::getKey))
				.isSubsetOf("name", "type", "nillable", "createable", "defaultedOnCreate")
				.contains("name", "type"));

		assertThat(cache.describe(client, "Contact")).as("trusted").isSameAs(first);
		assertThat(client.calls()).as("a trusted describe costs no call").isEqualTo(calls);

		clock.move(Duration.ofMinutes(16));
		assertThat(cache.describe(client, "Contact")).as("revalidated: 304").isSameAs(first);
		assertThat(client.calls()).isEqualTo(calls + 1);
		assertThat(cache.describe(client, "Contact")).isSameAs(first);
		assertThat(client.calls()).as("trusted again after the 304").isEqualTo(calls + 1);

		SalesforceClient reconnected = client(drifting.password());
		assertThat(cache.describe(reconnected, "Contact")).as("another session does not trust it").isNotSameAs(first);
		assertThat(reconnected.calls()).isEqualTo(1);

		drifting.admin("POST", "/objects/Contact/fields", "{\"name\":\"Shoe_Size__c\",\"type\":\"double\"}");
		cache.forget(reconnected, "Contact");
		JsonNode changed = cache.describe(reconnected, "Contact");
		assertThat(changed.get("fields").findValuesAsString("name")).contains("Shoe_Size__c");
		assertThat(reconnected.calls()).isEqualTo(2);
	}

	/** The system clock with an offset a test moves. */
	private static final class MovableClock extends Clock {

		private volatile Duration offset;

		MovableClock(Duration offset) {
			this.offset = offset;
		}

		void move(Duration duration) {
			this.offset = this.offset.plus(duration);
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(this.offset);
		}

		@Override
		public java.time.ZoneId getZone() {
			return java.time.ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

	@Test
	void replicationResourcesListUpdatedAndDeletedRecords() {
		EmulatorOrg replicated = EmulatorOrg.create(emulator.baseUrl());
		SalesforceClient client = client(replicated.password());
		// The seeded contacts changed weeks ago; these two change now.
		replicated.admin("POST", "/records/Contact", "{\"LastName\":\"Fresh\"}");
		replicated.admin("POST", "/records/Contact", "{\"LastName\":\"Fresher\"}");
		Instant recently = Instant.now().minus(Duration.ofMinutes(10));
		Instant end = Instant.now().plus(Duration.ofMinutes(5));
		Replication replication = new Replication(client);
		List<String> ids = replication.updated("Contact", recently, end).ids();
		assertThat(ids).hasSize(2);
		replicated.admin("DELETE", "/records/Contact/" + ids.get(0), null);
		Replication.DeletedRecords deleted = replication.deleted("Contact", recently, end);
		assertThat(deleted.records()).extracting(Replication.Deleted::id).containsExactly(ids.get(0));
		assertThat(replication.updated("Contact", recently, end).ids()).containsExactly(ids.get(1));
	}

	private SalesforceClient client(SalesforceLogin login) {
		return new SalesforceClient(new SalesforceSession("test-connection", login, this.authenticator),
				RestClient.builder(), "v63.0", ApiBudget.DEFAULT, FAST_RETRIES, JSON);
	}

}
