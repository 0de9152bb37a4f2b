package dev.sfsync.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.sfsync.system.EmulatorAdmin;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API's deterministic data generator, with its share of bad records. */
class EmulatorSeedIntegrationTests extends EmulatorTestSupport {

	private static final String V = "/services/data/v63.0";

	@Test
	void seedsEveryObjectWithTheChosenShareOfBadRecords() {
		EmulatorAdmin.Org org = http.newOrg("Seed Org");
		JsonNode seeded = http
			.admin("POST", "/emulator/orgs/" + org.id() + "/seed", Map.of("records", 100, "badShare", 0.1, "seed", 7))
			.json();
		assertThat(seeded.get("records").get("Contact").asInt()).isEqualTo(100);
		assertThat(seeded.get("records").get("Invoice__c").asInt()).isEqualTo(100);
		JsonNode bad = seeded.get("bad");
		assertThat(bad.propertyNames()).contains("Contact.MISSING_EMAIL_ADDRESS", "Contact.INVALID_EMAIL_ADDRESS",
				"Contact.NO_ACCOUNT_ASSOCIATION", "Contact.MALFORMED_DATA", "Contact.FAILED_TO_ENCODE_DATA",
				"Lead.LEAD_ALREADY_CONVERTED", "Lead.DO_NOT_SYNC", "Opportunity.OPPORTUNITY_NOT_FOUND",
				"Event.INVALID_TIMESTAMP", "Invoice__c.MISSING_IDENTIFIER", "Invoice__c.CONTACT_NOT_FOUND",
				"Invoice__c.CONFLICTING_IDENTIFIER", "Invoice__c.MISSING_EVENT_NAME");
		assertThat(bad.get("Contact.MISSING_EMAIL_ADDRESS").asInt()).isEqualTo(2);
		assertThat(count("SELECT COUNT() FROM Contact")).isEqualTo(100);
		assertThat(count("SELECT COUNT() FROM Contact WHERE Email = null")).isEqualTo(2);
		assertThat(count("SELECT COUNT() FROM Lead WHERE IsConverted = true"))
			.isEqualTo(bad.get("Lead.LEAD_ALREADY_CONVERTED").asInt());
		assertThat(count("SELECT COUNT() FROM Opportunity"))
			.isEqualTo(100 - bad.get("Opportunity.OPPORTUNITY_NOT_FOUND").asInt());
		assertThat(http.get(V + "/queryAll?q=" + q("SELECT COUNT() FROM Opportunity")).json().get("totalSize").asInt())
			.isEqualTo(100);
	}

	@Test
	void theSameSeedGivesTheSameRecordsAndSharedTimestampsNeedTheIdTieBreak() {
		EmulatorAdmin.Org first = http.newOrg("Seed A");
		http.admin("POST", "/emulator/orgs/" + first.id() + "/seed",
				Map.of("objects", Map.of("Account", 5, "Contact", 30), "seed", 3));
		JsonNode a = http.get(V + "/query?q=" + q("SELECT LastName, Email, SystemModstamp FROM Contact ORDER BY Id"))
			.json();
		EmulatorAdmin.Org second = http.newOrg("Seed B");
		http.admin("POST", "/emulator/orgs/" + second.id() + "/seed",
				Map.of("objects", Map.of("Account", 5, "Contact", 30), "seed", 3));
		JsonNode b = http.get(V + "/query?q=" + q("SELECT LastName, Email, SystemModstamp FROM Contact ORDER BY Id"))
			.json();
		assertThat(b.get("records").findValuesAsString("Email"))
			.isEqualTo(a.get("records").findValuesAsString("Email"));
		assertThat(a.get("records").get(0).get("SystemModstamp").asString())
			.isEqualTo(a.get("records").get(1).get("SystemModstamp").asString());
		assertThat(http.admin("POST", "/emulator/orgs/" + second.id() + "/seed", Map.of("objects", Map.of("Widget", 1)))
			.status()).isEqualTo(400);
	}

	private static int count(String soql) {
		return http.get(V + "/query?q=" + q(soql)).json().get("totalSize").asInt();
	}

	private static String q(String soql) {
		return URLEncoder.encode(soql, StandardCharsets.UTF_8);
	}

}
