package dev.sfsync.k8s;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.sfsync.k8s.Manifests.Container;
import dev.sfsync.k8s.Manifests.Manifest;
import dev.sfsync.k8s.Manifests.Pod;
import tools.jackson.databind.JsonNode;

/**
 * Checks the sfsync service and how the manifests are applied: replicas, probes, the
 * Service and disruption budget, the kustomization and the choice of scheduling mode.
 */
final class ServiceChecks {

	private ServiceChecks() {
	}

	/**
	 * The service runs on at least two replicas, with liveness and readiness probes on
	 * Boot's health groups at port 8080.
	 */
	static List<String> serviceDeployment(Manifests manifests) {
		List<String> problems = new ArrayList<>();
		List<Manifest> deployments = manifests.ofKind("Deployment");
		if (deployments.size() != 1) {
			return List.of("k8s/ must define one Deployment, the sfsync service; it defines " + deployments.size());
		}
		Manifest deployment = deployments.get(0);
		JsonNode replicas = deployment.document().at("/spec/replicas");
		if (!replicas.isIntegralNumber() || replicas.asInt() < 2) {
			problems.add(deployment + " needs at least 2 replicas; it has "
					+ (replicas.isMissingNode() ? "1 (unset)" : replicas.toString()));
		}
		for (Container container : serviceContainers(manifests)) {
			if (!containerPorts(container).containsValue(8080)) {
				problems.add(container + " needs containerPort 8080");
			}
			probe(problems, container, "livenessProbe", "/actuator/health/liveness");
			probe(problems, container, "readinessProbe", "/actuator/health/readiness");
		}
		return problems;
	}

	private static void probe(List<String> problems, Container container, String probe, String path) {
		JsonNode httpGet = container.node().path(probe).path("httpGet");
		if (!httpGet.path("path").asString("").equals(path)) {
			problems.add(container + " needs a " + probe + " on " + path);
		}
		else if (!Objects.equals(port(container, httpGet.path("port")), 8080)) {
			problems.add(container + "'s " + probe + " must use port 8080; it uses " + httpGet.path("port"));
		}
	}

	/**
	 * The Service sends traffic to the service's pods and never to a Job's; the
	 * disruption budget keeps one of them.
	 */
	static List<String> serviceRouting(Manifests manifests) {
		List<String> problems = new ArrayList<>();
		List<Pod> servicePods = manifests.pods().stream().filter((pod) -> !pod.isJob()).toList();
		List<Pod> jobPods = manifests.pods().stream().filter(Pod::isJob).toList();
		List<Manifest> services = manifests.ofKind("Service");
		if (services.isEmpty()) {
			problems.add("k8s/ needs a Service in front of the Deployment");
		}
		for (Manifest service : services) {
			JsonNode selector = service.document().at("/spec/selector");
			if (selector.isEmpty() || servicePods.stream().noneMatch((pod) -> selects(selector, pod.labels()))) {
				problems.add(service + " selects no pod of the Deployment");
			}
			jobPods.stream()
				.filter((pod) -> selects(selector, pod.labels()))
				.forEach((pod) -> problems.add(service + " also selects " + pod + ", which serve no web requests"));
			for (JsonNode port : service.document().at("/spec/ports").values()) {
				JsonNode target = port.has("targetPort") ? port.path("targetPort") : port.path("port");
				boolean found = serviceContainers(manifests).stream()
					.anyMatch((container) -> port(container, target) != null);
				if (!found) {
					problems.add(service + " sends port " + port.path("port") + " to " + target
							+ ", which no container of the Deployment exposes");
				}
			}
		}
		for (Manifest budget : manifests.ofKind("PodDisruptionBudget")) {
			JsonNode selector = budget.document().at("/spec/selector/matchLabels");
			if (servicePods.stream().noneMatch((pod) -> selects(selector, pod.labels()))) {
				problems.add(budget + " selects no pod of the Deployment");
			}
			int replicas = manifests.ofKind("Deployment")
				.stream()
				.mapToInt((deployment) -> deployment.document().at("/spec/replicas").asInt(1))
				.min()
				.orElse(1);
			JsonNode minAvailable = budget.document().at("/spec/minAvailable");
			if (minAvailable.isIntegralNumber() && minAvailable.asInt() >= replicas) {
				problems.add(budget + " keeps " + minAvailable.asInt() + " of " + replicas
						+ " replicas available, so no node holding one can ever be drained");
			}
		}
		return problems;
	}

	private static List<Container> serviceContainers(Manifests manifests) {
		return manifests.pods()
			.stream()
			.filter((pod) -> !pod.isJob())
			.flatMap((pod) -> pod.containers().stream())
			.toList();
	}

	private static boolean selects(JsonNode selector, JsonNode labels) {
		return !selector.isEmpty() && selector.properties()
			.stream()
			.allMatch((entry) -> entry.getValue().equals(labels.path(entry.getKey())));
	}

	private static Map<String, Integer> containerPorts(Container container) {
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (JsonNode port : container.node().path("ports").values()) {
			ports.put(port.path("name").asString(String.valueOf(port.path("containerPort").asInt())),
					port.path("containerPort").asInt());
		}
		return ports;
	}

	/** The container port a probe or Service port means, by number or by name. */
	private static Integer port(Container container, JsonNode port) {
		Map<String, Integer> ports = containerPorts(container);
		if (port.isIntegralNumber()) {
			return ports.containsValue(port.asInt()) ? port.asInt() : null;
		}
		return ports.get(port.asString(""));
	}

	/**
	 * {@code kubectl apply -k k8s/} applies every manifest except the Secret example and
	 * the templates, which must never be applied as they are.
	 */
	static List<String> kustomization(Manifests manifests) {
		JsonNode kustomization = manifests.kustomization();
		if (kustomization.isMissingNode()) {
			return List.of("k8s/" + Manifests.KUSTOMIZATION + " is missing");
		}
		List<String> problems = new ArrayList<>();
		if (!kustomization.path("apiVersion").asString("").equals("kustomize.config.k8s.io/v1beta1")
				|| !kustomization.path("kind").asString("").equals("Kustomization")) {
			problems.add("k8s/" + Manifests.KUSTOMIZATION
					+ " needs apiVersion kustomize.config.k8s.io/v1beta1 and kind Kustomization");
		}
		Set<String> listed = new LinkedHashSet<>(
				kustomization.path("resources").values().stream().map((resource) -> resource.asString("")).toList());
		for (String file : manifests.files()) {
			boolean applied = !file.equals(Manifests.KUSTOMIZATION) && !file.contains(".example.")
					&& !file.contains(".template.");
			if (applied && !listed.contains(file)) {
				problems.add("k8s/" + Manifests.KUSTOMIZATION + " does not apply " + file);
			}
			if (!applied && listed.contains(file)) {
				problems.add("k8s/" + Manifests.KUSTOMIZATION + " applies " + file + ", which must not be applied as"
						+ " it is");
			}
		}
		listed.stream()
			.filter((file) -> !manifests.files().contains(file))
			.forEach((file) -> problems
				.add("k8s/" + Manifests.KUSTOMIZATION + " lists " + file + ", which is not in k8s/"));
		return problems;
	}

	/**
	 * The service's Quartz schedules are off when the CronJobs run the inbound jobs, and
	 * on when they do not: never both modes, never neither.
	 */
	static List<String> schedulingModes(Manifests manifests) {
		Set<String> applied = new HashSet<>(manifests.kustomization()
			.path("resources")
			.values()
			.stream()
			.map((file) -> file.asString(""))
			.toList());
		boolean cronJobs = SyncCronJobChecks.syncCronJobs(manifests)
			.stream()
			.anyMatch((cronJob) -> applied.contains(cronJob.file()));
		List<String> problems = new ArrayList<>();
		for (Container container : serviceContainers(manifests)) {
			boolean quartzOff = container.node()
				.path("env")
				.values()
				.stream()
				.anyMatch((variable) -> variable.path("name").asString("").equals("SPRING_QUARTZ_AUTO_STARTUP")
						&& variable.path("value").asString("").equals("false"));
			if (cronJobs && !quartzOff) {
				problems.add(container + " schedules the inbound jobs with Quartz while the sync CronJobs run them"
						+ " too; set SPRING_QUARTZ_AUTO_STARTUP to \"false\"");
			}
			if (!cronJobs && quartzOff) {
				problems.add(container + " turns Quartz off, but no sync CronJob is applied: nothing would run the"
						+ " inbound jobs");
			}
		}
		return problems;
	}

}
