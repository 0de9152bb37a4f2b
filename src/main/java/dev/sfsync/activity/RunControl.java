package dev.sfsync.activity;

import dev.sfsync.catalog.Direction;
import dev.sfsync.inbound.FailedRecordsResync;
import dev.sfsync.operations.OperatorService;
import dev.sfsync.operations.RunStateException;
import dev.sfsync.outbound.OutboxRequeue;
import dev.sfsync.tenancy.AuditLog;
import dev.sfsync.tenancy.Tenant;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * An operator's stop and restart of a run, through the {@link JobOperator}: a stop asks
 * the running job to stop after its current chunk; a restart of a failed or stopped run
 * resumes it from its last committed chunk, in the background, through the
 * {@link OperatorService} (its launch claim and audit).
 */
@Service
class RunControl {

	private static final Log logger = LogFactory.getLog(RunControl.class);

	private final ActivityService activity;

	private final JobOperator operator;

	private final JobRepository repository;

	private final OperatorService operations;

	private final FailedRecordsResync inboundResync;

	private final OutboxRequeue outboundResync;

	RunControl(ActivityService activity, JobOperator operator, JobRepository repository, OperatorService operations,
			FailedRecordsResync inboundResync, OutboxRequeue outboundResync) {
		this.inboundResync = inboundResync;
		this.outboundResync = outboundResync;
		this.activity = activity;
		this.operator = operator;
		this.repository = repository;
		this.operations = operations;
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

	/**
	 * Restarts a failed or stopped run through the operator service: under its object
	 * type's launch claim, and audited. What stands in the way (another run of the object
	 * type going, a restart that completed it already) is the answer, not a line in the
	 * log.
	 */
	/**
	 * "Resync" of a run's failed records: an outbound run's failed changes are queued
	 * again, and go with the next outbound run; an inbound run's failed records are read
	 * again by Id and decided again by the object type's next run (which the page then
	 * starts). Audited with the count (see Endpoints).
	 */
	Result resync(Tenant tenant, long id, String user) {
		RunView run = this.activity.run(tenant, id).map(RunDetail::run).orElse(null);
		if (run == null) {
			return new Result(false, false, "Run " + id + " was not found");
		}
		if (run.counts().failed() == 0) {
			return new Result(true, false, "Run " + id + " has no failed records to resync");
		}
		if (run.direction() == Direction.OUTBOUND) {
			int queued = this.outboundResync.requeueFailedOf(run.connectionId(), id);
			if (queued == 0) {
				return new Result(true, false,
						"Run " + id + " has no failed changes left to resync: they were queued again already");
			}
			AuditLog.describe(run.connectionId(), "resync of run " + id + ": " + queued + " failed changes re-queued");
			logger.info("User " + user + " re-queued the " + queued + " failed changes of " + run.jobName()
					+ " execution " + id);
			return new Result(true, true, queued + ((queued == 1) ? " failed change is" : " failed changes are")
					+ " queued again: the next outbound run sends them to Salesforce.");
		}
		int queued = this.inboundResync.readAgain(run.connectionId(), run.objectType(), id);
		if (queued == 0) {
			return new Result(true, false, "Run " + id + " has no failed records with a Salesforce Id to read again");
		}
		AuditLog.describe(run.connectionId(), "resync of run " + id + ": " + queued + " failed records to read again");
		logger.info("User " + user + " asked to read again the " + queued + " failed records of " + run.jobName()
				+ " execution " + id);
		return new Result(true, true,
				queued + ((queued == 1) ? " failed record is" : " failed records are")
						+ " read again from Salesforce by the next "
						+ run.objectLabel().toLowerCase(java.util.Locale.ROOT) + " run, and decided again.");
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
		try {
			this.operations.restart(id, user);
		}
		catch (RunStateException | IllegalArgumentException ex) {
			return new Result(true, false, ex.getMessage());
		}
		return new Result(true, true, "Run " + id + " is restarting from its last committed chunk");
	}

}
