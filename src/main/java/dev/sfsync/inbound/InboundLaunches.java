package dev.sfsync.inbound;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import dev.sfsync.catalog.Direction;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.operations.JobParametersDefaults;
import dev.sfsync.syncstate.SyncState;
import dev.sfsync.syncstate.SyncStates;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Chooses the next inbound run of an object type for a connection, from its sync state (a
 * primary-key lookup, whatever the history): the first sync is a backfill of everything
 * up to now; a failed or stopped last run is restarted with its own parameters (a
 * backfill resumes its Bulk job); any other run reads from the last completed run's end,
 * less the overlap, to now, less the settle delay. Windows are UTC instants to the
 * second, so they compare as text in {@code BATCH_JOB_EXECUTION_PARAMS}.
 */
public final class InboundLaunches implements JobParametersDefaults, JobParametersValidator {

	static final String CONNECTION = "connection";

	static final String FROM = "from";

	static final String TO = "to";

	private final JobCatalog catalog;

	private final SyncStates states;

	private final JobRepository repository;

	private final ConnectionService connections;

	private final InboundProperties properties;

	private final Clock clock;

	public InboundLaunches(JobCatalog catalog, SyncStates states, JobRepository repository,
			ConnectionService connections, InboundProperties properties, Clock clock) {
		this.catalog = catalog;
		this.states = states;
		this.repository = repository;
		this.connections = connections;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public boolean appliesTo(String jobName) {
		return definition(jobName).isPresent();
	}

	/**
	 * The run to launch next for an object type and a connection: the scheduler's and the
	 * command line's choice.
	 */
	public Launch next(JobDefinition definition, String connectionId) {
		return next(definition, connectionId,
				this.states.find(connectionId, definition.name(), SyncState.INBOUND).orElse(null));
	}

	/**
	 * The run to launch next, decided from a sync state the caller has just read.
	 * @param state the inbound state of the object type and connection, or null when it
	 * has none
	 */
	public Launch next(JobDefinition definition, String connectionId, @Nullable SyncState state) {
		String inbound = definition.jobName(Direction.INBOUND);
		String backfill = definition.jobName(Direction.BACKFILL);
		Long lastId = (state != null) ? state.lastExecutionId() : null;
		if (state != null && lastId != null && restarts(state)) {
			JobExecution last = this.repository.getJobExecution(lastId);
			if (last != null) {
				return new Launch(last.getJobInstance().getJobName(), last.getJobParameters(),
						"Restarting " + last.getJobInstance().getJobName() + " execution " + last.getId() + " ("
								+ last.getStatus() + ") for connection " + connectionId
								+ ": it resumes from its last committed chunk.");
			}
		}
		Instant to = this.clock.instant().minus(this.properties.settleDelay()).truncatedTo(ChronoUnit.SECONDS);
		Instant previous = (state != null) ? state.highWaterMark() : null;
		if (previous == null) {
			return new Launch(backfill, parameters(connectionId, Instant.EPOCH, to),
					"No completed sync of " + definition.name() + " for connection " + connectionId
							+ " yet: running its backfill, " + backfill + ".");
		}
		Instant from = previous.minus(this.properties.overlap());
		if (!from.isBefore(to)) {
			to = from.plusSeconds(1);
		}
		return new Launch(inbound, parameters(connectionId, from, to));
	}

	/**
	 * Whether the next launch from this state restarts its last execution: it failed or
	 * was stopped.
	 */
	static boolean restarts(SyncState state) {
		return state.lastExecutionId() != null
				&& (state.lastStatus() == BatchStatus.FAILED || state.lastStatus() == BatchStatus.STOPPED);
	}

	@Override
	public Launch complete(String jobName, JobParameters given) {
		String connection = given.getString(CONNECTION);
		if (connection == null || given.getString(FROM) != null || given.getString(TO) != null) {
			return new Launch(jobName, given);
		}
		return next(definition(jobName).orElseThrow(), connection);
	}

	@Override
	public void validate(@Nullable JobParameters parameters) throws InvalidJobParametersException {
		parameters = requireConnection(parameters, this.connections);
		Instant from = instant(parameters, FROM);
		Instant to = instant(parameters, TO);
		if (!from.isBefore(to)) {
			throw new InvalidJobParametersException("The window must start before it ends: from=" + from + " to=" + to);
		}
	}

	/**
	 * Checks that a sync job's parameters name an existing connection.
	 * @return the parameters, not null
	 */
	static JobParameters requireConnection(@Nullable JobParameters parameters, ConnectionService connections)
			throws InvalidJobParametersException {
		String connection = (parameters != null) ? parameters.getString(CONNECTION) : null;
		if (parameters == null || connection == null || connection.isBlank()) {
			throw new InvalidJobParametersException("connection is required: the id of a connection");
		}
		if (connections.find(connection).isEmpty()) {
			throw new InvalidJobParametersException("connection=" + connection + " is not a connection");
		}
		return parameters;
	}

	private static Instant instant(JobParameters parameters, String name) throws InvalidJobParametersException {
		String text = parameters.getString(name);
		if (text == null) {
			throw new InvalidJobParametersException(
					name + " is required: a UTC instant such as 2026-11-01T00:00:00Z (leave both from and to out to"
							+ " continue from the last completed run)");
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidJobParametersException(
					name + "=" + text + " is not a UTC instant such as 2026-11-01T00:00:00Z");
		}
	}

	/** The parameters of an inbound or backfill run of one connection over a window. */
	public static JobParameters parameters(String connectionId, Instant from, Instant to) {
		return new JobParametersBuilder().addString(CONNECTION, connectionId)
			.addString(FROM, from.truncatedTo(ChronoUnit.SECONDS).toString())
			.addString(TO, to.truncatedTo(ChronoUnit.SECONDS).toString())
			.toJobParameters();
	}

	private Optional<JobDefinition> definition(String jobName) {
		return this.catalog.findByJobName(jobName)
			.filter((definition) -> jobName.equals(definition.jobName(Direction.INBOUND))
					|| jobName.equals(definition.jobName(Direction.BACKFILL)));
	}

}
