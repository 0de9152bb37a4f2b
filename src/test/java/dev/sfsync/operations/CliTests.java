package dev.sfsync.operations;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CliTests {

	@Test
	void noArgumentsServes() {
		assertThat(Cli.parse(new String[0]).command()).isEqualTo(Cli.Command.SERVE);
		assertThat(Cli.parse(new String[] { "--server.port=9090" }).springArguments())
			.containsExactly("--server.port=9090");
	}

	@Test
	void runTakesAJobAConnectionParametersAndSpringOptions() {
		Cli cli = Cli.parse(new String[] { "run", "contact-inbound", "--connection=acme", "from=2026-11-01T00:00:00Z",
				"--sfsync.catalog.location=file:/etc/jobs/" });
		assertThat(cli.command()).isEqualTo(Cli.Command.RUN);
		assertThat(cli.job()).isEqualTo("contact-inbound");
		assertThat(cli.jobParameters()).containsEntry("connection", "acme")
			.containsEntry("from", "2026-11-01T00:00:00Z")
			.hasSize(2);
		assertThat(cli.springArguments()).containsExactly("--sfsync.catalog.location=file:/etc/jobs/");
	}

	@Test
	void theEmulatorTakesItsOwnOptionsAndTheCatalogsLocation() {
		Cli cli = Cli.parse(new String[] { "emulator", "--port", "8089", "--records=5",
				"--sfsync.catalog.location=file:/etc/jobs/" });
		assertThat(cli.command()).isEqualTo(Cli.Command.EMULATOR);
		assertThat(cli.arguments()).containsExactly("--port", "8089", "--records=5");
		assertThat(cli.springArguments()).containsExactly("--sfsync.catalog.location=file:/etc/jobs/");
	}

	@Test
	void aScheduledFireIsRunWithPollAndAConnectionAlone() {
		Cli cli = Cli.parse(new String[] { "run", "contact-inbound", "--connection=acme", "--poll" });
		assertThat(cli.command()).isEqualTo(Cli.Command.RUN);
		assertThat(cli.jobParameters()).containsOnlyKeys("connection");
		assertThat(cli.arguments()).containsExactly("--poll");
		assertThat(Cli.parse(new String[] { "run", "contact-inbound", "--connection=acme" }).arguments()).isEmpty();
		for (String[] invalid : new String[][] { { "run", "contact-inbound", "--poll" },
				{ "run", "contact-inbound", "--connection=acme", "--poll", "from=2026-11-01T00:00:00Z" } }) {
			Cli refused = Cli.parse(invalid);
			assertThat(refused.command()).isEqualTo(Cli.Command.INVALID);
			assertThat(refused.error()).startsWith("--poll is a scheduled fire");
		}
	}

	@Test
	void runWithoutAJobIsInvalid() {
		Cli cli = Cli.parse(new String[] { "run", "--connection=acme" });
		assertThat(cli.command()).isEqualTo(Cli.Command.INVALID);
		assertThat(cli.error()).startsWith("Missing job name");
	}

	@Test
	void aBareWordAfterTheJobIsInvalid() {
		Cli cli = Cli.parse(new String[] { "run", "activity-retention", "now" });
		assertThat(cli.command()).isEqualTo(Cli.Command.INVALID);
		assertThat(cli.error()).isEqualTo("Unexpected argument 'now': job parameters are key=value.");
	}

	@Test
	void runsKeepsItsFiltersAndPassesSpringPropertiesOn() {
		Cli cli = Cli.parse(new String[] { "runs", "list", "--status=FAILED", "--connection=acme",
				"--spring.datasource.url=jdbc:mysql://db/sfsync" });
		assertThat(cli.command()).isEqualTo(Cli.Command.RUNS);
		assertThat(cli.arguments()).containsExactly("list", "--status=FAILED", "--connection=acme");
		assertThat(cli.springArguments()).containsExactly("--spring.datasource.url=jdbc:mysql://db/sfsync");
	}

	@Test
	void helpIsAvailableEverywhereAndListsEveryExitCode() {
		assertThat(Cli.parse(new String[] { "--help" }).command()).isEqualTo(Cli.Command.HELP);
		assertThat(Cli.parse(new String[] { "run", "x", "--help" }).command()).isEqualTo(Cli.Command.HELP);
		for (RunExitCode code : RunExitCode.values()) {
			assertThat(Cli.usage()).contains(code.meaning());
		}
	}

}
