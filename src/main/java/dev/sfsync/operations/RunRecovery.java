package dev.sfsync.operations;

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
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Ends the runs whose process is gone: marks them FAILED with the cause
 * {@code PROCESS_DIED} and when their process was last seen, gives their sync state the
 * end, and audits it, so that the next launch restarts the same instance from its last
 * committed chunk. Used by the supervisor's sweep for orphans, by an operator's recover,
 * and by a launcher that finds a dead run in the way of its claim.
 */
final class RunRecovery {

	private static final Log logger = LogFactory.getLog(RunRecovery.class);

	private final JobOperator operator;

	private final JobRepository repository;

	private final RunOwners owners;

	private final SyncStates states;

	private final AuditLog audit;

	private final Duration staleAfter;

	RunRecovery(JobOperator operator, JobRepository repository, RunOwners owners, SyncStates states, AuditLog audit,
			Duration staleAfter) {
		this.operator = operator;
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

	private boolean recover(RunOwners.Orphan orphan) {
		if (!this.owners.claim(orphan)) {
			return false;
		}
		JobExecution execution = this.repository.getJobExecution(orphan.executionId());
		if (execution == null || !execution.isRunning()) {
			this.owners.release(orphan.executionId());
			return false;
		}
		BatchStatus was = execution.getStatus();
		JobExecution result = recovered(execution, orphan.lastSeen());
		String detail = ((orphan.owner() != null) ? "Its process " + orphan.owner() + " stopped beating"
				: "It never had a process: the one launching it stopped while it was " + was)
				+ "; the run is FAILED (PROCESS_DIED) and restartable";
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
		JobExecution result = this.operator.recover(execution);
		LocalDateTime when = (lastSeen != null) ? lastSeen
				: Objects.requireNonNullElse(execution.getLastUpdated(), execution.getCreateTime());
		result.setExitStatus(new ExitStatus(RunFailureCause.PROCESS_DIED.name(), processDied(when)));
		this.repository.update(result);
		this.owners.release(execution.getId());
		this.states.settle(result.getId());
		return result;
	}

	/** The exit message of a run whose process stopped, at a UTC time. */
	static String processDied(LocalDateTime when) {
		return "The process running this sync stopped unexpectedly at "
				+ when.truncatedTo(ChronoUnit.SECONDS).toInstant(ZoneOffset.UTC)
				+ "; the next run resumes from the last saved batch.";
	}

}
