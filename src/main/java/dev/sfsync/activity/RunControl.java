package dev.sfsync.activity;

import dev.sfsync.tenancy.Tenant;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Service;

/**
 * An operator's stop and restart of a run, through the {@link JobOperator}: a stop asks
 * the running job to stop after its current chunk; a restart of a failed or stopped run
 * resumes it from its last committed chunk, in the background.
 */
@Service
class RunControl {

	private static final Log logger = LogFactory.getLog(RunControl.class);

	private final ActivityService activity;

	private final JobOperator operator;

	private final JobRepository repository;

	private final SimpleAsyncTaskExecutor restarts = new SimpleAsyncTaskExecutor("activity-restart-");

	RunControl(ActivityService activity, JobOperator operator, JobRepository repository) {
		this.activity = activity;
		this.operator = operator;
		this.repository = repository;
		this.restarts.setConcurrencyLimit(4);
	}

	/** The outcome of a stop or restart: whether the run was found, and what happened. */
	record Result(boolean found, boolean accepted, String message) {

	}

	Result stop(Tenant tenant, long id, String user) {
		if (this.activity.run(tenant, id).isEmpty()) {
			return new Result(false, false, "Run " + id + " was not found");
		}
		JobExecution execution = this.repository.getJobExecution(id);
		if (execution == null || !execution.isRunning()) {
			return new Result(true, false, "Run " + id + " is not in progress, so there is nothing to stop");
		}
		try {
			this.operator.stop(execution);
		}
		catch (JobExecutionNotRunningException ex) {
			return new Result(true, false, "Run " + id + " is not in progress, so there is nothing to stop");
		}
		logger.info("User " + user + " stopped " + execution.getJobInstance().getJobName() + " execution " + id
				+ ": it stops after its current chunk and can be restarted from there");
		return new Result(true, true, "Run " + id + " stops after its current chunk");
	}

	Result restart(Tenant tenant, long id, String user) {
		if (this.activity.run(tenant, id).isEmpty()) {
			return new Result(false, false, "Run " + id + " was not found");
		}
		JobExecution execution = this.repository.getJobExecution(id);
		if (execution == null
				|| (execution.getStatus() != BatchStatus.FAILED && execution.getStatus() != BatchStatus.STOPPED)) {
			return new Result(true, false, "Run " + id + " is not failed or stopped, so it cannot be restarted");
		}
		String job = execution.getJobInstance().getJobName();
		this.restarts.execute(() -> {
			try {
				JobExecution restarted = this.operator.restart(execution);
				logger.info("User " + user + " restarted " + job + " execution " + id + " as execution "
						+ restarted.getId() + ": " + restarted.getStatus());
			}
			catch (Exception ex) {
				logger.warn("User " + user + " restarted " + job + " execution " + id
						+ " but it could not be restarted: " + ex.getMessage(), ex);
			}
		});
		return new Result(true, true, "Run " + id + " is restarting from its last committed chunk");
	}

}
