package dev.sfsync.operations;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.sfsync.outcome.ClassifiedFailure;
import dev.sfsync.outcome.RunFailureCause;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Gives every failed run its cause: the job execution's exit code becomes a
 * {@link RunFailureCause} and its exit message says, in plain language, what happened and
 * what to do. Attached to every job sfsync builds, it also records which process runs
 * each execution ({@link RunOwners}), so orphans can be told from live runs, and attaches
 * it to its launch claim ({@link LaunchClaims}).
 */
public final class RunFailureListener implements JobExecutionListener {

	private static final Log logger = LogFactory.getLog(RunFailureListener.class);

	private final @Nullable RunOwners owners;

	private final @Nullable LaunchClaims claims;

	private final @Nullable JobRepository repository;

	public RunFailureListener() {
		this(null, null, null);
	}

	RunFailureListener(@Nullable RunOwners owners, @Nullable LaunchClaims claims, @Nullable JobRepository repository) {
		this.owners = owners;
		this.claims = claims;
		this.repository = repository;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		if (this.claims != null) {
			// The claim its launcher took, or one taken now: it fails here, before its
			// first step, when another run of its object type holds it. The sync state
			// gives it back once the job repository has recorded the run's end.
			this.claims.attach(execution);
		}
		if (this.owners != null) {
			this.owners.started(execution);
		}
	}

	@Override
	public void afterJob(JobExecution execution) {
		if (this.owners != null) {
			this.owners.ended(execution);
		}
		boolean unknown = execution.getStatus() == BatchStatus.UNKNOWN;
		if (unknown) {
			// Spring Batch could not tell whether a chunk committed: its transaction's
			// end failed with the database. The last saved chunk is the truth, so the
			// run is FAILED and resumes from it.
			recordStepEnds(execution);
			execution.setStatus(BatchStatus.FAILED);
		}
		if (execution.getStatus() != BatchStatus.FAILED) {
			return;
		}
		List<Throwable> failures = failures(execution);
		RunFailureCause cause = unknown ? RunFailureCause.DATABASE_UNAVAILABLE : classify(failures);
		if (cause == RunFailureCause.DATABASE_UNAVAILABLE && !unknown) {
			// The steps' own ends may not have reached the database.
			recordStepEnds(execution);
		}
		String detail = failures.isEmpty() ? "" : " Detail: " + rootMessage(failures.get(0));
		execution.setExitStatus(new ExitStatus(cause.name(),
				cause.message() + ". " + cause.explanation() + " " + cause.whatToDo() + detail));
		logger.error("Run " + execution.getJobInstance().getJobName() + " execution " + execution.getId()
				+ " with parameters " + execution.getJobParameters() + " failed as " + cause.name() + ": "
				+ cause.whatToDo() + detail);
	}

	/**
	 * The run's failures in the order they happened: each step's in step order (a step's
	 * own failure before the failure to close its resources that may follow it), then the
	 * job's. {@code getAllFailureExceptions()} gathers them in a hash set, in no order.
	 */
	static List<Throwable> failures(JobExecution execution) {
		Set<Throwable> ordered = new LinkedHashSet<>();
		for (StepExecution step : execution.getStepExecutions()) {
			ordered.addAll(step.getFailureExceptions());
		}
		ordered.addAll(execution.getFailureExceptions());
		return List.copyOf(ordered);
	}

	static RunFailureCause classify(List<Throwable> failures) {
		for (Throwable failure : failures) {
			for (Throwable current = failure; current != null; current = current.getCause()) {
				if (current instanceof ClassifiedFailure classified) {
					return classified.runFailureCause();
				}
			}
		}
		for (Throwable failure : failures) {
			for (Throwable current = failure; current != null; current = current.getCause()) {
				if (current instanceof PessimisticLockingFailureException
						|| current instanceof SQLTransactionRollbackException) {
					return RunFailureCause.DATABASE_BUSY;
				}
				if (databaseUnavailable(current)) {
					return RunFailureCause.DATABASE_UNAVAILABLE;
				}
			}
		}
		return RunFailureCause.UNKNOWN_ERROR;
	}

	/**
	 * Whether a failure says the database could not be reached or lost the connection: no
	 * connection from the pool, a broken link, or a transaction whose commit or rollback
	 * could not complete.
	 */
	static boolean databaseUnavailable(Throwable failure) {
		return failure instanceof DataAccessResourceFailureException
				|| failure instanceof CannotCreateTransactionException || failure instanceof TransactionSystemException
				|| failure instanceof SQLTransientConnectionException
				|| failure instanceof SQLNonTransientConnectionException || failure instanceof SQLRecoverableException;
	}

	/**
	 * Records the end of the steps that did not complete, those Spring Batch left UNKNOWN
	 * as FAILED, so that the instance can be restarted (a step in UNKNOWN or still marked
	 * running cannot be); their saved progress is their last committed chunk. When the
	 * database is still away, the next launch repairs them.
	 */
	private void recordStepEnds(JobExecution execution) {
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStatus() != BatchStatus.COMPLETED) {
				if (step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()) {
					step.setStatus(BatchStatus.FAILED);
				}
				if (this.repository != null) {
					try {
						this.repository.update(step);
					}
					catch (RuntimeException ex) {
						logger.warn("Cannot record that step " + step.getStepName() + " of execution "
								+ execution.getId() + " failed (" + ex.getMessage() + "); its recovery does");
					}
				}
			}
		}
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
