package dev.sfsync.outbound;

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
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The registered {@code {object}-outbound} job. Each execution gets its own
 * {@link OutboundRun}, built for its connection and outbox id range.
 */
final class OutboundJob implements Job {

	private static final Log logger = LogFactory.getLog(OutboundJob.class);

	private final String name;

	private final JobDefinition definition;

	private final AppTable table;

	private final OutboundRun.Context context;

	private final ConnectionService connections;

	private final JobParametersValidator validator;

	OutboundJob(String name, JobDefinition definition, AppTable table, OutboundRun.Context context,
			ConnectionService connections, JobParametersValidator validator) {
		this.name = name;
		this.definition = definition;
		this.table = table;
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
		JobParameters parameters = execution.getJobParameters();
		String connectionId = parameters.getString(OutboundParameters.CONNECTION);
		Connection connection = (connectionId != null) ? this.connections.find(connectionId).orElse(null) : null;
		Long from = parameters.getLong(OutboundParameters.OUTBOX_FROM);
		Long to = parameters.getLong(OutboundParameters.OUTBOX_TO);
		if (connection == null || connectionId == null || from == null || to == null) {
			fail(execution, new IllegalStateException(
					"Connection " + connectionId + " no longer exists; " + this.name + " cannot run for it"));
			return;
		}
		new OutboundRun(this.context, this.definition, this.table, connectionId, connection.settings(),
				this.connections.client(connectionId, ApiBudget.DEFAULT), from, to)
			.job(this.name)
			.execute(execution);
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
