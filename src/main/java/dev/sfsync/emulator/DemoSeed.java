package dev.sfsync.emulator;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.catalog.JobCatalog;

import org.springframework.stereotype.Component;

/**
 * The demo org the local default and {@code emulator --seed demo} start with: a connected
 * app and an integration user that sfsync's demo connection signs in with.
 */
@Component
class DemoSeed {

	static final String ORG_NAME = "Demo Org";

	static final String CONSUMER_KEY = "sfsync-demo-app";

	static final String CONSUMER_SECRET = "sfsync-demo-secret";

	static final String USERNAME = "integration@demo.sfsync.dev";

	static final String PASSWORD = "sfsync-demo-password";

	private final Orgs orgs;

	private final Clock clock;

	private final JobCatalog jobs;

	DemoSeed(Orgs orgs, Clock clock, JobCatalog jobs) {
		this.orgs = orgs;
		this.clock = clock;
		this.jobs = jobs;
	}

	/** Seeds the demo org if asked to and says what was seeded. */
	String apply(EmulatorProperties properties, String baseUrl) {
		if (!properties.seed().equals("demo")) {
			return "No seed data.";
		}
		Org org = this.orgs.create(ORG_NAME);
		org.addApp(new ConnectedApp("sfsync demo", CONSUMER_KEY, CONSUMER_SECRET, null));
		org.addUser(USERNAME, PASSWORD, USERNAME);
		Map<String, Integer> counts = new LinkedHashMap<>();
		DataGenerator.objects(org).forEach((object) -> counts.put(object, properties.records()));
		DataGenerator.Seeded seeded = new DataGenerator(42, 0.1, this.clock.instant(), this.jobs).seed(org, counts);
		org.data().setDuplicateRule("Contact", List.of("Email"));
		return "Demo org " + org.id() + ": client_id " + CONSUMER_KEY + ", username " + USERNAME
				+ " (password flow; see src/docs/emulator.md); " + properties.records() + " records per object, "
				+ seeded.bad().values().stream().mapToInt(Integer::intValue).sum() + " of them bad on purpose.";
	}

}
