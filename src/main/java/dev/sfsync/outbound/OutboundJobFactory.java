package dev.sfsync.outbound;

import dev.sfsync.catalog.Direction;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.catalog.SyncJobFactory;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.store.AppTables;
import dev.sfsync.syncstate.SyncStates;

import org.springframework.batch.core.job.Job;

/**
 * Builds the {@code {object}-outbound} job of every object type whose definition has
 * {@code outbound: true}.
 */
final class OutboundJobFactory implements SyncJobFactory {

	private final OutboundRun.Context context;

	private final AppTables tables;

	private final ConnectionService connections;

	private final OutboundParameters parameters;

	private final SyncStates states;

	OutboundJobFactory(OutboundRun.Context context, AppTables tables, ConnectionService connections,
			SyncStates states) {
		this.context = context;
		this.states = states;
		this.tables = tables;
		this.connections = connections;
		this.parameters = new OutboundParameters(connections);
	}

	@Override
	public Direction direction() {
		return Direction.OUTBOUND;
	}

	@Override
	public Job create(JobDefinition definition) {
		return new OutboundJob(definition.jobName(Direction.OUTBOUND), definition, this.tables.get(definition.name()),
				this.context, this.connections, this.parameters, this.states);
	}

}
