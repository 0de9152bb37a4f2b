package dev.sfsync.k8s;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobCatalogLoader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Job and CronJob runs one sfsync job per process, retried according to sfsync's
 * exit codes, and each check also catches a broken copy.
 */
class JobManifestsTests {

	private static final Manifests manifests = Manifests.load();

	private static final String RETENTION = "sfsync-activity-retention";

	private static final String CONTACT = "sfsync-contact-inbound";

	@Test
	void theServiceServesAndEveryJobRunsAJobSfsyncHas() {
		// then
		assertThat(JobChecks.commandLines(manifests, jobs())).isEmpty();
	}

	@Test
	void anUnknownJobOrACommandLineSfsyncRefusesIsReported() {
		// given
		Manifests broken = manifests.copy();
		broken.document("CronJob", RETENTION)
			.withArray("/spec/jobTemplate/spec/template/spec/containers/0/args")
			.set(1, "activity-retension");
		broken.document("CronJob", CONTACT)
			.withArray("/spec/jobTemplate/spec/template/spec/containers/0/args")
			.add("--connection");
		broken.document("Deployment", "sfsync").withArray("/spec/template/spec/containers/0/args").set(0, "run");

		// when
		List<String> problems = JobChecks.commandLines(broken, jobs());

		// then
		assertThat(problems).containsExactlyInAnyOrder(
				"container sfsync of CronJob " + RETENTION + " (k8s/activity-retention-cronjob.yaml) runs job"
						+ " 'activity-retension', which sfsync does not have",
				"container sfsync of CronJob " + CONTACT + " (k8s/sync-cronjobs.yaml) runs [run, contact-inbound,"
						+ " --connection=$(SFSYNC_CONNECTION), --poll, --connection], which sfsync reads as INVALID"
						+ " (Unexpected argument '--connection': job parameters are key=value.); expected RUN",
				"container sfsync of Deployment sfsync (k8s/deployment.yaml) runs [run], which sfsync reads as"
						+ " INVALID (Missing job name: run <job> [--connection=<id>] [key=value ...].); expected SERVE");
	}

	@Test
	void everyCronJobRunsOneJobAtATimeInPodsThatRunOnceWithABoundedNumberOfAttempts() {
		// then
		assertThat(JobChecks.oneJobPerProcess(manifests)).isEmpty();
	}

	@Test
	void concurrentRunsRestartingPodsOrUnboundedRetriesAreReported() {
		// given
		Manifests broken = manifests.copy();
		broken.document("CronJob", CONTACT).withObject("/spec").put("concurrencyPolicy", "Allow");
		broken.document("CronJob", CONTACT)
			.withObject("/spec/jobTemplate/spec/template/spec")
			.put("restartPolicy", "OnFailure");
		broken.document("CronJob", RETENTION).withObject("/spec/jobTemplate/spec").remove("backoffLimit");

		// when
		List<String> problems = JobChecks.oneJobPerProcess(broken);

		// then
		assertThat(problems).containsExactlyInAnyOrder(
				"CronJob " + CONTACT + " (k8s/sync-cronjobs.yaml) needs concurrencyPolicy: Forbid, or two runs of"
						+ " one job could overlap",
				"the pods of CronJob " + CONTACT + " (k8s/sync-cronjobs.yaml) need restartPolicy: Never, so each"
						+ " attempt is a new pod with its own exit code",
				"CronJob " + RETENTION + " (k8s/activity-retention-cronjob.yaml) needs a backoffLimit (a whole"
						+ " number, 0 or more)");
	}

	@Test
	void everyPodHasAtLeastAMinuteForAGracefulStop() {
		// then
		assertThat(JobChecks.gracefulStop(manifests, 60)).isEmpty();
	}

	@Test
	void aPodWithTheDefaultGracePeriodIsReported() {
		// given
		Manifests broken = manifests.copy();
		broken.document("CronJob", CONTACT)
			.withObject("/spec/jobTemplate/spec/template/spec")
			.remove("terminationGracePeriodSeconds");
		broken.document("Deployment", "sfsync")
			.withObject("/spec/template/spec")
			.put("terminationGracePeriodSeconds", 30);

		// when
		List<String> problems = JobChecks.gracefulStop(broken, 60);

		// then
		assertThat(problems).containsExactlyInAnyOrder(
				"the pods of Deployment sfsync (k8s/deployment.yaml) need terminationGracePeriodSeconds of at least"
						+ " 60; it is 30",
				"the pods of CronJob " + CONTACT + " (k8s/sync-cronjobs.yaml) need terminationGracePeriodSeconds of"
						+ " at least 60; it is unset (30)");
	}

	@Test
	void everyContainerRequestsCpuAndMemoryAndHasAMemoryLimit() {
		// then
		assertThat(JobChecks.resources(manifests)).isEmpty();
	}

	@Test
	void aContainerWithoutAMemoryLimitIsReported() {
		// given
		Manifests broken = manifests.copy();
		broken.document("Job", "sfsync-restart-")
			.withObject("/spec/template/spec/containers/0/resources")
			.remove("limits");

		// when
		List<String> problems = JobChecks.resources(broken);

		// then
		assertThat(problems).containsExactly(
				"container sfsync of Job sfsync-restart- (k8s/restart-job.template.yaml) needs resources.limits.memory");
	}

	@Test
	void everyJobFailsAtOnceOnExitCodesThatAnotherAttemptCannotFixAndRetriesTheOthers() {
		// then
		assertThat(manifests.pods().stream().filter(Manifests.Pod::isJob)).hasSizeGreaterThan(2);
		assertThat(JobChecks.exitCodePolicy(manifests)).isEmpty();
	}

	@Test
	void aJobThatRetriesAnAuthenticationFailureOrFailsOnAStoppedRunIsReported() {
		// given
		Manifests broken = manifests.copy();
		ObjectNode rules = broken.document("CronJob", CONTACT).withObject("/spec/jobTemplate/spec/podFailurePolicy");
		rules.withArray("/rules/1/onExitCodes/values").remove(1);
		rules.withArray("/rules/1/onExitCodes/values").add(6);

		// when
		List<String> problems = JobChecks.exitCodePolicy(broken);

		// then
		assertThat(problems).containsExactlyInAnyOrder(
				"CronJob " + CONTACT + " (k8s/sync-cronjobs.yaml) has exit code values [2, 4, 5, 7, 8, 9, 78, 6];"
						+ " Kubernetes wants them sorted, without repeats, and no 0 with In",
				"CronJob " + CONTACT + " (k8s/sync-cronjobs.yaml) treats exit code 3 (the run failed: Salesforce"
						+ " authentication failed; reconnect Salesforce) as Count; expected FailJob",
				"CronJob " + CONTACT + " (k8s/sync-cronjobs.yaml) treats exit code 6 (the run was stopped before it"
						+ " finished; launch it again to resume) as FailJob; expected Count");
	}

	@Test
	void aJobWithoutAPodFailurePolicyOrThatCountsEvictionsIsReported() {
		// given
		Manifests broken = manifests.copy();
		broken.document("CronJob", RETENTION).withObject("/spec/jobTemplate/spec").remove("podFailurePolicy");
		broken.document("Job", "sfsync-restart-").withArray("/spec/podFailurePolicy/rules").remove(0);

		// when
		List<String> problems = JobChecks.exitCodePolicy(broken);

		// then
		assertThat(problems).containsExactlyInAnyOrder(
				"CronJob " + RETENTION + " (k8s/activity-retention-cronjob.yaml) needs a podFailurePolicy that acts"
						+ " on sfsync's exit codes",
				"Job sfsync-restart- (k8s/restart-job.template.yaml) needs a podFailurePolicy rule that ignores"
						+ " DisruptionTarget, so an evicted pod is replaced without using up backoffLimit");
	}

	/** Every job sfsync has: the catalog's, in every direction, and the retention job. */
	private static Set<String> jobs() {
		JobCatalog catalog = new JobCatalogLoader().load("file:jobs/");
		return Stream
			.concat(Stream.of(SyncCronJobChecks.RETENTION_JOB),
					catalog.definitions()
						.stream()
						.flatMap((definition) -> definition.directions().stream().map(definition::jobName)))
			.collect(Collectors.toSet());
	}

}
