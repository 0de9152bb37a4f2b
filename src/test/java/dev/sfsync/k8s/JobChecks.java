package dev.sfsync.k8s;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.sfsync.k8s.Manifests.Container;
import dev.sfsync.k8s.Manifests.Manifest;
import dev.sfsync.k8s.Manifests.Pod;
import dev.sfsync.operations.Cli;
import dev.sfsync.operations.RunExitCode;
import tools.jackson.databind.JsonNode;

/**
 * Checks that every Job runs one sfsync job per process: sfsync's command line, one run
 * at a time, bounded retries decided by sfsync's exit codes, time for a graceful stop.
 */
final class JobChecks {

	private JobChecks() {
	}

	/**
	 * Every container runs sfsync's own command line: the service serves, every Job runs
	 * one known job.
	 */
	static List<String> commandLines(Manifests manifests, Set<String> jobs) {
		List<String> problems = new ArrayList<>();
		for (Container container : manifests.containers()) {
			if (container.node().has("command")) {
				problems.add(container + " overrides the image's command; give sfsync's arguments in args only");
				continue;
			}
			Cli cli = Cli.parse(container.args().toArray(String[]::new));
			Cli.Command expected = container.pod().isJob() ? Cli.Command.RUN : Cli.Command.SERVE;
			if (cli.command() != expected) {
				problems.add(container + " runs " + container.args() + ", which sfsync reads as " + cli.command()
						+ ((cli.error() != null) ? " (" + cli.error() + ")" : "") + "; expected " + expected);
			}
			else if (expected == Cli.Command.RUN && !jobs.contains(cli.job())) {
				problems.add(container + " runs job '" + cli.job() + "', which sfsync does not have");
			}
		}
		return problems;
	}

	/**
	 * Every CronJob runs one job at a time, every Job pod runs once per attempt and every
	 * Job gives up after a bounded number of attempts.
	 */
	static List<String> oneJobPerProcess(Manifests manifests) {
		List<String> problems = new ArrayList<>();
		for (Manifest cronJob : manifests.ofKind("CronJob")) {
			if (!cronJob.document().at("/spec/concurrencyPolicy").asString("").equals("Forbid")) {
				problems.add(cronJob + " needs concurrencyPolicy: Forbid, or two runs of one job could overlap");
			}
		}
		for (Pod pod : manifests.pods()) {
			if (!pod.isJob()) {
				continue;
			}
			if (!pod.spec().path("restartPolicy").asString("").equals("Never")) {
				problems.add(pod + " need restartPolicy: Never, so each attempt is a new pod with its own exit code");
			}
			JsonNode backoffLimit = pod.jobSpec().path("backoffLimit");
			if (!backoffLimit.isIntegralNumber() || backoffLimit.asInt() < 0) {
				problems.add(pod.owner() + " needs a backoffLimit (a whole number, 0 or more)");
			}
		}
		return problems;
	}

	/** Every pod has time for a graceful stop after SIGTERM. */
	static List<String> gracefulStop(Manifests manifests, int minimumSeconds) {
		List<String> problems = new ArrayList<>();
		for (Pod pod : manifests.pods()) {
			JsonNode seconds = pod.spec().path("terminationGracePeriodSeconds");
			if (!seconds.isIntegralNumber() || seconds.asInt() < minimumSeconds) {
				problems.add(pod + " need terminationGracePeriodSeconds of at least " + minimumSeconds + "; it is "
						+ (seconds.isMissingNode() ? "unset (30)" : seconds.toString()));
			}
		}
		return problems;
	}

	/** Every container requests CPU and memory and has a memory limit. */
	static List<String> resources(Manifests manifests) {
		List<String> problems = new ArrayList<>();
		for (Container container : manifests.containers()) {
			for (String pointer : List.of("/resources/requests/cpu", "/resources/requests/memory",
					"/resources/limits/memory")) {
				if (container.node().at(pointer).isMissingNode()) {
					problems.add(container + " needs " + pointer.substring(1).replace('/', '.'));
				}
			}
		}
		return problems;
	}

	/**
	 * Every Job that runs sfsync fails at once on the exit codes that another attempt
	 * cannot fix, retries the others, and does not count evictions.
	 */
	static List<String> exitCodePolicy(Manifests manifests) {
		List<String> problems = new ArrayList<>();
		for (Pod pod : manifests.pods()) {
			if (!pod.isJob()) {
				continue;
			}
			JsonNode rules = pod.jobSpec().at("/podFailurePolicy/rules");
			if (rules.isEmpty()) {
				problems.add(pod.owner() + " needs a podFailurePolicy that acts on sfsync's exit codes");
				continue;
			}
			Set<String> containerNames = new HashSet<>(pod.containers().stream().map(Container::name).toList());
			boolean ignoresDisruptions = false;
			for (JsonNode rule : rules.values()) {
				ignoresDisruptions |= rule.path("action").asString("").equals("Ignore") && rule.path("onPodConditions")
					.values()
					.stream()
					.anyMatch((condition) -> condition.path("type").asString("").equals("DisruptionTarget"));
				JsonNode onExitCodes = rule.path("onExitCodes");
				if (onExitCodes.isMissingNode()) {
					continue;
				}
				List<Integer> values = onExitCodes.path("values").values().stream().map(JsonNode::asInt).toList();
				if (values.isEmpty() || !values.equals(new ArrayList<>(new TreeSet<>(values)))
						|| onExitCodes.path("operator").asString("").equals("In") && values.contains(0)) {
					problems.add(pod.owner() + " has exit code values " + values
							+ "; Kubernetes wants them sorted, without repeats, and no 0 with In");
				}
				if (onExitCodes.has("containerName")
						&& !containerNames.contains(onExitCodes.path("containerName").asString(""))) {
					problems.add(pod.owner() + " has a podFailurePolicy rule for container '"
							+ onExitCodes.path("containerName").asString("") + "', which the pod does not have");
				}
			}
			if (!ignoresDisruptions) {
				problems.add(pod.owner() + " needs a podFailurePolicy rule that ignores DisruptionTarget, so an"
						+ " evicted pod is replaced without using up backoffLimit");
			}
			for (RunExitCode code : RunExitCode.values()) {
				String expected = expectedAction(code);
				String actual = action(rules, code.code());
				if (!expected.equals("none") && !expected.equals(actual)) {
					problems.add(pod.owner() + " treats exit code " + code.code() + " (" + code.meaning() + ") as "
							+ actual + "; expected " + expected);
				}
			}
		}
		return problems;
	}

	/**
	 * What a Job does when sfsync exits with a code. A new exit code does not compile
	 * until it is decided here.
	 */
	static String expectedAction(RunExitCode code) {
		return switch (code) {
			case COMPLETED -> "none";
			// Another attempt can succeed: an unknown error may be transient, and a
			// stopped run, or one whose process died, resumes from its last committed
			// chunk.
			case UNKNOWN_ERROR, STOPPED, PROCESS_DIED, DATABASE_UNAVAILABLE, DATABASE_BUSY -> "Count";
			// The same command fails the same way until someone changes something; a run
			// already running under Forbid belongs to a process that is gone, or to the
			// other scheduling mode.
			case USAGE, AUTHENTICATION_FAILURE, INSUFFICIENT_PERMISSIONS, API_LIMIT_EXCEEDED, ALREADY_COMPLETE,
					ALREADY_RUNNING, NOT_RESTARTABLE, CONFIGURATION_ERROR ->
				"FailJob";
		};
	}

	/** The action of the first rule whose exit codes match; Count when none does. */
	private static String action(JsonNode rules, int exitCode) {
		for (JsonNode rule : rules.values()) {
			JsonNode onExitCodes = rule.path("onExitCodes");
			if (onExitCodes.isMissingNode()) {
				continue;
			}
			boolean listed = onExitCodes.path("values")
				.values()
				.stream()
				.anyMatch((value) -> value.asInt() == exitCode);
			boolean in = onExitCodes.path("operator").asString("").equals("In");
			if (listed == in) {
				return rule.path("action").asString("");
			}
		}
		return "Count";
	}

}
