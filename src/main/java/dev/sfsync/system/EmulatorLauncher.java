package dev.sfsync.system;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.sfsync.catalog.JobCatalog;
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
	 * The demo connection syncs every object type every minute; the demo org's bad
	 * records show every inbound reason: leads from the "Do Not Sync" source are
	 * excluded, and contacts need an account.
	 */
	private static ConnectionSettings demoSettings(JobCatalog catalog) {
		Map<String, String> everyMinute = new LinkedHashMap<>();
		catalog.definitions().forEach((definition) -> everyMinute.put(definition.name(), "0 * * * * ?"));
		return new ConnectionSettings(null, null, null, Map.of("lead", "LeadSource = 'Do Not Sync'"), everyMinute,
				true);
	}

	@Bean
	ApplicationRunner demoConnection(Emulator emulator, ConnectionService connections, JobCatalog catalog) {
		return (args) -> {
			ConnectionSettings settings = demoSettings(catalog);
			ConnectionRequest demo = new ConnectionRequest("demo", "Demo (Salesforce emulator)", emulator.baseUrl(),
					AuthFlow.USERNAME_PASSWORD, Emulator.DEMO_CLIENT_ID, Emulator.DEMO_USERNAME,
					new Credentials(Emulator.DEMO_CLIENT_SECRET, Emulator.DEMO_PASSWORD, null, null), null, null,
					settings);
			var existing = connections.find("demo");
			if (existing.isEmpty()) {
				connections.create(demo);
			}
			else if (!emulator.baseUrl().equals(existing.get().loginUrl())
					|| !settings.equals(existing.get().settings())) {
				connections.update(demo);
			}
		};
	}

}
