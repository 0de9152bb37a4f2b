package dev.sfsync.emulator;

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

	DemoSeed(Orgs orgs) {
		this.orgs = orgs;
	}

	/** Seeds the demo org if asked to and says what was seeded. */
	String apply(EmulatorProperties properties, String baseUrl) {
		if (!properties.seed().equals("demo")) {
			return "No seed data.";
		}
		Org org = this.orgs.create(ORG_NAME);
		org.addApp(new ConnectedApp("sfsync demo", CONSUMER_KEY, CONSUMER_SECRET, null));
		org.addUser(USERNAME, PASSWORD, USERNAME);
		return "Demo org " + org.id() + ": client_id " + CONSUMER_KEY + ", username " + USERNAME
				+ " (password flow; see README).";
	}

}
