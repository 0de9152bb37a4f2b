package dev.sfsync.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.sfsync.k8s.Manifests.Container;
import dev.sfsync.k8s.Manifests.Manifest;
import dev.sfsync.k8s.Manifests.Pod;
import tools.jackson.databind.JsonNode;

/**
 * Checks that each manifest is a Kubernetes object the API server accepts: a known kind
 * at its API version, a valid name, the fields its kind needs, no misspelled field and
 * valid labels.
 */
final class ObjectChecks {

	private static final Map<String, String> API_VERSIONS = Map.of("ConfigMap", "v1", "Secret", "v1", "Service", "v1",
			"Deployment", "apps/v1", "PodDisruptionBudget", "policy/v1", "CronJob", "batch/v1", "Job", "batch/v1");

	/** Per kind, the fields it needs; "a | b" means either. */
	private static final Map<String, List<String>> REQUIRED_FIELDS = Map.of("ConfigMap", List.of("/data"), "Secret",
			List.of("/stringData | /data"), "Service", List.of("/spec/selector", "/spec/ports/0/port"), "Deployment",
			List.of("/spec/selector/matchLabels", "/spec/template/metadata/labels", "/spec/template/spec/containers/0"),
			"PodDisruptionBudget", List.of("/spec/selector/matchLabels", "/spec/minAvailable | /spec/maxUnavailable"),
			"CronJob", List.of("/spec/schedule", "/spec/jobTemplate/spec/template/spec/containers/0"), "Job",
			List.of("/spec/template/spec/containers/0"));

	private static final Set<String> METADATA_FIELDS = Set.of("name", "generateName", "namespace", "labels",
			"annotations");

	private static final Set<String> CRON_JOB_SPEC_FIELDS = Set.of("schedule", "timeZone", "startingDeadlineSeconds",
			"concurrencyPolicy", "suspend", "jobTemplate", "successfulJobsHistoryLimit", "failedJobsHistoryLimit");

	private static final Set<String> JOB_SPEC_FIELDS = Set.of("parallelism", "completions", "activeDeadlineSeconds",
			"podFailurePolicy", "successPolicy", "backoffLimit", "backoffLimitPerIndex", "maxFailedIndexes", "selector",
			"manualSelector", "template", "ttlSecondsAfterFinished", "completionMode", "suspend",
			"podReplacementPolicy", "managedBy");

	private static final Set<String> DEPLOYMENT_SPEC_FIELDS = Set.of("replicas", "selector", "template", "strategy",
			"minReadySeconds", "revisionHistoryLimit", "paused", "progressDeadlineSeconds");

	private static final Set<String> POD_SPEC_FIELDS = Set.of("volumes", "initContainers", "containers",
			"ephemeralContainers", "restartPolicy", "terminationGracePeriodSeconds", "activeDeadlineSeconds",
			"dnsPolicy", "nodeSelector", "serviceAccountName", "serviceAccount", "automountServiceAccountToken",
			"nodeName", "hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace", "securityContext",
			"imagePullSecrets", "hostname", "subdomain", "affinity", "schedulerName", "tolerations", "hostAliases",
			"priorityClassName", "priority", "dnsConfig", "readinessGates", "runtimeClassName", "enableServiceLinks",
			"preemptionPolicy", "overhead", "topologySpreadConstraints", "setHostnameAsFQDN", "os", "hostUsers",
			"schedulingGates", "resourceClaims", "resources");

	private static final Set<String> CONTAINER_FIELDS = Set.of("name", "image", "command", "args", "workingDir",
			"ports", "envFrom", "env", "resources", "resizePolicy", "restartPolicy", "volumeMounts", "volumeDevices",
			"livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath",
			"terminationMessagePolicy", "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty");

	private static final Pattern DNS_SUBDOMAIN = Pattern
		.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

	private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

	private static final Pattern SERVICE_NAME = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

	private static final Pattern GENERATE_NAME = Pattern.compile("[a-z0-9][-a-z0-9]*-");

	private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

	private static final int MAX_CRON_JOB_NAME = 52;

	private ObjectChecks() {
	}

	/** Each document is a known kind at its API version, with a valid name. */
	static List<String> kindsAndNames(Manifests manifests) {
		List<String> problems = new ArrayList<>();
		for (Manifest manifest : manifests.all()) {
			JsonNode document = manifest.document();
			String kind = manifest.kind();
			if (!document.path("apiVersion").isString() || kind.isEmpty()) {
				problems.add(manifest + " needs apiVersion and kind");
				continue;
			}
			if (!API_VERSIONS.containsKey(kind)) {
				problems.add(manifest + " is of an unknown kind; known: " + new TreeSet<>(API_VERSIONS.keySet()));
				continue;
			}
			if (!API_VERSIONS.get(kind).equals(document.path("apiVersion").asString())) {
				problems.add(manifest + " has apiVersion " + document.path("apiVersion").asString() + "; expected "
						+ API_VERSIONS.get(kind));
			}
			JsonNode metadata = document.path("metadata");
			if (metadata.path("name").isString()) {
				problems.addAll(nameProblems(manifest, metadata.path("name").asString()));
			}
			else if (kind.equals("Job") && metadata.path("generateName").isString()) {
				if (!GENERATE_NAME.matcher(metadata.path("generateName").asString()).matches()) {
					problems.add(manifest + " has a generateName that is not lower-case letters, digits and '-',"
							+ " ending with '-'");
				}
			}
			else {
				problems
					.add(manifest + " needs metadata.name" + (kind.equals("Job") ? " or metadata.generateName" : ""));
			}
		}
		return problems;
	}

	private static List<String> nameProblems(Manifest manifest, String name) {
		boolean valid = manifest.kind().equals("Service") ? SERVICE_NAME.matcher(name).matches() && name.length() <= 63
				: DNS_SUBDOMAIN.matcher(name).matches() && name.length() <= 253;
		if (!valid) {
			return List.of(manifest + " has a name Kubernetes refuses: lower-case letters, digits and '-' only"
					+ (manifest.kind().equals("Service") ? ", starting with a letter" : ""));
		}
		if (manifest.kind().equals("CronJob") && name.length() > MAX_CRON_JOB_NAME) {
			return List.of(manifest + " has a name of " + name.length() + " characters; a CronJob's may have at most "
					+ MAX_CRON_JOB_NAME + " (its Jobs add 11)");
		}
		return List.of();
	}

	/**
	 * Each document has the fields its kind needs, and each container a name and image.
	 */
	static List<String> requiredFields(Manifests manifests) {
		List<String> problems = new ArrayList<>();
		for (Manifest manifest : manifests.all()) {
			for (String required : REQUIRED_FIELDS.getOrDefault(manifest.kind(), List.of())) {
				boolean present = List.of(required.split(" \\| "))
					.stream()
					.anyMatch((pointer) -> !manifest.document().at(pointer).isMissingNode()
							&& !manifest.document().at(pointer).isNull());
				if (!present) {
					problems.add(manifest + " needs " + required);
				}
			}
		}
		for (Container container : manifests.containers()) {
			if (!DNS_LABEL.matcher(container.name()).matches()) {
				problems.add(container + " needs a name of lower-case letters, digits and '-'");
			}
			if (container.image().isBlank()) {
				problems.add(container + " needs an image");
			}
		}
		return problems;
	}

	/**
	 * No misspelled field in the parts of a manifest sfsync relies on (the API server
	 * would refuse it, or an older client drop it silently).
	 */
	static List<String> unknownFields(Manifests manifests) {
		List<String> problems = new ArrayList<>();
		for (Manifest manifest : manifests.all()) {
			unknown(problems, manifest + " metadata", manifest.document().path("metadata"), METADATA_FIELDS);
			switch (manifest.kind()) {
				case "CronJob" ->
					unknown(problems, manifest + " spec", manifest.document().path("spec"), CRON_JOB_SPEC_FIELDS);
				case "Deployment" ->
					unknown(problems, manifest + " spec", manifest.document().path("spec"), DEPLOYMENT_SPEC_FIELDS);
				default -> {
				}
			}
		}
		for (Pod pod : manifests.pods()) {
			if (pod.isJob()) {
				unknown(problems, "the Job spec of " + pod.owner(), pod.jobSpec(), JOB_SPEC_FIELDS);
			}
			unknown(problems, "the pod spec of " + pod.owner(), pod.spec(), POD_SPEC_FIELDS);
			pod.containers()
				.forEach((container) -> unknown(problems, container.toString(), container.node(), CONTAINER_FIELDS));
		}
		return problems;
	}

	private static void unknown(List<String> problems, String where, JsonNode node, Set<String> known) {
		for (String field : node.propertyNames()) {
			if (!known.contains(field)) {
				problems.add(where + " has an unknown field '" + field + "'");
			}
		}
	}

	/** Labels and selectors are string maps of valid keys and values. */
	static List<String> labels(Manifests manifests) {
		List<String> problems = new ArrayList<>();
		for (Manifest manifest : manifests.all()) {
			List<String> pointers = new ArrayList<>(List.of("/metadata/labels", "/spec/selector/matchLabels",
					"/spec/template/metadata/labels", "/spec/jobTemplate/spec/template/metadata/labels"));
			if (manifest.kind().equals("Service")) {
				pointers.add("/spec/selector");
			}
			for (String pointer : pointers) {
				JsonNode labels = manifest.document().at(pointer);
				for (Map.Entry<String, JsonNode> label : labels.properties()) {
					String where = manifest + " " + pointer + " " + label.getKey();
					if (!validLabelKey(label.getKey())) {
						problems.add(where + ": not a valid label key");
					}
					if (!label.getValue().isString() || !validLabelValue(label.getValue().asString())) {
						problems.add(where + ": not a valid label value (a string of at most 63 letters, digits,"
								+ " '-', '_' or '.')");
					}
				}
			}
		}
		return problems;
	}

	private static boolean validLabelKey(String key) {
		int slash = key.indexOf('/');
		String prefix = (slash >= 0) ? key.substring(0, slash) : null;
		String name = key.substring(slash + 1);
		return (prefix == null || DNS_SUBDOMAIN.matcher(prefix).matches() && prefix.length() <= 253)
				&& LABEL_NAME.matcher(name).matches() && name.length() <= 63;
	}

	private static boolean validLabelValue(String value) {
		return value.isEmpty() || LABEL_NAME.matcher(value).matches() && value.length() <= 63;
	}

}
