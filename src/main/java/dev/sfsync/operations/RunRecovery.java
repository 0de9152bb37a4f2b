package dev.sfsync.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.sfsync.outcome.RunFailureCause;
import dev.sfsync.syncstate.SyncStates;
import dev.sfsync.tenancy.AuditLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Ends the runs whose process is gone: marks them FAILED with the cause
 * {@code PROCESS_DIED} and when their process was last seen, gives their sync state the
 * end, and audits it, so that the next launch restarts the same instance from its last
 * committed chunk. Used by the supervisor's sweep for orphans, by an operator's recover,
 * and by a launcher that finds a dead run in the way of its claim.
 */
final class RunRecovery {

	private static final Log logger = LogFactory.getLog(RunRecovery.class);

	private final Clock clock;

	private final JobRepository repository;

	private final RunOwners owners;

	private final SyncStates states;

	private final AuditLog audit;

	private final Duration staleAfter;

	RunRecovery(Clock clock, JobRepository repository, RunOwners owners, SyncStates states, AuditLog audit,
			Duration staleAfter) {
		this.clock = clock;
		this.repository = repository;
		this.owners = owners;
		this.states = states;
		this.audit = audit;
		this.staleAfter = staleAfter;
	}

	/** Recovers the orphans of processes that stopped beating; never a live run. */
	List<Long> recoverOrphans() {
		List<Long> recovered = new ArrayList<>();
		for (RunOwners.Orphan orphan : this.owners.orphans(this.staleAfter)) {
			if (recover(orphan)) {
				recovered.add(orphan.executionId());
			}
		}
		return recovered;
	}

	/**
	 * Recovers a running execution if it is an orphan: its owner stopped beating, or it
	 * never had one and was created longer than the stale period ago.
	 * @return whether it is no longer running (recovered here or by another process, or
	 * ended meanwhile)
	 */
	boolean recoverIfOrphan(long executionId) {
		RunOwners.Orphan orphan = this.owners.orphan(executionId, this.staleAfter).orElse(null);
		if (orphan == null) {
			JobExecution execution = this.repository.getJobExecution(executionId);
			return execution == null || !execution.isRunning();
		}
		recover(orphan);
		JobExecution execution = this.repository.getJobExecution(executionId);
		return execution == null || !execution.isRunning();
	}

	/**
	 * One recovery at a time in this process: once a thread has claimed an orphan it owns
	 * it, and another thread (the startup sweep, a launch finding the run in its way)
	 * would otherwise take it for a run this process lost in an outage and end it a
	 * second time. The second one waits here, then finds the run ended.
	 */
	private synchronized boolean recover(RunOwners.Orphan orphan) {
		if (!this.owners.claim(orphan)) {
			return false;
		}
		JobExecution execution = this.repository.getJobExecution(orphan.executionId());
		if (execution == null || (!execution.isRunning() && execution.getStatus() != BatchStatus.UNKNOWN)) {
			this.owners.release(orphan.executionId());
			return false;
		}
		BatchStatus was = execution.getStatus();
		// A run that ended here while the database could not record it: this
		// process did not die.
		RunFailureCause cause = this.owners.endedHere(orphan.executionId()) ? RunFailureCause.DATABASE_UNAVAILABLE
				: orphan.cause();
		JobExecution result = ended(execution, cause, orphan.lastSeen());
		String detail = ((cause == RunFailureCause.DATABASE_UNAVAILABLE)
				? "The database could not record its end (it was " + was + ")"
				: (orphan.owner() != null) ? "Its process " + orphan.owner() + " stopped beating"
						: "It never had a process: the one launching it stopped while it was " + was)
				+ "; the run is FAILED (" + cause.name() + ") and restartable";
		logger.warn("Recovered orphan run " + result.getJobInstance().getJobName() + " execution "
				+ orphan.executionId() + " " + result.getJobParameters() + ": " + detail);
		String actor = "sfsync " + this.owners.instanceId();
		this.audit.record(actor, "recover", result.getJobParameters().getString("connection"), result.getId(),
				result.getJobInstance().getJobName(), AuditLog.Outcome.DONE, detail);
		return true;
	}

	/**
	 * Marks a run whose process is gone FAILED, its cause {@code PROCESS_DIED} with when
	 * the process was last seen, and lets its sync state take the end: the next launch
	 * restarts the same instance from its last committed chunk.
	 * @param lastSeen when its process was last known alive, or null to take the run's
	 * last update
	 */
	JobExecution recovered(JobExecution execution, @Nullable LocalDateTime lastSeen) {
		return ended(execution, (execution.getStatus() == BatchStatus.UNKNOWN) ? RunFailureCause.DATABASE_UNAVAILABLE
				: RunFailureCause.PROCESS_DIED, lastSeen);
	}

	/**
	 * Ends a run that its process no longer runs: its steps still marked running or
	 * UNKNOWN, then the run, become FAILED with the cause, so that a restart resumes each
	 * step from its last committed chunk. (Spring Batch's {@code JobOperator.recover}
	 * leaves UNKNOWN runs as they are, and skips a run whose copied execution context
	 * says an earlier execution of its instance was recovered.)
	 */
	private JobExecution ended(JobExecution execution, RunFailureCause cause, @Nullable LocalDateTime lastSeen) {
		LocalDateTime now = LocalDateTime.now(this.clock);
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStatus().isRunning() || step.getStatus() == BatchStatus.UNKNOWN) {
				step.setStatus(BatchStatus.FAILED);
				step.setEndTime(now);
				this.repository.update(step);
			}
		}
		LocalDateTime when = (lastSeen != null) ? lastSeen
				: Objects.requireNonNullElse(execution.getLastUpdated(), execution.getCreateTime());
		execution.setStatus(BatchStatus.FAILED);
		execution.setEndTime(now);
		execution.setExitStatus(new ExitStatus(cause.name(),
				(cause == RunFailureCause.DATABASE_UNAVAILABLE) ? DATABASE_UNAVAILABLE : processDied(when)));
		this.repository.update(execution);
		this.owners.release(execution.getId());
		this.states.settle(execution.getId());
		return execution;
	}

	/**
	 * Fails the steps that an ended run left marked running or UNKNOWN: its database went
	 * away as the steps ended, and came back for the run's own end. Spring Batch refuses
	 * to restart an instance with such a step ("already running").
	 * @return whether a step was repaired
	 */
	boolean repairSteps(long executionId) {
		JobExecution execution = this.repository.getJobExecution(executionId);
		if (execution == null || execution.isRunning() || execution.getStatus() == BatchStatus.COMPLETED) {
			return false;
		}
		boolean repaired = false;
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStatus().isRunning() || step.getStatus() == BatchStatus.UNKNOWN) {
				step.setStatus(BatchStatus.FAILED);
				step.setEndTime(Objects.requireNonNullElse(execution.getEndTime(), LocalDateTime.now(this.clock)));
				this.repository.update(step);
				repaired = true;
				logger.warn("Step " + step.getStepName() + " of run " + execution.getJobInstance().getJobName()
						+ " execution " + executionId + " was left running when the run ended " + execution.getStatus()
						+ "; it is FAILED now, so the run restarts from its last saved batch");
			}
		}
		return repaired;
	}

	/** The exit message of a run that the database's outage ended. */
	static final String DATABASE_UNAVAILABLE = "The database was unavailable; the run resumes automatically from"
			+ " the last saved batch.";

	/** The exit message of a run whose process stopped, at a UTC time. */
	static String processDied(LocalDateTime when) {
		return "The process running this sync stopped unexpectedly at "
				+ when.truncatedTo(ChronoUnit.SECONDS).toInstant(ZoneOffset.UTC)
				+ "; the next run resumes from the last saved batch.";
	}

}
