package dev.sfsync.scheduling;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.sfsync.syncstate.SyncStates;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Runs the scheduled fires' launches off the scheduler's threads, so a long run (a
 * backfill) never holds a thread that other tenants' polls need. The pool is bounded, and
 * one connection may have only a few of its runs going at once; a fire that finds no room
 * launches nothing, says so, and waits: the first run of its connection to end (or, when
 * every thread was busy, the first run to end) fires it again at once, so a connection's
 * first sync of eleven object types does not take one schedule period per two runs. A
 * launch creates its job execution and names it in the sync state before it returns, so
 * the next fire, on any replica, sees it running.
 */
final class ScheduledLaunches implements DisposableBean {

	private static final Log logger = LogFactory.getLog(ScheduledLaunches.class);

	private final ThreadPoolTaskExecutor executor;

	private final TaskExecutorJobOperator operator;

	private final SyncStates states;

	private final SchedulingProperties properties;

	private final MeterRegistry meters;

	private final Semaphore threads;

	private final Map<String, Semaphore> connections = new ConcurrentHashMap<>();

	/**
	 * Fires that found no room, by job and connection, oldest first: each is fired again
	 * when a slot it can use is released.
	 */
	private final Map<String, Waiting> waiting = new LinkedHashMap<>();

	/** The slots the launch in this thread holds, handed to the task it submits. */
	private final ThreadLocal<@Nullable Slots> submitting = new ThreadLocal<>();

	ScheduledLaunches(JobRepository repository, JobRegistry registry, SyncStates states,
			SchedulingProperties properties, MeterRegistry meters) throws Exception {
		this.states = states;
		this.properties = properties;
		this.meters = meters;
		this.threads = new Semaphore(properties.launchThreads());
		this.executor = new ThreadPoolTaskExecutor();
		this.executor.setThreadNamePrefix("sfsync-launch-");
		this.executor.setCorePoolSize(properties.launchThreads());
		this.executor.setMaxPoolSize(properties.launchThreads());
		// The slots bound what is submitted; the queue only absorbs a thread that has
		// released its slots but not yet returned to the pool.
		this.executor.setQueueCapacity(properties.launchThreads());
		this.executor.setWaitForTasksToCompleteOnShutdown(true);
		this.executor.setAwaitTerminationMillis(properties.shutdownWait().toMillis());
		this.executor.setTaskDecorator((task) -> {
			Slots slots = this.submitting.get();
			if (slots == null) {
				return task;
			}
			slots.submitted.set(true);
			return () -> {
				try {
					task.run();
				}
				finally {
					slots.release();
				}
			};
		});
		this.executor.initialize();
		this.operator = new TaskExecutorJobOperator();
		this.operator.setJobRepository(repository);
		this.operator.setJobRegistry(registry);
		this.operator.setTaskExecutor(this.executor);
		this.operator.afterPropertiesSet();
	}

	/**
	 * Launches a run in the background.
	 * @param afterRun what to do once the run has ended, or at once when nothing was
	 * launched
	 * @param fireAgain how to fire again a fire that finds no room, once a run that frees
	 * a slot for it ends
	 * @return the run's execution, just created; null when there was no room for it
	 * @throws Exception what Spring Batch refuses the launch with
	 */
	@Nullable JobExecution launch(Job job, JobParameters parameters, String connectionId, String object, Runnable afterRun,
			Runnable fireAgain) throws Exception {
		Semaphore connection = this.connections.computeIfAbsent(connectionId,
				(id) -> new Semaphore(this.properties.runsPerConnection()));
		if (!connection.tryAcquire()) {
			deferred(object, "connection");
			waitForRoom(job.getName(), connectionId, false, fireAgain);
			afterRun.run();
			return null;
		}
		if (!this.threads.tryAcquire()) {
			connection.release();
			deferred(object, "threads");
			waitForRoom(job.getName(), connectionId, true, fireAgain);
			afterRun.run();
			return null;
		}
		Slots slots = new Slots(connectionId, connection, afterRun);
		this.submitting.set(slots);
		try {
			JobExecution execution = this.operator.start(job, parameters);
			this.states.started(execution);
			return execution;
		}
		finally {
			this.submitting.remove();
			if (!slots.submitted.get()) {
				slots.release();
			}
		}
	}

	/** Runs going now, launched by the scheduler in this process. */
	int running() {
		return this.properties.launchThreads() - this.threads.availablePermits();
	}

	/** A fire that found no room, and how to fire it again. */
	private record Waiting(String connectionId, boolean forThreads, Runnable fireAgain) {
	}

	private void waitForRoom(String jobName, String connectionId, boolean forThreads, Runnable fireAgain) {
		synchronized (this.waiting) {
			this.waiting.remove(jobName + "/" + connectionId);
			this.waiting.put(jobName + "/" + connectionId, new Waiting(connectionId, forThreads, fireAgain));
		}
	}

	/**
	 * Fires again the oldest fire that can use the slots a run of this connection just
	 * released: one of the same connection, else one that waited for a thread.
	 */
	private void fireWaiting(String connectionId) {
		Waiting next;
		synchronized (this.waiting) {
			Map.Entry<String, Waiting> entry = this.waiting.entrySet()
				.stream()
				.filter((waiting) -> waiting.getValue().connectionId().equals(connectionId))
				.findFirst()
				.or(() -> this.waiting.entrySet()
					.stream()
					.filter((waiting) -> waiting.getValue().forThreads())
					.findFirst())
				.orElse(null);
			if (entry == null) {
				return;
			}
			this.waiting.remove(entry.getKey());
			next = entry.getValue();
		}
		try {
			next.fireAgain().run();
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot fire again a scheduled run of connection " + next.connectionId()
					+ " that waited for room (" + ex.getMessage() + "); its next scheduled fire runs it");
		}
	}

	private void deferred(String object, String reason) {
		Counter.builder("sfsync.schedule.deferred")
			.tag("object", object)
			.tag("reason", reason)
			.description("Scheduled fires that had a run to launch but no room: the connection had"
					+ " sfsync.scheduling.runs-per-connection runs going (connection) or every launch thread was busy"
					+ " (threads); the next fire continues")
			.register(this.meters)
			.increment();
	}

	@Override
	public void destroy() {
		this.executor.shutdown();
	}

	/** The slots one launch holds until its run ends. */
	private final class Slots {

		private final String connectionId;

		private final Semaphore connection;

		private final Runnable afterRun;

		private final AtomicBoolean submitted = new AtomicBoolean();

		private final AtomicBoolean released = new AtomicBoolean();

		Slots(String connectionId, Semaphore connection, Runnable afterRun) {
			this.connectionId = connectionId;
			this.connection = connection;
			this.afterRun = afterRun;
		}

		void release() {
			if (this.released.compareAndSet(false, true)) {
				try {
					this.afterRun.run();
				}
				finally {
					this.connection.release();
					ScheduledLaunches.this.threads.release();
					fireWaiting(this.connectionId);
				}
			}
		}

	}

}
