package dev.sfsync.system;

import dev.sfsync.connection.AuthFlow;
import dev.sfsync.connection.ConnectionRequest;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.connection.Credentials;
import dev.sfsync.emulator.Emulator;
import dev.sfsync.emulator.EmulatorProperties;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the Salesforce emulator next to sfsync when the local default asks for it, and
 * points the {@code demo} connection at its demo org.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("sfsync.emulator.enabled")
class EmulatorLauncher {

	@Bean(destroyMethod = "close")
	Emulator emulator(EmulatorProperties properties) {
		return Emulator.start(properties);
	}

	/**
	 * The demo org's bad records show every inbound reason: leads from the "Do Not Sync"
	 * source are excluded, and contacts need an account.
	 */
	private static final ConnectionSettings DEMO_SETTINGS = new ConnectionSettings(null, null, null,
			java.util.Map.of("lead", "LeadSource = 'Do Not Sync'"), null, true);

	@Bean
	ApplicationRunner demoConnection(Emulator emulator, ConnectionService connections) {
		return (args) -> {
			ConnectionRequest demo = new ConnectionRequest("demo", "Demo (Salesforce emulator)", emulator.baseUrl(),
					AuthFlow.USERNAME_PASSWORD, Emulator.DEMO_CLIENT_ID, Emulator.DEMO_USERNAME,
					new Credentials(Emulator.DEMO_CLIENT_SECRET, Emulator.DEMO_PASSWORD, null, null), null, null,
					DEMO_SETTINGS);
			var existing = connections.find("demo");
			if (existing.isEmpty()) {
				connections.create(demo);
			}
			else if (!emulator.baseUrl().equals(existing.get().loginUrl())) {
				connections.update(demo);
			}
		};
	}

}
