package dev.sfsync.inbound;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobCatalogLoader;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.emulator.Emulator;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.system.TestEmulator;
import dev.sfsync.salesforce.ApiBudget;
import dev.sfsync.salesforce.SalesforceAuthenticator;
import dev.sfsync.salesforce.SalesforceClient;
import dev.sfsync.salesforce.SalesforceLogin;
import dev.sfsync.salesforce.SalesforceQueryReader;
import dev.sfsync.salesforce.SalesforceSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbound rules over the emulator's seeded data, read through the REST reader: every
 * bad record the seed made is caught with the reason it was made for.
 */
class InboundRulesIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JobCatalog CATALOG = new JobCatalogLoader().load("file:jobs/");

	private static Emulator emulator;

	@BeforeAll
	static void start() {
		emulator = TestEmulator.get();
	}

	@Test
	void everySeededBadContactAndLeadIsCaughtWithItsReason() {
		EmulatorAdmin admin = new EmulatorAdmin(emulator.baseUrl());
		EmulatorAdmin.Org org = admin.org("Inbound Org", Map.of());
		JsonNode seeded = admin.post("/emulator/orgs/" + org.id() + "/seed",
				Map.of("objects", Map.of("Account", 50, "Contact", 500, "Lead", 500), "badShare", 0.1, "seed", 11));
		SalesforceClient client = new SalesforceClient(
				new SalesforceSession("inbound",
						new SalesforceLogin.UsernamePassword(emulator.baseUrl(), org.consumerKey(),
								org.consumerSecret(), org.username(), org.password()),
						new SalesforceAuthenticator(RestClient.builder(), Clock.systemUTC(), JSON)),
				RestClient.builder(), "v63.0", ApiBudget.DEFAULT, JSON);
		ConnectionSettings requireAccount = ConnectionSettings.DEFAULTS.withRequireAccount(true);

		Map<String, Integer> contacts = reasons(client, "contact", "Contact", requireAccount);
		Map<String, Integer> leads = reasons(client, "lead", "Lead", requireAccount);

		JsonNode bad = seeded.get("bad");
		assertThat(contacts).containsEntry("MISSING_EMAIL_ADDRESS", bad.get("Contact.MISSING_EMAIL_ADDRESS").asInt())
			.containsEntry("INVALID_EMAIL_ADDRESS", bad.get("Contact.INVALID_EMAIL_ADDRESS").asInt())
			.containsEntry("NO_ACCOUNT_ASSOCIATION", bad.get("Contact.NO_ACCOUNT_ASSOCIATION").asInt())
			.containsEntry("MALFORMED_DATA", bad.get("Contact.MALFORMED_DATA").asInt())
			.containsEntry("FAILED_TO_ENCODE_DATA", bad.get("Contact.FAILED_TO_ENCODE_DATA").asInt())
			.containsEntry("WRITE", 450);
		assertThat(leads).containsEntry("MISSING_EMAIL_ADDRESS", bad.get("Lead.MISSING_EMAIL_ADDRESS").asInt())
			.containsEntry("INVALID_EMAIL_ADDRESS", bad.get("Lead.INVALID_EMAIL_ADDRESS").asInt())
			.containsEntry("LEAD_ALREADY_CONVERTED", bad.get("Lead.LEAD_ALREADY_CONVERTED").asInt());
	}

	private static Map<String, Integer> reasons(SalesforceClient client, String name, String object,
			ConnectionSettings settings) {
		InboundRules rules = new InboundRules(CATALOG.find(name).orElseThrow(), settings, Set.of("LastName"));
		List<String> fields = CATALOG.find(name)
			.orElseThrow()
			.fields()
			.stream()
			.map((field) -> field.salesforceField())
			.toList();
		SalesforceQueryReader<InboundDecision> reader = new SalesforceQueryReader<>(name, client, object,
				java.util.stream.Stream.concat(fields.stream(), java.util.stream.Stream.of("CreatedDate", "IsDeleted"))
					.distinct()
					.toList(),
				Instant.now().minus(60, ChronoUnit.DAYS), Instant.now().plus(1, ChronoUnit.DAYS), 2000,
				SalesforceQueryReader.Scope.LIVE,
				(page) -> page.stream()
					.map((record) -> rules.decide(record,
							new AppState(null, null, Map.of(), record.hasNonNull("AccountId"), false, null, null)))
					.toList());
		reader.open(new ExecutionContext());
		Map<String, Integer> counts = new TreeMap<>();
		for (InboundDecision decision = reader.read(); decision != null; decision = reader.read()) {
			String key = (decision instanceof InboundDecision.Skip skip) ? skip.reason().name()
					: (decision instanceof InboundDecision.Fail fail) ? fail.reason().name() : "WRITE";
			counts.merge(key, 1, Integer::sum);
		}
		return counts;
	}

}
