package dev.sfsync.connection;

import java.time.Clock;
import java.time.LocalDateTime;

import dev.sfsync.syncstate.SyncStates;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * A registered sync job whose steps are built anew for each execution, for the connection
 * in its {@code connection} parameter, so runs for different connections never share
 * readers or state. The steps' job carries this job's name, so the job repository tracks
 * them under it and restarts resume them.
 */
public abstract class ConnectionJob implements Job {

	private static final Log logger = LogFactory.getLog(ConnectionJob.class);

	private final String name;

	private final JobParametersValidator validator;

	private final JobRepository repository;

	private final ConnectionService connections;

	private final SyncStates states;

	private final Clock clock;

	protected ConnectionJob(String name, JobParametersValidator validator, JobRepository repository,
			ConnectionService connections, SyncStates states, Clock clock) {
		this.name = name;
		this.validator = validator;
		this.repository = repository;
		this.connections = connections;
		this.states = states;
		this.clock = clock;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public JobParametersValidator getJobParametersValidator() {
		return this.validator;
	}

	@Override
	public final void execute(JobExecution execution) throws JobInterruptedException {
		this.states.started(execution);
		try {
			run(execution);
		}
		finally {
			// Spring Batch has recorded the end (or the run could not record it):
			// the state takes only what BATCH_JOB_EXECUTION holds.
			settle(execution);
		}
	}

	private void run(JobExecution execution) throws JobInterruptedException {
		String connectionId = execution.getJobParameters().getString("connection");
		Connection connection = (connectionId != null) ? this.connections.find(connectionId).orElse(null) : null;
		if (connection == null) {
			fail(execution, new IllegalStateException(
					"Connection " + connectionId + " no longer exists; " + this.name + " cannot run for it"));
			return;
		}
		Job run;
		try {
			run = runJob(execution, connection);
		}
		catch (RuntimeException ex) {
			fail(execution, ex);
			return;
		}
		run.execute(execution);
	}

	/**
	 * The job of this execution's steps, named {@link #getName()}.
	 * @throws RuntimeException when the execution's parameters cannot make a run; it
	 * fails before its first step with the exception's message
	 */
	protected abstract Job runJob(JobExecution execution, Connection connection);

	private void settle(JobExecution execution) {
		try {
			this.states.settle(execution.getId());
		}
		catch (RuntimeException ex) {
			logger.error("Run " + this.name + " execution " + execution.getId() + " ended " + execution.getStatus()
					+ " but its sync state was not updated; the next launch decision settles it from the job"
					+ " repository", ex);
		}
	}

	/** Ends a run that could not start its steps, with its cause. */
	private void fail(JobExecution execution, RuntimeException failure) {
		logger.error("Run " + this.name + " execution " + execution.getId() + " failed before its first step: "
				+ failure.getMessage());
		execution.setStartTime(LocalDateTime.now(this.clock));
		execution.addFailureException(failure);
		execution.setStatus(BatchStatus.FAILED);
		execution.setExitStatus(ExitStatus.FAILED.addExitDescription(failure.getMessage()));
		execution.setEndTime(LocalDateTime.now(this.clock));
		this.repository.update(execution);
	}

}
