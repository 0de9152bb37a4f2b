package dev.sfsync.k8s;

import java.util.List;

import dev.sfsync.catalog.Direction;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobCatalogLoader;
import dev.sfsync.k8s.Manifests.Manifest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CronJob mode follows the job catalog: one CronJob per object type of {@code jobs/},
 * running its inbound job on the definition's schedule.
 */
class SyncCronJobsTests {

	private static final Manifests manifests = Manifests.load();

	private static final JobCatalog catalog = new JobCatalogLoader().load("file:jobs/");

	@Test
	void everyObjectTypeHasACronJobThatRunsItsInboundJobOnItsScheduleAndOneThatReconcilesItWeekly() {
		// then
		assertThat(SyncCronJobChecks.syncCronJobsMatch(manifests, catalog)).isEmpty();
		assertThat(SyncCronJobChecks.syncCronJobs(manifests)).extracting(Manifest::name)
			.hasSize(2 * catalog.definitions().size())
			.contains("sfsync-contact-inbound", "sfsync-opportunity-contact-role-inbound", "sfsync-invoice-c-inbound",
					"sfsync-contact-reconcile", "sfsync-invoice-c-reconcile");
	}

	@Test
	void aReconcileCronJobThatIsNotWeeklyOrMissingIsReported() {
		// given
		Manifests broken = manifests.copy();
		((tools.jackson.databind.node.ObjectNode) broken.document("CronJob", "sfsync-contact-reconcile").at("/spec"))
			.put("schedule", "*/5 * * * *");
		((tools.jackson.databind.node.ObjectNode) broken.document("CronJob", "sfsync-lead-reconcile")
			.at("/spec/jobTemplate/spec/template/spec/containers/0")).putArray("args")
			.add("run")
			.add("lead-inbound")
			.add(SyncCronJobChecks.CONNECTION_ARGUMENT)
			.add("--poll");

		// when
		List<String> problems = SyncCronJobChecks.syncCronJobsMatch(broken, catalog);

		// then
		assertThat(problems).contains(
				"CronJob sfsync-contact-reconcile (k8s/reconcile-cronjobs.yaml) runs on '*/5 * * * *'; a reconcile"
						+ " runs weekly, such as '0 3 * * 0'",
				"jobs/lead.yaml has no reconcile CronJob: add one to k8s/reconcile-cronjobs.yaml that runs"
						+ " lead-reconcile weekly",
				"2 CronJobs run lead-inbound; one per object type");
	}

	@Test
	void theScheduleIsTheDefinitionsQuartzCronInFiveFields() {
		// given
		String contactSchedule = catalog.find("contact").orElseThrow().schedule();

		// when
		String cronJobSchedule = manifests.document("CronJob", "sfsync-contact-inbound")
			.at("/spec/schedule")
			.asString();

		// then
		assertThat(contactSchedule).isEqualTo("0 */5 * * * ?");
		assertThat(cronJobSchedule).isEqualTo("*/5 * * * *");
	}

	@Test
	void anObjectTypeWithoutACronJobIsReported() {
		// given
		Manifests broken = manifests.copy();
		broken.document("CronJob", "sfsync-campaign-member-inbound")
			.withArray("/spec/jobTemplate/spec/template/spec/containers/0/args")
			.set(1, "campaign-inbound");

		// when
		List<String> problems = SyncCronJobChecks.syncCronJobsMatch(broken, catalog);

		// then
		assertThat(problems).contains(
				"jobs/campaign-member.yaml has no CronJob: add one to k8s/sync-cronjobs.yaml that runs"
						+ " campaign-member-inbound on '*/15 * * * *'",
				"2 CronJobs run campaign-inbound; one per object type");
	}

	@Test
	void aCronJobForAJobTheCatalogDoesNotHaveIsReported() {
		// given
		Manifests broken = manifests.copy();
		broken.document("CronJob", "sfsync-lead-inbound")
			.withArray("/spec/jobTemplate/spec/template/spec/containers/0/args")
			.set(1, "lead-backfill");

		// when
		List<String> problems = SyncCronJobChecks.syncCronJobsMatch(broken, catalog);

		// then
		assertThat(problems).contains(
				"CronJob sfsync-lead-inbound (k8s/sync-cronjobs.yaml) runs 'lead-backfill',"
						+ " which is not the inbound or reconcile job of an object type in jobs/; those are "
						+ catalog.definitions()
							.stream()
							.flatMap((definition) -> java.util.stream.Stream.of(definition.jobName(Direction.INBOUND),
									definition.jobName(Direction.RECONCILE)))
							.sorted()
							.toList(),
				"jobs/lead.yaml has no CronJob: add one to k8s/sync-cronjobs.yaml that runs lead-inbound on"
						+ " '*/5 * * * *'");
	}

	@Test
	void aScheduleThatDiffersFromTheDefinitionsIsReported() {
		// given
		Manifests broken = manifests.copy();
		broken.document("CronJob", "sfsync-user-inbound").withObject("/spec").put("schedule", "0 0 * * *");

		// when
		List<String> problems = SyncCronJobChecks.syncCronJobsMatch(broken, catalog);

		// then
		assertThat(problems).containsExactly("CronJob sfsync-user-inbound (k8s/sync-cronjobs.yaml) runs on"
				+ " '0 0 * * *'; jobs/user.yaml says '0 0 * * * ?', which is '0 * * * *' for Kubernetes");
	}

	@Test
	void aCronJobWithoutTheConnectionOrNamedAfterAnotherJobIsReported() {
		// given
		Manifests broken = manifests.copy();
		((ArrayNode) broken.document("CronJob", "sfsync-task-inbound")
			.at("/spec/jobTemplate/spec/template/spec/containers/0/args")).remove(2);
		broken.document("CronJob", "sfsync-event-inbound").withObject("/metadata").put("name", "sfsync-events");
		broken.document("CronJob", "sfsync-account-inbound")
			.withObject("/spec/jobTemplate/spec/template/metadata/labels")
			.put("sfsync.dev/job", "contact-inbound");

		// when
		List<String> problems = SyncCronJobChecks.syncCronJobsMatch(broken, catalog);

		// then
		assertThat(problems).containsExactlyInAnyOrder(
				"CronJob sfsync-task-inbound (k8s/sync-cronjobs.yaml) has args [run, task-inbound, --poll]; expected"
						+ " [run, task-inbound, --connection=$(SFSYNC_CONNECTION), --poll]",
				"CronJob sfsync-events (k8s/sync-cronjobs.yaml) runs event-inbound; name it sfsync-event-inbound",
				"CronJob sfsync-account-inbound (k8s/sync-cronjobs.yaml) needs the pod label sfsync.dev/job:"
						+ " account-inbound");
	}

	@Test
	void theRetentionCronJobIsNotASyncCronJob() {
		// then
		assertThat(SyncCronJobChecks.syncCronJobs(manifests)).extracting(Manifest::name)
			.doesNotContain("sfsync-activity-retention");
	}

}
