package dev.sfsync.emulator;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator that sfsync starts next to itself has an admin API without login: it
 * refuses to start outside the local and test profiles, and on the web server's port.
 */
class LocalEmulatorAutoConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(LocalEmulatorAutoConfiguration.class)
		.withPropertyValues("sfsync.emulator.enabled=true", "sfsync.emulator.seed=none");

	@Test
	void refusesToStartUnderAProductionProfileSayingWhyAndHow() {
		this.contexts.withInitializer((context) -> context.getEnvironment().setActiveProfiles("test", "production"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("sfsync.emulator.enabled is true under the profiles [test, production]: the Salesforce"
						+ " emulator's admin API has no login, so it starts only in the local or test profile."
						+ " Remove sfsync.emulator.enabled (SFSYNC_EMULATOR_ENABLED) from this deployment, or run the"
						+ " standalone emulator command on a development machine."));
	}

	@Test
	void refusesTheWebServersPort() {
		this.contexts.withInitializer((context) -> context.getEnvironment().setActiveProfiles("local"))
			.withPropertyValues("server.port=9090", "sfsync.emulator.port=9090")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("sfsync.emulator.port and server.port are both 9090: the Salesforce emulator needs a port"
						+ " of its own. Set sfsync.emulator.port to another port, or to 0 for a free one."));
	}

	@Test
	void refusesTheDefaultWebPort() {
		this.contexts.withInitializer((context) -> context.getEnvironment().setActiveProfiles("test"))
			.withPropertyValues("sfsync.emulator.port=8080")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageStartingWith("sfsync.emulator.port and server.port are both 8080"));
	}

}
