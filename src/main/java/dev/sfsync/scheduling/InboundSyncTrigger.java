package dev.sfsync.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

import dev.sfsync.catalog.Direction;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.operations.JobParametersDefaults.Launch;
import dev.sfsync.operations.ScheduledPolls;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.scheduling.quartz.QuartzJobBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One fire of a connection's inbound schedule for one object type: asks
 * {@link ScheduledPolls} what to do (nothing for a paused connection or a run still
 * going; else a backfill, a restart, or a next window polled first) and launches the run
 * it names on the {@link ScheduledLaunches} threads, so the scheduler's thread is free as
 * soon as the run's execution exists; a window with no change launches nothing. One
 * JobDetail per connection and object type with {@code @DisallowConcurrentExecution}, so
 * the cluster never runs two fires of it at once; a run still going (launched by an
 * earlier fire, an operator, or a replica that is gone) makes the fire a no-op. Each
 * fire's lateness and the fires it stands for are measured against the cron
 * ({@link ScheduledFire}), and the run records when it was due as
 * {@value #SCHEDULED_FIRE_TIME}.
 */
@DisallowConcurrentExecution
class InboundSyncTrigger extends QuartzJobBean {

	/**
	 * The non-identifying parameter that records which fire launched a run: when its cron
	 * made it due.
	 */
	static final String SCHEDULED_FIRE_TIME = "scheduledFireTime";

	/** The non-identifying parameter that records which scheduler instance fired it. */
	static final String FIRED_BY = "firedBy";

	private static final Log logger = LogFactory.getLog(InboundSyncTrigger.class);

	private final JobCatalog catalog;

	private final ScheduledPolls polls;

	private final JobRegistry registry;

	private final ScheduledLaunches launches;

	private final ScheduleMetrics metrics;

	private final SchedulingProperties properties;

	private final Clock clock;

	private final TransactionTemplate transactions;

	InboundSyncTrigger(JobCatalog catalog, ScheduledPolls polls, JobRegistry registry, ScheduledLaunches launches,
			ScheduleMetrics metrics, SchedulingProperties properties, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.properties = properties;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
		this.catalog = catalog;
		this.polls = polls;
		this.registry = registry;
		this.launches = launches;
		this.metrics = metrics;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		JobDataMap data = context.getMergedJobDataMap();
		String connectionId = data.getString(InboundSchedules.CONNECTION);
		String object = data.getString(InboundSchedules.OBJECT);
		ScheduledFire fire = ScheduledFire.of(context);
		this.metrics.fired(object, fire);
		JobDefinition definition = this.catalog.find(object).orElse(null);
		if (definition == null) {
			logger.info("Skipped the scheduled run of " + object + " for connection " + connectionId
					+ ": the object type is gone");
			return;
		}
		String jobName = data.containsKey(InboundSchedules.JOB) ? data.getString(InboundSchedules.JOB)
				: definition.jobName(Direction.INBOUND);
		ScheduledPolls.Poll poll = this.polls.poll(jobName, connectionId);
		Launch launch = poll.launch();
		if (launch == null) {
			poll.close();
			if (poll.busy()) {
				Instant at = this.clock.instant().plus(this.properties.busyRetry());
				// One transaction: the trigger's rows are written together, as the
				// schedules' are.
				this.transactions.executeWithoutResult(
						(status) -> retrySoon(context.getScheduler(), context.getJobDetail().getKey(), at));
				logger.info(poll.summary());
			}
			else {
				logger.debug(poll.summary());
			}
			return;
		}
		Scheduler scheduler = context.getScheduler();
		launch(launch, connectionId, object, fire, schedulerInstance(context), () -> {
			poll.close();
			fireReady(scheduler, launch.jobName(), connectionId);
		}, () -> fireAgain(scheduler, context.getJobDetail().getKey(), launch.jobName(), connectionId));
	}

	/**
	 * Fires now the first syncs that waited for the run that just ended, instead of at
	 * their next scheduled time: those whose schedule has fired already (and found their
	 * parent missing). One whose first fire is still to come runs then.
	 */
	private void fireReady(Scheduler scheduler, String jobName, String connectionId) {
		try {
			for (String child : this.polls.ready(jobName, connectionId)) {
				JobKey key = InboundSchedules.key(connectionId, child);
				Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(key.getName(), key.getGroup()));
				if (trigger == null || trigger.getPreviousFireTime() == null) {
					continue;
				}
				scheduler.triggerJob(key);
				logger.info("Fired the first sync of " + child + " for connection " + connectionId + ": " + jobName
						+ ", which it waited for, has completed");
			}
		}
		catch (SchedulerException | RuntimeException ex) {
			logger.warn("Cannot fire the first syncs that waited for " + jobName + " of connection " + connectionId
					+ " (" + ex.getMessage() + "); their next scheduled fires start them");
		}
	}

	/**
	 * Fires the job once more at a given time: a weekly reconcile that found another run
	 * of its object type going does not wait a week. One such retry per job at a time; it
	 * is kept in Quartz's tables, so it survives a restart and fires on one replica.
	 */
	static void retrySoon(Scheduler scheduler, JobKey key, Instant at) {
		TriggerKey retry = TriggerKey.triggerKey(key.getName() + "-retry", key.getGroup());
		try {
			if (scheduler.checkExists(retry)) {
				return;
			}
			scheduler.scheduleJob(TriggerBuilder.newTrigger()
				.withIdentity(retry)
				.forJob(key)
				.startAt(Date.from(at))
				.withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
				.build());
		}
		catch (ObjectAlreadyExistsException ex) {
			// Another replica scheduled it first.
		}
		catch (SchedulerException ex) {
			logger.warn("Cannot schedule a retry of " + key + " (" + ex.getMessage() + "); its next fire runs it");
		}
	}

	/** Fires now a fire that found no room, once a run has made room for it. */
	private static void fireAgain(Scheduler scheduler, JobKey key, String jobName, String connectionId) {
		try {
			scheduler.triggerJob(key);
			logger.info("Fired again " + jobName + " for connection " + connectionId
					+ ": a run ended and made room for it");
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	/**
	 * Hands the run to the launch threads, which close the poll once the run has ended.
	 */
	private void launch(Launch launch, String connectionId, String object, ScheduledFire fire, String firedBy,
			Runnable afterRun, Runnable fireAgain) {
		Job job = this.registry.getJob(launch.jobName());
		if (job == null) {
			afterRun.run();
			logger.error("Cannot run " + launch.jobName() + " for connection " + connectionId
					+ ": no such job is registered");
			return;
		}
		if (!launch.note().isEmpty()) {
			logger.info(launch.note());
		}
		JobParameters parameters = new JobParametersBuilder(launch.parameters())
			.addString(SCHEDULED_FIRE_TIME, fire.due().toString(), false)
			.addString(FIRED_BY, firedBy, false)
			.toJobParameters();
		try {
			JobExecution execution = this.launches.launch(job, parameters, connectionId, object, afterRun, fireAgain);
			if (execution == null) {
				logger.info("Deferred the scheduled run of " + launch.jobName() + " for connection " + connectionId
						+ ": no launch thread is free for it (sfsync.scheduling.launch-threads,"
						+ " runs-per-connection); it fires again when a run makes room, or at its next fire");
				return;
			}
			this.metrics.launched(object, fire);
			logger.info("Scheduled run " + launch.jobName() + " execution " + execution.getId() + " for connection "
					+ connectionId + " launched");
		}
		catch (JobExecutionAlreadyRunningException ex) {
			logger.info("Skipped the scheduled run of " + launch.jobName() + " for connection " + connectionId
					+ ": it is already running elsewhere");
		}
		catch (Exception ex) {
			logger.error("Cannot launch " + launch.jobName() + " for connection " + connectionId + " with " + parameters
					+ "; the next fire tries again", ex);
		}
	}

	private static String schedulerInstance(JobExecutionContext context) {
		try {
			return context.getScheduler().getSchedulerInstanceId();
		}
		catch (org.quartz.SchedulerException ex) {
			return "unknown";
		}
	}

}
