package dev.sfsync.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

import dev.sfsync.k8s.Manifests.Container;
import dev.sfsync.operations.Cli;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The restart template, filled in as its comment says, relaunches a run with the
 * connection and window it had (the other manifest checks cover it filled in as well).
 */
class RestartJobTemplateTests {

	private static final String TEMPLATE = "restart-job.template.yaml";

	@Test
	void itsPlaceholdersAreTheJobTheConnectionAndTheWindow() throws IOException {
		// given
		String template = Files.readString(Manifests.DIRECTORY.resolve(TEMPLATE));

		// when
		Set<String> placeholders = new TreeSet<>();
		Matcher matcher = Manifests.PLACEHOLDER.matcher(template);
		while (matcher.find()) {
			placeholders.add(matcher.group(1));
		}

		// then
		assertThat(placeholders).containsExactlyInAnyOrder("JOB", "CONNECTION", "FROM", "TO")
			.isEqualTo(Manifests.TEMPLATE_EXAMPLE.keySet());
		assertThat(template).contains("envsubst '${JOB} ${CONNECTION} ${FROM} ${TO}'");
	}

	@Test
	void filledInItRunsTheJobForTheConnectionAndWindowOfTheRunToRestart() {
		// given
		Container container = Manifests.load()
			.pods()
			.stream()
			.filter((pod) -> pod.owner().file().equals(TEMPLATE))
			.findFirst()
			.orElseThrow()
			.containers()
			.get(0);

		// when
		Cli cli = Cli.parse(container.args().toArray(String[]::new));

		// then
		assertThat(cli.command()).isEqualTo(Cli.Command.RUN);
		assertThat(cli.job()).isEqualTo("invoice__c-inbound");
		assertThat(cli.jobParameters()).containsExactlyInAnyOrderEntriesOf(
				Map.of("connection", "acme", "from", "2026-11-01T00:00:00Z", "to", "2026-11-01T00:05:00Z"));
	}

	@Test
	void aPlaceholderWithoutAValueIsLeftVisible() {
		// then
		assertThat(Manifests.fill("run ${JOB} ${UNKNOWN}", Map.of("JOB", "contact-inbound")))
			.isEqualTo("run contact-inbound ${UNKNOWN}");
	}

}
