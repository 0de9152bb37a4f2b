package dev.sfsync.inbound;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.connection.Connection;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.salesforce.ApiBudget;
import dev.sfsync.store.AppTable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The registered {@code {object}-inbound} or {@code {object}-backfill} job. Each
 * execution gets its own {@link InboundRun}, built for its connection and window, whose
 * steps the job repository tracks under this job's name, so restarts resume them.
 */
final class InboundJob implements Job {

	private static final Log logger = LogFactory.getLog(InboundJob.class);

	private final String name;

	private final JobDefinition definition;

	private final AppTable table;

	private final boolean backfill;

	private final InboundRun.Context context;

	private final ConnectionService connections;

	private final JobParametersValidator validator;

	InboundJob(String name, JobDefinition definition, AppTable table, boolean backfill, InboundRun.Context context,
			ConnectionService connections, JobParametersValidator validator) {
		this.name = name;
		this.definition = definition;
		this.table = table;
		this.backfill = backfill;
		this.context = context;
		this.connections = connections;
		this.validator = validator;
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
	public void execute(JobExecution execution) throws JobInterruptedException {
		String connectionId = execution.getJobParameters().getString(InboundLaunches.CONNECTION);
		Connection connection = (connectionId != null) ? this.connections.find(connectionId).orElse(null) : null;
		if (connection == null) {
			fail(execution, new IllegalStateException(
					"Connection " + connectionId + " no longer exists; " + this.name + " cannot run for it"));
			return;
		}
		InboundRun run = new InboundRun(this.context, this.definition, this.table, connectionId, connection.settings(),
				this.connections.client(connectionId, ApiBudget.DEFAULT),
				Instant.parse(execution.getJobParameters().getString(InboundLaunches.FROM)),
				Instant.parse(execution.getJobParameters().getString(InboundLaunches.TO)), this.backfill);
		run.job(this.name).execute(execution);
	}

	/** Ends a run that could not start its steps, with its cause. */
	private void fail(JobExecution execution, RuntimeException failure) {
		logger.error("Run " + this.name + " execution " + execution.getId() + " failed before its first step: "
				+ failure.getMessage());
		execution.setStartTime(LocalDateTime.now(ZoneOffset.UTC));
		execution.addFailureException(failure);
		execution.setStatus(BatchStatus.FAILED);
		execution.setExitStatus(ExitStatus.FAILED.addExitDescription(failure.getMessage()));
		execution.setEndTime(LocalDateTime.now(ZoneOffset.UTC));
		this.context.repository().update(execution);
	}

}
