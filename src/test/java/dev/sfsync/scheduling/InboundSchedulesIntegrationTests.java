package dev.sfsync.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.connection.AuthFlow;
import dev.sfsync.connection.ConnectionRequest;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.connection.Credentials;
import dev.sfsync.system.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbound triggers follow the connections: created with a connection, on its schedule
 * override or the definition's cron, replaced when the cron changes, kept (with their
 * next fire) when nothing changed, removed while paused and when deleted.
 */
class InboundSchedulesIntegrationTests extends IntegrationTestSupport {

	@Autowired
	ConnectionService connections;

	@Autowired
	InboundSchedules schedules;

	@Autowired
	Scheduler scheduler;

	@Autowired
	JobCatalog catalog;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void triggersFollowTheConnectionThroughItsLife() throws Exception {
		// Given a connection whose contacts sync every ten minutes, whose accounts are
		// reconciled daily and whose users never
		this.connections.create(request(
				Map.of("contact", "0 */10 * * * ?", "account-reconcile", "0 0 4 * * ?", "user-reconcile", "never")));
		int objectTypes = this.catalog.definitions().size();

		// Then every object type has a trigger, on the override as written or the
		// definition's cron spread over its period for this connection; and a weekly
		// reconcile trigger at a time of its own, unless the connection says otherwise
		assertThat(this.schedules.scheduled("life")).hasSize(2 * objectTypes - 1)
			.contains("contact", "account", "contact-reconcile", "account-reconcile")
			.doesNotContain("user-reconcile");
		assertThat(reconcileCron("account")).isEqualTo("0 0 4 * * ?");
		assertThat(reconcileCron("contact")).isEqualTo(CronSpread.weekly("life/contact"))
			.matches("\\d{1,2} \\d{1,2} \\d{1,2} \\? \\* [1-7]");
		assertThat(cron("contact")).isEqualTo("0 */10 * * * ?");
		assertThat(this.catalog.find("account").orElseThrow().schedule()).isEqualTo("0 */5 * * * ?");
		assertThat(cron("account")).isEqualTo(CronSpread.of("0 */5 * * * ?", "life/account"))
			.matches("\\d{1,2} [0-4]/5 \\* \\* \\* \\?");
		CronTrigger account = (CronTrigger) this.scheduler.getTrigger(key("account"));
		assertThat(account.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);

		// When a replica starts, nothing that is unchanged is replaced (a missed fire
		// stays missed, and fires once)
		this.jdbc.update("UPDATE QRTZ_TRIGGERS SET NEXT_FIRE_TIME = ? WHERE TRIGGER_NAME = 'life/account'",
				System.currentTimeMillis() - 3_600_000);
		this.schedules.reconcileAll();
		assertThat(this.scheduler.getTrigger(key("account")).getNextFireTime())
			.isBefore(new Date(System.currentTimeMillis() - 3_000_000));

		// When the override changes, the trigger follows
		this.connections.update(request(Map.of("contact", "0 */20 * * * ?")));
		assertThat(cron("contact")).isEqualTo("0 */20 * * * ?");

		// When paused, no triggers; resumed, all back; deleted, none
		this.connections.pause("life");
		assertThat(this.schedules.scheduled("life")).isEmpty();
		this.connections.resume("life");
		assertThat(this.schedules.scheduled("life")).as("users reconciled weekly again").hasSize(2 * objectTypes);
		this.connections.delete("life");
		assertThat(this.schedules.scheduled("life")).isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS WHERE JOB_NAME LIKE 'life/%'",
				Integer.class))
			.isZero();
	}

	@Test
	void aBusyReconcileFiresOnceMoreSoonAndTheRetryGoesWithItsSchedule() throws Exception {
		this.connections.create(request(Map.of()));
		JobKey reconcile = new JobKey("life/contact", InboundSchedules.RECONCILE_GROUP);
		Instant at = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);

		InboundSyncTrigger.retrySoon(this.scheduler, reconcile, at);
		InboundSyncTrigger.retrySoon(this.scheduler, reconcile, at.plusSeconds(60));

		Trigger retry = this.scheduler.getTrigger(TriggerKey.triggerKey("life/contact-retry", reconcile.getGroup()));
		assertThat(retry.getJobKey()).isEqualTo(reconcile);
		assertThat(retry.getStartTime().toInstant()).as("one retry at a time: the first stands").isEqualTo(at);
		assertThat(this.scheduler.getTriggersOfJob(reconcile)).hasSize(2);
		assertThat(this.schedules.scheduled("life")).as("a retry is no schedule of its own")
			.hasSize(2 * this.catalog.definitions().size());

		this.connections.pause("life");
		assertThat(this.scheduler.getTrigger(retry.getKey())).as("paused: the retry goes with the schedule").isNull();
		this.connections.delete("life");
	}

	private String cron(String object) throws Exception {
		return ((CronTrigger) this.scheduler.getTrigger(key(object))).getCronExpression();
	}

	private String reconcileCron(String object) throws Exception {
		return ((CronTrigger) this.scheduler
			.getTrigger(TriggerKey.triggerKey("life/" + object, InboundSchedules.RECONCILE_GROUP))).getCronExpression();
	}

	private static TriggerKey key(String object) {
		return TriggerKey.triggerKey("life/" + object, InboundSchedules.GROUP);
	}

	private static ConnectionRequest request(Map<String, String> schedules) {
		return new ConnectionRequest("life", "life", "http://127.0.0.1:1", AuthFlow.USERNAME_PASSWORD, "key",
				"user@example.com", new Credentials("secret", "pw", null, null), null, null,
				new ConnectionSettings(null, null, null, null, schedules, false));
	}

}
