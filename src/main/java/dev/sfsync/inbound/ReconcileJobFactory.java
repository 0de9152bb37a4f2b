package dev.sfsync.inbound;

import dev.sfsync.catalog.Direction;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.catalog.SyncJobFactory;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.store.AppTables;
import dev.sfsync.syncstate.SyncStates;

import org.springframework.batch.core.job.Job;

/** Builds the {@code {object}-reconcile} job of every object type from its definition. */
final class ReconcileJobFactory implements SyncJobFactory {

	private final InboundRun.Context context;

	private final AppTables tables;

	private final ConnectionService connections;

	private final ReconcileLaunches launches;

	private final SyncStates states;

	private final InboundProperties properties;

	ReconcileJobFactory(InboundRun.Context context, AppTables tables, ConnectionService connections,
			ReconcileLaunches launches, SyncStates states, InboundProperties properties) {
		this.context = context;
		this.tables = tables;
		this.connections = connections;
		this.launches = launches;
		this.states = states;
		this.properties = properties;
	}

	@Override
	public Direction direction() {
		return Direction.RECONCILE;
	}

	@Override
	public Job create(JobDefinition definition) {
		return new ReconcileJob(definition.jobName(Direction.RECONCILE), definition, this.tables.get(definition.name()),
				this.context, this.connections, this.launches, this.states, this.properties);
	}

}
