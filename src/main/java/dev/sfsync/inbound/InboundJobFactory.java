package dev.sfsync.inbound;

import dev.sfsync.catalog.Direction;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.catalog.SyncJobFactory;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.store.AppTables;
import dev.sfsync.syncstate.SyncStates;

import org.springframework.batch.core.job.Job;

/**
 * Builds the {@code {object}-inbound} or {@code {object}-backfill} job of every object
 * type from its definition: the same steps for all, with what differs between objects
 * held by the definition and its {@link dev.sfsync.store.AppTable}.
 */
final class InboundJobFactory implements SyncJobFactory {

	private final Direction direction;

	private final InboundRun.Context context;

	private final AppTables tables;

	private final ConnectionService connections;

	private final InboundLaunches launches;

	private final SyncStates states;

	InboundJobFactory(Direction direction, InboundRun.Context context, AppTables tables, ConnectionService connections,
			InboundLaunches launches, SyncStates states) {
		if (direction == Direction.OUTBOUND) {
			throw new IllegalArgumentException("The inbound job factory builds inbound and backfill jobs only");
		}
		this.direction = direction;
		this.context = context;
		this.tables = tables;
		this.connections = connections;
		this.launches = launches;
		this.states = states;
	}

	@Override
	public Direction direction() {
		return this.direction;
	}

	@Override
	public Job create(JobDefinition definition) {
		return new InboundJob(definition.jobName(this.direction), definition, this.tables.get(definition.name()),
				this.direction == Direction.BACKFILL, this.context, this.connections, this.launches, this.states);
	}

}
