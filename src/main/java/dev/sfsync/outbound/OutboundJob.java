package dev.sfsync.outbound;

import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.connection.Connection;
import dev.sfsync.connection.ConnectionJob;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.salesforce.ApiBudget;
import dev.sfsync.store.AppTable;
import dev.sfsync.syncstate.SyncStates;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The registered {@code {object}-outbound} job. Each execution gets its own
 * {@link OutboundRun}, built for its connection and outbox id range.
 */
final class OutboundJob extends ConnectionJob {

	private final JobDefinition definition;

	private final AppTable table;

	private final OutboundRun.Context context;

	private final ConnectionService connections;

	OutboundJob(String name, JobDefinition definition, AppTable table, OutboundRun.Context context,
			ConnectionService connections, JobParametersValidator validator, SyncStates states) {
		super(name, validator, context.repository(), connections, states, context.clock());
		this.definition = definition;
		this.table = table;
		this.context = context;
		this.connections = connections;
	}

	@Override
	protected Job runJob(JobExecution execution, Connection connection) {
		JobParameters parameters = execution.getJobParameters();
		Long from = parameters.getLong(OutboundParameters.OUTBOX_FROM);
		Long to = parameters.getLong(OutboundParameters.OUTBOX_TO);
		if (from == null || to == null) {
			throw new IllegalStateException(getName() + " needs the outbox id range " + OutboundParameters.OUTBOX_FROM
					+ " and " + OutboundParameters.OUTBOX_TO);
		}
		return new OutboundRun(this.context, this.definition, this.table, connection.id(), connection.settings(),
				this.connections.client(connection.id(), ApiBudget.DEFAULT).countedFor(this.definition.name()), from,
				to)
			.job(getName());
	}

}
