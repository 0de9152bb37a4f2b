package dev.sfsync.k8s;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sfsync service runs on two probed replicas behind a Service, the kustomization
 * applies what it should and one scheduling mode is on, and each check also catches a
 * broken copy.
 */
class ServiceManifestsTests {

	private static final Manifests manifests = Manifests.load();

	private static final String CONTACT = "sfsync-contact-inbound";

	@Test
	void theServiceRunsOnTwoReplicasWithLivenessAndReadinessProbesOnPort8080() {
		// then
		assertThat(manifests.document("Deployment", "sfsync").at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(2);
		assertThat(ServiceChecks.serviceDeployment(manifests)).isEmpty();
	}

	@Test
	void oneReplicaAMissingProbeOrAProbeOnAnotherPortIsReported() {
		// given
		Manifests broken = manifests.copy();
		ObjectNode deployment = broken.document("Deployment", "sfsync");
		deployment.withObject("/spec").put("replicas", 1);
		deployment.withObject("/spec/template/spec/containers/0").remove("readinessProbe");
		deployment.withObject("/spec/template/spec/containers/0/livenessProbe/httpGet").put("port", 8081);

		// when
		List<String> problems = ServiceChecks.serviceDeployment(broken);

		// then
		assertThat(problems).containsExactlyInAnyOrder(
				"Deployment sfsync (k8s/deployment.yaml) needs at least 2 replicas; it has 1",
				"container sfsync of Deployment sfsync (k8s/deployment.yaml)'s livenessProbe must use port 8080;"
						+ " it uses 8081",
				"container sfsync of Deployment sfsync (k8s/deployment.yaml) needs a readinessProbe on"
						+ " /actuator/health/readiness");
	}

	@Test
	void theServiceSendsTrafficToTheDeploymentsPodsOnly() {
		// then
		assertThat(ServiceChecks.serviceRouting(manifests)).isEmpty();
	}

	@Test
	void aServiceThatAlsoSelectsJobPodsOrSendsToAnUnknownPortIsReported() {
		// given
		Manifests broken = manifests.copy();
		ObjectNode service = broken.document("Service", "sfsync");
		service.withObject("/spec/selector").remove("app.kubernetes.io/component");
		service.withObject("/spec/ports/0").put("targetPort", "web");
		broken.document("PodDisruptionBudget", "sfsync").withObject("/spec").put("minAvailable", 2);

		// when
		List<String> problems = ServiceChecks.serviceRouting(broken);

		// then
		assertThat(problems).contains(
				"Service sfsync (k8s/service.yaml) also selects the pods of CronJob " + CONTACT
						+ " (k8s/sync-cronjobs.yaml), which serve no web requests",
				"Service sfsync (k8s/service.yaml) sends port 8080 to \"web\", which no container of the"
						+ " Deployment exposes",
				"PodDisruptionBudget sfsync (k8s/deployment.yaml) keeps 2 of 2 replicas available, so no node"
						+ " holding one can ever be drained");
	}

	@Test
	void theKustomizationAppliesEveryManifestButTheSecretExampleAndTheTemplates() {
		// then
		assertThat(ServiceChecks.kustomization(manifests)).isEmpty();
	}

	@Test
	void aManifestTheKustomizationForgetsOrAnExampleItAppliesIsReported() {
		// given
		Manifests broken = manifests.copy();
		ArrayNode resources = (ArrayNode) broken.kustomization().path("resources");
		resources.removeIf((resource) -> resource.asString().equals("service.yaml"));
		resources.add("secret.example.yaml");
		resources.add("mysql.yaml");

		// when
		List<String> problems = ServiceChecks.kustomization(broken);

		// then
		assertThat(problems).containsExactlyInAnyOrder("k8s/kustomization.yaml does not apply service.yaml",
				"k8s/kustomization.yaml applies secret.example.yaml, which must not be applied as it is",
				"k8s/kustomization.yaml lists mysql.yaml, which is not in k8s/");
	}

	@Test
	void theServiceLeavesTheInboundJobsToTheCronJobs() {
		// then
		assertThat(SyncCronJobChecks.syncCronJobs(manifests)).isNotEmpty();
		assertThat(ServiceChecks.schedulingModes(manifests)).isEmpty();
	}

	@Test
	void bothModesAtOnceOrNeitherIsReported() {
		// given
		Manifests bothModes = manifests.copy();
		((ArrayNode) bothModes.document("Deployment", "sfsync").at("/spec/template/spec/containers/0/env")).remove(0);
		Manifests neither = manifests.copy();
		((ArrayNode) neither.kustomization().path("resources"))
			.removeIf((resource) -> resource.asString().endsWith("-cronjobs.yaml"));

		// when
		List<String> bothProblems = ServiceChecks.schedulingModes(bothModes);
		List<String> neitherProblems = ServiceChecks.schedulingModes(neither);

		// then
		assertThat(bothProblems).singleElement()
			.asString()
			.contains("schedules the inbound jobs with Quartz while the sync CronJobs run them too");
		assertThat(neitherProblems).singleElement()
			.asString()
			.contains("turns Quartz off, but no sync CronJob is applied");
	}

}
