package dev.sfsync.scheduling;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.sfsync.catalog.Direction;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.connection.Connection;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.connection.ConnectionSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Quartz triggers of the inbound runs, one per enabled connection and object type, on
 * the connection's {@code settings.schedules} cron or else the job definition's; and of
 * the reconcile runs, weekly at a time of the connection's and object type's own unless
 * {@code settings.schedules} sets {@code {object}-reconcile} to a cron or {@code never}.
 * Reconciling changes only the triggers that differ, so a trigger that missed its fire
 * while every replica was down keeps its misfire and fires once.
 */
public final class InboundSchedules {

	static final String GROUP = "sfsync-inbound";

	/** The group of the weekly reconcile triggers, keyed like the inbound ones. */
	static final String RECONCILE_GROUP = "sfsync-reconcile";

	/** The job data naming the job a trigger's fires launch, when not the inbound job. */
	static final String JOB = "job";

	static final String CONNECTION = "connection";

	static final String OBJECT = "object";

	private static final Log logger = LogFactory.getLog(InboundSchedules.class);

	private final Scheduler scheduler;

	private final ConnectionService connections;

	private final JobCatalog catalog;

	private final JobRegistry registry;

	private final TransactionTemplate transactions;

	/**
	 * @param transactions commits each trigger's rows together: Quartz's job store on
	 * Spring's data source writes in the caller's transaction, and without one its
	 * scheduler thread could read a trigger whose cron row is not written yet
	 */
	InboundSchedules(Scheduler scheduler, ConnectionService connections, JobCatalog catalog, JobRegistry registry,
			TransactionTemplate transactions) {
		this.scheduler = scheduler;
		this.connections = connections;
		this.catalog = catalog;
		this.registry = registry;
		this.transactions = transactions;
	}

	/**
	 * Every connection's triggers: missing ones created, changed ones replaced, others
	 * removed.
	 */
	public synchronized void reconcileAll() {
		Map<JobKey, String> desired = new LinkedHashMap<>();
		this.connections.list().forEach((connection) -> desired.putAll(desired(connection)));
		apply(desired, existing(null));
	}

	/**
	 * One connection's triggers, after it was created, changed, paused, resumed or
	 * deleted.
	 */
	public synchronized void reconcile(String connectionId) {
		Map<JobKey, String> desired = this.connections.find(connectionId).map(this::desired).orElse(Map.of());
		apply(desired, existing(connectionId));
	}

	/**
	 * The cron of each object type's trigger of a connection, none while it is paused:
	 * the connection's own schedule as written, or the definition's spread over its
	 * period ({@link CronSpread}).
	 */
	Map<JobKey, String> desired(Connection connection) {
		Map<JobKey, String> desired = new LinkedHashMap<>();
		if (!connection.enabled()) {
			return desired;
		}
		for (JobDefinition definition : this.catalog.definitions()) {
			if (definition.directions().contains(Direction.INBOUND)
					&& this.registry.getJob(definition.jobName(Direction.INBOUND)) != null) {
				String own = connection.settings().schedules().get(definition.name());
				desired.put(key(connection.id(), definition.name()), (own != null) ? own
						: CronSpread.of(definition.schedule(), connection.id() + "/" + definition.name()));
			}
			if (definition.directions().contains(Direction.RECONCILE)
					&& this.registry.getJob(definition.jobName(Direction.RECONCILE)) != null) {
				String own = connection.settings().schedules().get(definition.name() + ConnectionSettings.RECONCILE);
				if (!ConnectionSettings.NEVER.equals(own)) {
					desired.put(new JobKey(connection.id() + "/" + definition.name(), RECONCILE_GROUP),
							(own != null) ? own : CronSpread.weekly(connection.id() + "/" + definition.name()));
				}
			}
		}
		return desired;
	}

	static JobKey key(String connectionId, String objectType) {
		return new JobKey(connectionId + "/" + objectType, GROUP);
	}

	private Set<JobKey> existing(@Nullable String connectionId) {
		try {
			Set<JobKey> keys = new HashSet<>(this.scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP)));
			keys.addAll(this.scheduler.getJobKeys(GroupMatcher.jobGroupEquals(RECONCILE_GROUP)));
			if (connectionId != null) {
				keys.removeIf((key) -> !key.getName().startsWith(connectionId + "/"));
			}
			return keys;
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Cannot read the inbound schedules from Quartz's job store", ex);
		}
	}

	private void apply(Map<JobKey, String> desired, Set<JobKey> existing) {
		for (JobKey key : existing) {
			if (!desired.containsKey(key)) {
				try {
					inTransaction(() -> this.scheduler.deleteJob(key));
					logger.info("Removed the inbound schedule " + key.getName()
							+ ": its connection is paused or deleted, or its object type is gone");
				}
				catch (SchedulerException ex) {
					logger.error("Cannot remove the inbound schedule " + key.getName(), ex);
				}
			}
		}
		desired.forEach(this::schedule);
	}

	private void schedule(JobKey key, String cron) {
		String[] parts = key.getName().split("/", 2);
		boolean reconcile = key.getGroup().equals(RECONCILE_GROUP);
		try {
			Trigger current = this.scheduler.getTrigger(TriggerKey.triggerKey(key.getName(), key.getGroup()));
			if (current instanceof CronTrigger trigger && trigger.getCronExpression().equals(cron)) {
				return;
			}
			JobBuilder builder = JobBuilder.newJob(InboundSyncTrigger.class)
				.withIdentity(key)
				.withDescription((reconcile ? "Reconcile runs of " : "Inbound runs of ") + parts[1] + " for connection "
						+ parts[0])
				.usingJobData(CONNECTION, parts[0])
				.usingJobData(OBJECT, parts[1]);
			if (reconcile) {
				builder.usingJobData(JOB, Direction.RECONCILE.jobName(parts[1]));
			}
			JobDetail detail = builder.storeDurably().build();
			Trigger trigger = TriggerBuilder.newTrigger()
				.withIdentity(key.getName(), key.getGroup())
				.forJob(detail)
				.withSchedule(CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionFireAndProceed())
				.build();
			inTransaction(() -> this.scheduler.scheduleJob(detail, Set.of(trigger), true));
			logger.info("Scheduled " + (reconcile ? "reconcile" : "inbound") + " runs of " + parts[1]
					+ " for connection " + parts[0] + " at '" + cron + "'"
					+ ((current != null) ? " (was '" + ((CronTrigger) current).getCronExpression() + "')" : ""));
		}
		catch (SchedulerException | RuntimeException ex) {
			logger.error("Cannot schedule " + (reconcile ? "reconcile" : "inbound") + " runs of " + parts[1]
					+ " for connection " + parts[0] + " at '" + cron
					+ "': no scheduled run starts for them until this is fixed", ex);
		}
	}

	/** Runs a change to the job store in a transaction of its own. */
	private void inTransaction(QuartzChange change) throws SchedulerException {
		SchedulerException[] failure = new SchedulerException[1];
		this.transactions.executeWithoutResult((status) -> {
			try {
				change.run();
			}
			catch (SchedulerException ex) {
				status.setRollbackOnly();
				failure[0] = ex;
			}
		});
		if (failure[0] != null) {
			throw failure[0];
		}
	}

	/** A change to Quartz's job store. */
	private interface QuartzChange {

		void run() throws SchedulerException;

	}

	/**
	 * The object types scheduled for a connection, for tests and the operator; their
	 * reconcile schedules as {@code {object}-reconcile}.
	 */
	List<String> scheduled(String connectionId) {
		return existing(connectionId).stream()
			.map((key) -> key.getName().split("/", 2)[1]
					+ (key.getGroup().equals(RECONCILE_GROUP) ? ConnectionSettings.RECONCILE : ""))
			.sorted()
			.toList();
	}

}
