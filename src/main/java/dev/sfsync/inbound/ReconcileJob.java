package dev.sfsync.inbound;

import java.time.Instant;

import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.connection.Connection;
import dev.sfsync.connection.ConnectionJob;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.salesforce.ApiBudget;
import dev.sfsync.salesforce.SalesforceClient;
import dev.sfsync.store.AppTable;
import dev.sfsync.syncstate.SyncStates;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;

/**
 * The registered {@code {object}-reconcile} job. Each execution gets its own
 * {@link ReconcileRun}, whose repairs go through an {@link InboundRun} of the connection
 * over everything up to the time the run was asked for.
 */
final class ReconcileJob extends ConnectionJob {

	private final JobDefinition definition;

	private final AppTable table;

	private final InboundRun.Context context;

	private final ConnectionService connections;

	private final InboundProperties properties;

	ReconcileJob(String name, JobDefinition definition, AppTable table, InboundRun.Context context,
			ConnectionService connections, ReconcileLaunches launches, SyncStates states,
			InboundProperties properties) {
		super(name, launches, context.repository(), connections, states, context.clock());
		this.definition = definition;
		this.table = table;
		this.context = context;
		this.connections = connections;
		this.properties = properties;
	}

	@Override
	protected Job runJob(JobExecution execution, Connection connection) {
		Instant at = Instant.parse(execution.getJobParameters().getString(ReconcileRun.AT));
		SalesforceClient client = this.connections.client(connection.id(), ApiBudget.DEFAULT)
			.countedFor(this.definition.name());
		InboundRun run = new InboundRun(this.context, this.definition, this.table, connection.id(),
				connection.settings(), client, Instant.EPOCH, at, false);
		return new ReconcileRun(run, this.context, this.definition, this.table, connection.id(), client, at,
				this.properties)
			.job(getName());
	}

}
