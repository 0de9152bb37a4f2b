package dev.sfsync.k8s;

import java.util.List;

import dev.sfsync.k8s.Manifests.Manifest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every manifest of {@code k8s/} is a Kubernetes object the API server accepts, and each
 * check also catches a broken copy.
 */
class KubernetesObjectsTests {

	private static final Manifests manifests = Manifests.load();

	private static final String RETENTION = "sfsync-activity-retention";

	private static final String CONTACT = "sfsync-contact-inbound";

	@Test
	void everyDocumentIsAKnownKindAtItsApiVersionWithAValidName() {
		// then
		assertThat(manifests.all()).extracting(Manifest::kind)
			.contains("ConfigMap", "Secret", "Deployment", "PodDisruptionBudget", "Service", "CronJob", "Job");
		assertThat(ObjectChecks.kindsAndNames(manifests)).isEmpty();
	}

	@Test
	void aDocumentOfAnUnknownKindWithoutANameOrWithAnInvalidNameIsReported() {
		// given
		Manifests broken = manifests.copy();
		broken.document("Deployment", "sfsync").withObject("/metadata").remove("name");
		broken.document("CronJob", CONTACT).withObject("/metadata").put("name", "sfsync-invoice__c-inbound");
		broken.document("CronJob", RETENTION)
			.withObject("/metadata")
			.put("name", "sfsync-opportunity-contact-role-inbound-for-acme-production");
		broken.document("Service", "sfsync").put("kind", "Servce");

		// when
		List<String> problems = ObjectChecks.kindsAndNames(broken);

		// then
		assertThat(problems).hasSize(4)
			.anyMatch((problem) -> problem.startsWith("Deployment (unnamed) (k8s/deployment.yaml) needs metadata.name"))
			.anyMatch((problem) -> problem.contains("sfsync-invoice__c-inbound") && problem.contains("refuses"))
			.anyMatch((problem) -> problem.contains("a CronJob's may have at most 52"))
			.anyMatch((problem) -> problem.startsWith("Servce sfsync") && problem.contains("unknown kind"));
	}

	@Test
	void everyKindHasTheFieldsItNeeds() {
		// then
		assertThat(ObjectChecks.requiredFields(manifests)).isEmpty();
	}

	@Test
	void aCronJobWithoutAScheduleOrAContainerWithoutAnImageIsReported() {
		// given
		Manifests broken = manifests.copy();
		broken.document("CronJob", CONTACT).withObject("/spec").remove("schedule");
		broken.document("Deployment", "sfsync").withObject("/spec/template/spec/containers/0").remove("image");
		broken.document("Secret", ConfigurationChecks.SECRET).remove("stringData");

		// when
		List<String> problems = ObjectChecks.requiredFields(broken);

		// then
		assertThat(problems).containsExactlyInAnyOrder(
				"CronJob " + CONTACT + " (k8s/sync-cronjobs.yaml) needs /spec/schedule",
				"Secret sfsync-secrets (k8s/secret.example.yaml) needs /stringData | /data",
				"container sfsync of Deployment sfsync (k8s/deployment.yaml) needs an image");
	}

	@Test
	void noFieldIsMisspelled() {
		// then
		assertThat(ObjectChecks.unknownFields(manifests)).isEmpty();
	}

	@Test
	void aMisspelledFieldIsReportedWhereverItIs() {
		// given
		Manifests broken = manifests.copy();
		broken.document("CronJob", CONTACT).withObject("/spec").put("concurrencypolicy", "Forbid");
		broken.document("CronJob", CONTACT).withObject("/spec/jobTemplate/spec").put("backOffLimit", 2);
		broken.document("Deployment", "sfsync")
			.withObject("/spec/template/spec")
			.put("terminationGracePeriodSecond", 120);
		broken.document("Deployment", "sfsync")
			.withObject("/spec/template/spec/containers/0")
			.set("livenesProbe",
					broken.document("Deployment", "sfsync")
						.at("/spec/template/spec/containers/0/livenessProbe")
						.deepCopy());

		// when
		List<String> problems = ObjectChecks.unknownFields(broken);

		// then
		assertThat(problems).containsExactlyInAnyOrder(
				"CronJob " + CONTACT + " (k8s/sync-cronjobs.yaml) spec has an unknown field 'concurrencypolicy'",
				"the Job spec of CronJob " + CONTACT + " (k8s/sync-cronjobs.yaml) has an unknown field 'backOffLimit'",
				"the pod spec of Deployment sfsync (k8s/deployment.yaml) has an unknown field"
						+ " 'terminationGracePeriodSecond'",
				"container sfsync of Deployment sfsync (k8s/deployment.yaml) has an unknown field 'livenesProbe'");
	}

	@Test
	void labelsAndSelectorsAreValid() {
		// then
		assertThat(ObjectChecks.labels(manifests)).isEmpty();
	}

	@Test
	void aLabelValueThatIsNotAStringOrTooLongIsReported() {
		// given
		Manifests broken = manifests.copy();
		broken.document("Service", "sfsync").withObject("/spec/selector").put("app.kubernetes.io/component", true);
		broken.document("CronJob", CONTACT)
			.withObject("/metadata/labels")
			.put("sfsync.dev/job", "contact-inbound-".repeat(5));

		// when
		List<String> problems = ObjectChecks.labels(broken);

		// then
		assertThat(problems).hasSize(2)
			.allMatch((problem) -> problem
				.endsWith("not a valid label value (a string of at most 63 letters," + " digits, '-', '_' or '.')"));
	}

}
