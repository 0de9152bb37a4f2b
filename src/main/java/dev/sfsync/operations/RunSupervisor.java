package dev.sfsync.operations;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.SmartLifecycle;

/**
 * Looks after this process's runs: beats in {@code sync_instance} every few seconds,
 * renewing the leases of its launch claims, recovers orphans of processes that stopped
 * beating (at startup and about once a minute), and on shutdown (SIGTERM) stops the runs
 * going in this process at their next chunk boundary and waits for them, up to a bound,
 * so they end STOPPED and restartable. It stops after Quartz's scheduler (no new fires)
 * and before the database pool closes.
 */
final class RunSupervisor implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RunSupervisor.class);

	private final RunOwners owners;

	private final LaunchClaims claims;

	private final OperatorService operations;

	private final JobRepository repository;

	private final OperationsProperties properties;

	private @Nullable ScheduledExecutorService beats;

	private volatile boolean running;

	RunSupervisor(RunOwners owners, LaunchClaims claims, OperatorService operations, JobRepository repository,
			OperationsProperties properties) {
		this.owners = owners;
		this.claims = claims;
		this.operations = operations;
		this.repository = repository;
		this.properties = properties;
	}

	@Override
	public void start() {
		// A context stopped and started again (Spring's test contexts are paused this
		// way) launches runs again.
		this.owners.accepting();
		this.owners.heartbeat();
		recoverOrphans();
		ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "sfsync-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.properties.heartbeatInterval().toMillis();
		long recoverEvery = Math.max(1, Duration.ofMinutes(1).toMillis() / interval);
		beats.scheduleWithFixedDelay(new Runnable() {

			private long count;

			@Override
			public void run() {
				try {
					RunSupervisor.this.owners.heartbeat();
					RunSupervisor.this.claims.renew();
					if (++this.count % recoverEvery == 0) {
						recoverOrphans();
					}
				}
				catch (RuntimeException ex) {
					logger.warn("Heartbeat of " + RunSupervisor.this.owners.instanceId() + " failed: " + ex.getMessage()
							+ "; other replicas recover this process's runs if it keeps failing for "
							+ RunSupervisor.this.properties.staleAfter());
				}
			}

		}, interval, interval, TimeUnit.MILLISECONDS);
		this.beats = beats;
		this.running = true;
	}

	private void recoverOrphans() {
		try {
			this.operations.recoverOrphans();
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot recover orphan runs: " + ex.getMessage());
		}
	}

	@Override
	public void stop() {
		stopLocalRuns();
		if (this.beats != null) {
			this.beats.shutdownNow();
		}
		try {
			this.owners.leave();
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot sign " + this.owners.instanceId() + " out of sync_instance: " + ex.getMessage());
		}
		this.running = false;
	}

	/**
	 * Stops every run going in this process and waits, up to the bound, until the job
	 * repository shows each one ended. Runs launched a moment ago that have not reached
	 * their first step yet stop before it.
	 */
	void stopLocalRuns() {
		this.owners.stopping();
		Set<Long> stopping = new HashSet<>();
		for (long id : this.owners.local()) {
			JobExecution execution = this.repository.getJobExecution(id);
			if (execution == null || !execution.isRunning()) {
				continue;
			}
			try {
				if (this.owners.requestStop(id)) {
					logger.info("Shutting down: stopping run " + execution.getJobInstance().getJobName() + " execution "
							+ id + " at its next chunk boundary; it ends STOPPED and restarts from there");
				}
				// Asked now or before (by an operator, or a launch while stopping), or
				// ended.
				stopping.add(id);
			}
			catch (RuntimeException ex) {
				logger.warn("Cannot stop run " + id + " on shutdown: " + ex.getMessage());
			}
		}
		// Elapsed time, which no clock setting moves.
		long start = System.nanoTime();
		long timeout = this.properties.stopTimeout().toNanos();
		// A launch in flight registers within moments; wait that long for it, no longer.
		long launchGrace = Duration.ofSeconds(3).toNanos();
		while (System.nanoTime() - start < timeout) {
			stopping.addAll(this.owners.startedWhileStopping());
			boolean inFlight = System.nanoTime() - start < launchGrace && this.owners.launchesInFlight();
			if (!inFlight && this.owners.local().isEmpty() && stopping.stream().noneMatch(this::stillRunning)) {
				return;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		logger.error("Runs " + this.owners.local() + " did not stop within " + this.properties.stopTimeout()
				+ " (sfsync.operations.stop-timeout): they stay STARTED until another replica recovers them as"
				+ " orphans");
	}

	private boolean stillRunning(long id) {
		try {
			JobExecution execution = this.repository.getJobExecution(id);
			return execution != null && execution.isRunning();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Quartz's scheduler (Integer.MAX_VALUE) goes to standby first.
		return Integer.MAX_VALUE - 1;
	}

}
