package dev.sfsync.emulator;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The local default's demo activity generator: now and then it edits records on both
 * sides of the demo connection, as a user of the app and a Salesforce user would, bad
 * records included, so the sync activity page shows inbound and outbound runs with
 * created, updated, skipped and failed records. Switched off with
 * {@code sfsync.demo.activity.enabled=false}. A bean of
 * {@link LocalEmulatorAutoConfiguration}'s, never of the emulator's own context.
 */
class DemoActivity {

	private static final Log logger = LogFactory.getLog(DemoActivity.class);

	private final JdbcTemplate jdbc;

	private final RestClient emulator;

	private final Random random = new Random();

	private int tick;

	private @Nullable String orgId;

	DemoActivity(JdbcTemplate jdbc, Emulator emulator) {
		this.jdbc = jdbc;
		this.emulator = RestClient.builder().baseUrl(emulator.baseUrl()).build();
	}

	@Scheduled(initialDelayString = "${sfsync.demo.activity.interval:20s}",
			fixedDelayString = "${sfsync.demo.activity.interval:20s}")
	void edit() {
		this.tick++;
		try {
			editInTheApp();
			editInSalesforce();
		}
		catch (RuntimeException ex) {
			logger.warn("The demo activity generator skipped a round: " + ex.getMessage());
		}
	}

	/**
	 * An app user edits a synced contact; every third round the change breaks a
	 * Salesforce rule (an email longer than Salesforce's 80 characters), so an outbound
	 * record fails with its reason.
	 */
	private void editInTheApp() {
		List<Long> contacts = this.jdbc.queryForList(
				"SELECT id FROM contacts WHERE connection_id = 'demo'"
						+ " AND salesforce_contact_id IS NOT NULL AND deleted = FALSE ORDER BY id LIMIT 50",
				Long.class);
		if (contacts.isEmpty()) {
			return;
		}
		long id = contacts.get(this.random.nextInt(contacts.size()));
		if (this.tick % 3 == 0) {
			this.jdbc.update("UPDATE contacts SET email = ? WHERE id = ?",
					"a.very.long.address.that.salesforce.will.not.store." + "x".repeat(30) + "@example.com", id);
		}
		else {
			this.jdbc.update("UPDATE contacts SET title = ? WHERE id = ?", "Edited in the app at " + now(), id);
		}
	}

	/**
	 * A Salesforce user edits a contact; every third round they also add a lead without
	 * an email address, which the next inbound run skips.
	 */
	private void editInSalesforce() {
		String org = org();
		String contact = this.jdbc.query(
				"SELECT salesforce_contact_id FROM contacts WHERE connection_id = 'demo'"
						+ " AND salesforce_contact_id IS NOT NULL AND deleted = FALSE ORDER BY RAND() LIMIT 1",
				(rs) -> rs.next() ? rs.getString(1) : null);
		if (contact != null) {
			this.emulator.patch()
				.uri("/emulator/orgs/{org}/records/Contact/{id}", org, contact)
				.body(Map.of("Title", "Edited in Salesforce at " + now()))
				.retrieve()
				.toBodilessEntity();
		}
		if (this.tick % 3 == 1) {
			this.emulator.post()
				.uri("/emulator/orgs/{org}/records/Lead", org)
				.body(Map.of("LastName", "No Email " + this.tick, "Company", "Demo Inc"))
				.retrieve()
				.toBodilessEntity();
		}
	}

	private String org() {
		if (this.orgId == null) {
			JsonNode orgs = this.emulator.get().uri("/emulator/orgs").retrieve().body(JsonNode.class);
			if (orgs != null) {
				for (JsonNode org : orgs) {
					if (Emulator.DEMO_ORG_NAME.equals(org.path("name").asString())) {
						this.orgId = org.path("id").asString();
					}
				}
			}
		}
		if (this.orgId == null) {
			throw new RestClientException("the emulator has no " + Emulator.DEMO_ORG_NAME);
		}
		return this.orgId;
	}

	private static String now() {
		return LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS) + " UTC";
	}

}
