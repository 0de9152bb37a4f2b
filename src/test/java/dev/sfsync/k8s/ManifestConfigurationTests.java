package dev.sfsync.k8s;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests configure sfsync alike (one image, one ConfigMap, one Secret, every
 * variable defined), and each check also catches a broken copy.
 */
class ManifestConfigurationTests {

	private static final Manifests manifests = Manifests.load();

	private static final String RETENTION = "sfsync-activity-retention";

	private static final String CONTACT = "sfsync-contact-inbound";

	@Test
	void everyContainerRunsTheSameImage() {
		// then
		assertThat(manifests.containers()).extracting(Manifests.Container::image).contains("sfsync:0.1.0");
		assertThat(ConfigurationChecks.oneImage(manifests)).isEmpty();
	}

	@Test
	void aContainerWithAnotherImageIsReported() {
		// given
		Manifests broken = manifests.copy();
		broken.document("CronJob", RETENTION)
			.withObject("/spec/jobTemplate/spec/template/spec/containers/0")
			.put("image", "sfsync:0.0.9");

		// when
		List<String> problems = ConfigurationChecks.oneImage(broken);

		// then
		assertThat(problems).singleElement()
			.asString()
			.isEqualTo("The containers run 2 images; all must run the same sfsync image: sfsync:0.0.9 in container"
					+ " sfsync of CronJob " + RETENTION + " (k8s/activity-retention-cronjob.yaml); sfsync:0.1.0 in"
					+ " 24 containers");
	}

	@Test
	void everyReferenceNamesTheConfigMapOrTheSecretOfK8sAndAKeyTheyDefine() {
		// then
		assertThat(ConfigurationChecks.configurationReferences(manifests)).isEmpty();
	}

	@Test
	void aReferenceToAnotherConfigMapSecretOrKeyIsReported() {
		// given
		Manifests broken = manifests.copy();
		broken.document("Deployment", "sfsync")
			.withObject("/spec/template/spec/containers/0/envFrom/1/secretRef")
			.put("name", "sfsync-secret");
		broken.document("CronJob", CONTACT)
			.withObject("/spec/jobTemplate/spec/template/spec/containers/0/env/0/valueFrom/configMapKeyRef")
			.put("key", "SFSYNC_CONECTION");
		broken.document("CronJob", RETENTION)
			.withObject("/spec/jobTemplate/spec/template/spec/containers/0/envFrom/0/configMapRef")
			.put("name", "sfsync-configuration");

		// when
		List<String> problems = ConfigurationChecks.configurationReferences(broken);

		// then
		assertThat(problems).containsExactlyInAnyOrder(
				"container sfsync of Deployment sfsync (k8s/deployment.yaml) refers to Secret 'sfsync-secret'; the"
						+ " Secret of k8s/ is sfsync-secrets",
				"container sfsync of CronJob " + CONTACT + " (k8s/sync-cronjobs.yaml) refers to key"
						+ " 'SFSYNC_CONECTION' of ConfigMap sfsync-config, which does not define it",
				"container sfsync of CronJob " + RETENTION + " (k8s/activity-retention-cronjob.yaml) refers to"
						+ " ConfigMap 'sfsync-configuration'; the ConfigMap of k8s/ is sfsync-config");
	}

	@Test
	void aSecondConfigMapIsReported() {
		// given
		Manifests broken = manifests.copy();
		broken.document("Secret", ConfigurationChecks.SECRET).put("kind", "ConfigMap");

		// when
		List<String> problems = ConfigurationChecks.configurationReferences(broken);

		// then
		assertThat(problems).contains(
				"k8s/ must define exactly one ConfigMap, sfsync-config; it defines [sfsync-config, sfsync-secrets]",
				"k8s/ must define exactly one Secret, sfsync-secrets; it defines []");
	}

	@Test
	void everyContainerGetsTheDatabaseAndTheCredentialsKeyWithSecretsFromTheSecretOnly() {
		// then
		assertThat(manifests.document("ConfigMap", ConfigurationChecks.CONFIG_MAP)
			.at("/data/SPRING_DATASOURCE_URL")
			.asString()).isEqualTo("jdbc:mysql://mysql:3306/sfsync");
		assertThat(ConfigurationChecks.settings(manifests)).isEmpty();
	}

	@Test
	void theServiceTakesTheClientAndHttpsFromTheIngresssForwardedHeaders() {
		// then: Secure cookies behind TLS, sign-in failures counted per client address
		assertThat(manifests.document("ConfigMap", ConfigurationChecks.CONFIG_MAP)
			.at("/data/SERVER_FORWARD_HEADERS_STRATEGY")
			.asString()).isEqualTo("native");
	}

	@Test
	void aMissingSettingASecretInTheConfigMapOrASettingInBothIsReported() {
		// given
		Manifests broken = manifests.copy();
		ObjectNode secret = broken.document("Secret", ConfigurationChecks.SECRET);
		ObjectNode configMap = broken.document("ConfigMap", ConfigurationChecks.CONFIG_MAP);
		configMap.withObject("/data").set("SFSYNC_CREDENTIALS_KEY", secret.at("/stringData/SFSYNC_CREDENTIALS_KEY"));
		secret.withObject("/stringData").remove("SFSYNC_CREDENTIALS_KEY");
		secret.withObject("/stringData").put("SFSYNC_CATALOG_LOCATION", "classpath:jobs/");

		// when
		List<String> problems = ConfigurationChecks.settings(broken);

		// then
		assertThat(problems)
			.contains("[SFSYNC_CATALOG_LOCATION] are defined in both sfsync-config and"
					+ " sfsync-secrets; keep each in one place")
			.contains("container sfsync of Deployment sfsync (k8s/deployment.yaml) gets the secret"
					+ " SFSYNC_CREDENTIALS_KEY from ConfigMap sfsync-config; secrets come from sfsync-secrets");
	}

	@Test
	void aContainerWithoutTheDatabasePasswordIsReported() {
		// given
		Manifests broken = manifests.copy();
		((ArrayNode) broken.document("CronJob", CONTACT)
			.at("/spec/jobTemplate/spec/template/spec/containers/0/envFrom")).remove(1);

		// when
		List<String> problems = ConfigurationChecks.settings(broken);

		// then
		assertThat(problems).containsExactly(
				"container sfsync of CronJob " + CONTACT + " (k8s/sync-cronjobs.yaml) does not get"
						+ " SPRING_DATASOURCE_USERNAME",
				"container sfsync of CronJob " + CONTACT + " (k8s/sync-cronjobs.yaml) does not get"
						+ " SPRING_DATASOURCE_PASSWORD",
				"container sfsync of CronJob " + CONTACT + " (k8s/sync-cronjobs.yaml) does not get"
						+ " SFSYNC_CREDENTIALS_KEY");
	}

	@Test
	void everyConfigMapSecretAndEnvValueIsAString() {
		// then
		assertThat(ConfigurationChecks.stringValues(manifests)).isEmpty();
	}

	@Test
	void anUnquotedBooleanOrNumberIsReported() {
		// given
		Manifests broken = manifests.copy();
		broken.document("ConfigMap", ConfigurationChecks.CONFIG_MAP)
			.withObject("/data")
			.put("SFSYNC_ACTIVITY_RETENTION", 30);
		broken.document("Deployment", "sfsync")
			.withObject("/spec/template/spec/containers/0/env/0")
			.put("value", false);

		// when
		List<String> problems = ConfigurationChecks.stringValues(broken);

		// then
		assertThat(problems).containsExactlyInAnyOrder(
				"ConfigMap sfsync-config (k8s/configmap.yaml) data.SFSYNC_ACTIVITY_RETENTION is number; quote it",
				"container sfsync of Deployment sfsync (k8s/deployment.yaml) env SPRING_QUARTZ_AUTO_STARTUP is not"
						+ " a string; quote it");
	}

	@Test
	void everyVariableInACommandLineIsDefinedForItsContainer() {
		// then
		assertThat(ConfigurationChecks.commandLineVariables(manifests)).isEmpty();
	}

	@Test
	void anUndefinedVariableInTheArgumentsIsReported() {
		// given
		Manifests broken = manifests.copy();
		broken.document("ConfigMap", ConfigurationChecks.CONFIG_MAP).withObject("/data").remove("SFSYNC_CONNECTION");
		((ObjectNode) broken.document("CronJob", CONTACT).at("/spec/jobTemplate/spec/template/spec/containers/0"))
			.remove("env");

		// when
		List<String> problems = ConfigurationChecks.commandLineVariables(broken);

		// then
		assertThat(problems).containsExactly("container sfsync of CronJob " + CONTACT + " (k8s/sync-cronjobs.yaml)"
				+ " uses $(SFSYNC_CONNECTION) in '--connection=$(SFSYNC_CONNECTION)', but does not define it");
	}

}
