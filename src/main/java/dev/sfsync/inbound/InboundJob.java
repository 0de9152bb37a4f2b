package dev.sfsync.inbound;

import java.time.Instant;

import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.connection.Connection;
import dev.sfsync.connection.ConnectionJob;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.salesforce.ApiBudget;
import dev.sfsync.store.AppTable;
import dev.sfsync.syncstate.SyncStates;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The registered {@code {object}-inbound} or {@code {object}-backfill} job. Each
 * execution gets its own {@link InboundRun}, built for its connection and window.
 */
final class InboundJob extends ConnectionJob {

	/** The job execution context's mark of an execution that has started its steps. */
	static final String STARTED = "sfsync.started";

	private final JobDefinition definition;

	private final AppTable table;

	private final boolean backfill;

	private final InboundRun.Context context;

	private final ConnectionService connections;

	InboundJob(String name, JobDefinition definition, AppTable table, boolean backfill, InboundRun.Context context,
			ConnectionService connections, JobParametersValidator validator, SyncStates states) {
		super(name, validator, context.repository(), connections, states, context.clock());
		this.definition = definition;
		this.table = table;
		this.backfill = backfill;
		this.context = context;
		this.connections = connections;
	}

	@Override
	protected Job runJob(JobExecution execution, Connection connection) {
		Instant from = Instant.parse(execution.getJobParameters().getString(InboundLaunches.FROM));
		Instant to = Instant.parse(execution.getJobParameters().getString(InboundLaunches.TO));
		return new InboundRun(this.context, this.definition, this.table, connection.id(), connection.settings(),
				this.connections.client(connection.id(), ApiBudget.DEFAULT).countedFor(this.definition.name()), from,
				to, this.backfill)
			.restarted(restarted(execution))
			.handOver(this.context.firstPages().take(connection.id(), getName(), from, to))
			.job(getName());
	}

	/**
	 * Whether the execution restarts an earlier one of the same run, told without a
	 * query: a restart starts from the job execution context the earlier one saved, and
	 * every execution marks it, saved when its first step ends, failed or not.
	 */
	static boolean restarted(JobExecution execution) {
		ExecutionContext context = execution.getExecutionContext();
		boolean restarted = context.containsKey(STARTED);
		context.putString(STARTED, "true");
		return restarted;
	}

}
