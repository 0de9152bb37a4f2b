package dev.sfsync.k8s;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.sfsync.catalog.Direction;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.k8s.Manifests.Manifest;
import dev.sfsync.k8s.Manifests.Pod;
import tools.jackson.databind.JsonNode;

/**
 * Checks that the CronJob mode follows the job catalog: one CronJob per object type,
 * running its inbound job for the configured connection on the definition's schedule.
 */
final class SyncCronJobChecks {

	/**
	 * The one job that is not in the catalog: {@code ActivityRetentionJobConfiguration}.
	 */
	static final String RETENTION_JOB = "activity-retention";

	static final String CONNECTION_ARGUMENT = "--connection=$(SFSYNC_CONNECTION)";

	private SyncCronJobChecks() {
	}

	/** The CronJobs that run a sync job: all but the retention job's. */
	static List<Manifest> syncCronJobs(Manifests manifests) {
		return manifests.pods()
			.stream()
			.filter((pod) -> pod.owner().kind().equals("CronJob"))
			.filter((pod) -> pod.containers()
				.stream()
				.noneMatch((container) -> container.args().size() > 1 && container.args().get(0).equals("run")
						&& container.args().get(1).equals(RETENTION_JOB)))
			.map(Pod::owner)
			.toList();
	}

	/** A weekly schedule in Kubernetes' five fields: a minute, an hour and a weekday. */
	private static final java.util.regex.Pattern WEEKLY = java.util.regex.Pattern
		.compile("([0-5]?\\d) (1?\\d|2[0-3]) \\* \\* [0-6]");

	/**
	 * One CronJob per object type of the catalog running its inbound job for the
	 * configured connection on the definition's schedule, and one running its reconcile
	 * job weekly.
	 */
	static List<String> syncCronJobsMatch(Manifests manifests, JobCatalog catalog) {
		List<String> problems = new ArrayList<>();
		Map<String, JobDefinition> byJob = new TreeMap<>();
		catalog.definitions().forEach((definition) -> byJob.put(definition.jobName(Direction.INBOUND), definition));
		catalog.definitions().forEach((definition) -> byJob.put(definition.jobName(Direction.RECONCILE), definition));
		Map<String, Integer> cronJobsPerJob = new HashMap<>();
		for (Manifest cronJob : syncCronJobs(manifests)) {
			JsonNode pod = cronJob.document().at("/spec/jobTemplate/spec/template");
			List<String> args = pod.at("/spec/containers/0/args")
				.values()
				.stream()
				.map((arg) -> arg.asString(""))
				.toList();
			String job = (args.size() > 1) ? args.get(1) : "";
			JobDefinition definition = byJob.get(job);
			if (definition == null) {
				problems.add(cronJob + " runs '" + job + "', which is not the inbound or reconcile job of an object"
						+ " type in jobs/; those are " + byJob.keySet());
				continue;
			}
			cronJobsPerJob.merge(job, 1, Integer::sum);
			List<String> expectedArgs = List.of("run", job, CONNECTION_ARGUMENT, "--poll");
			if (!args.equals(expectedArgs)) {
				problems.add(cronJob + " has args " + args + "; expected " + expectedArgs);
			}
			String name = "sfsync-" + job.replaceAll("_+", "-");
			if (!cronJob.name().equals(name)) {
				problems.add(cronJob + " runs " + job + "; name it " + name);
			}
			if (!pod.at("/metadata/labels/sfsync.dev~1job").asString("").equals(job)) {
				problems.add(cronJob + " needs the pod label sfsync.dev/job: " + job);
			}
			String schedule = cronJob.document().at("/spec/schedule").asString("");
			if (job.equals(definition.jobName(Direction.RECONCILE))) {
				if (!WEEKLY.matcher(schedule).matches()) {
					problems.add(cronJob + " runs on '" + schedule + "'; a reconcile runs weekly, such as '0 3 * * 0'");
				}
				continue;
			}
			String expected = kubernetesSchedule(definition);
			if (!schedule.equals(expected)) {
				problems.add(cronJob + " runs on '" + schedule + "'; " + definition.source() + " says '"
						+ definition.schedule() + "', which is '" + expected + "' for Kubernetes");
			}
		}
		byJob.forEach((job, definition) -> {
			int count = cronJobsPerJob.getOrDefault(job, 0);
			if (count == 0) {
				problems.add(job.equals(definition.jobName(Direction.RECONCILE))
						? definition.source() + " has no reconcile CronJob: add one to k8s/reconcile-cronjobs.yaml that"
								+ " runs " + job + " weekly"
						: definition.source() + " has no CronJob: add one to k8s/sync-cronjobs.yaml that runs " + job
								+ " on '" + kubernetesSchedule(definition) + "'");
			}
			else if (count > 1) {
				problems.add(count + " CronJobs run " + job + "; one per object type");
			}
		});
		return problems;
	}

	private static String kubernetesSchedule(JobDefinition definition) {
		try {
			return KubernetesCron.fromQuartz(definition.schedule());
		}
		catch (IllegalArgumentException ex) {
			return "(none: " + definition.source() + " has a schedule a CronJob cannot follow: " + ex.getMessage()
					+ ")";
		}
	}

}
