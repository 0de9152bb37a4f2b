package dev.sfsync.emulator;

import java.util.Set;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.connection.AuthFlow;
import dev.sfsync.connection.ConnectionRequest;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.connection.Credentials;
import dev.sfsync.system.RunningProfiles;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The one way the emulator reaches sfsync's context: an auto-configuration that only
 * {@code sfsync.emulator.enabled} (the local default and the tests) switches on. It
 * starts the Salesforce emulator next to sfsync, points the {@code demo} connection at
 * its demo org and, unless {@code sfsync.demo.activity.enabled=false}, runs the demo's
 * activity. No production module refers to the emulator; sfsync's component scan leaves
 * this package out. The emulator's admin API has no login, so it refuses to start outside
 * development, and on the web server's port.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty("sfsync.emulator.enabled")
@EnableScheduling
public class LocalEmulatorAutoConfiguration {

	/** How often the demo connection syncs each object type: every minute. */
	static final String DEMO_SCHEDULE = "0 * * * * ?";

	/** The local default and the test suite; never a deployment. */
	static final Set<String> DEVELOPMENT_PROFILES = Set.of("local", "test");

	private final EmulatorProperties properties;

	LocalEmulatorAutoConfiguration(Environment environment) {
		// Bound here, not by sfsync's properties scan: without the emulator switched on,
		// sfsync's context holds nothing of it.
		EmulatorProperties properties = Binder.get(environment)
			.bindOrCreate("sfsync.emulator", Bindable.of(EmulatorProperties.class));
		this.properties = properties;
		if (!RunningProfiles.onlyAmong(environment, DEVELOPMENT_PROFILES)) {
			throw new IllegalStateException("sfsync.emulator.enabled is true under the profiles "
					+ RunningProfiles.describe(environment) + ": the Salesforce emulator's admin API has no login,"
					+ " so it starts only in the local or test profile. Remove sfsync.emulator.enabled"
					+ " (SFSYNC_EMULATOR_ENABLED) from this deployment, or run the standalone emulator command on a"
					+ " development machine.");
		}
		int webPort = environment.getProperty("server.port", Integer.class, 8080);
		if (properties.port() != 0 && properties.port() == webPort) {
			throw new IllegalStateException("sfsync.emulator.port and server.port are both " + webPort
					+ ": the Salesforce emulator needs a port of its own. Set sfsync.emulator.port to another port,"
					+ " or to 0 for a free one.");
		}
	}

	/** The emulator's orgs have the custom objects of the catalog sfsync syncs. */
	@Bean(destroyMethod = "close")
	Emulator emulator(JobCatalog catalog) {
		return Emulator.start(this.properties, catalog);
	}

	@Bean
	@ConditionalOnBooleanProperty("sfsync.demo.activity.enabled")
	DemoActivity demoActivity(JdbcTemplate jdbc, Emulator emulator) {
		return new DemoActivity(jdbc, emulator);
	}

	/**
	 * The demo connection syncs every object type on the demo schedule
	 * ({@code sfsync.demo.schedule}, every minute, checked as any connection's schedule
	 * is); the demo org's bad records show every inbound reason: leads from the "Do Not
	 * Sync" source are excluded, and contacts need an account.
	 */
	private static ConnectionSettings demoSettings(JobCatalog catalog, String schedule) {
		ConnectionSettings settings = ConnectionSettings.DEFAULTS.withSyncRule("lead", "LeadSource = 'Do Not Sync'")
			.withRequireAccount(true);
		for (JobDefinition definition : catalog.definitions()) {
			settings = settings.withSchedule(definition.name(), schedule);
		}
		return settings;
	}

	@Bean
	ApplicationRunner demoConnection(Emulator emulator, ConnectionService connections, JobCatalog catalog,
			Environment environment) {
		String schedule = environment.getProperty("sfsync.demo.schedule", DEMO_SCHEDULE);
		return (args) -> {
			ConnectionSettings settings = demoSettings(catalog, schedule);
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
