package dev.sfsync.inbound;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import dev.sfsync.catalog.Direction;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.operations.JobParametersDefaults;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Chooses the next inbound run of an object type for a connection, from the job
 * repository: the first sync is a backfill of everything up to now; a failed or stopped
 * last run is restarted with its own parameters (a backfill resumes its Bulk job); any
 * other run reads from the last completed run's end, less the overlap, to now, less the
 * settle delay. Windows are UTC instants to the second, so they compare as text in
 * {@code BATCH_JOB_EXECUTION_PARAMS}.
 */
public final class InboundLaunches implements JobParametersDefaults, JobParametersValidator {

	static final String CONNECTION = "connection";

	static final String FROM = "from";

	static final String TO = "to";

	private final JobCatalog catalog;

	private final JdbcTemplate jdbc;

	private final JobRepository repository;

	private final ConnectionService connections;

	private final InboundProperties properties;

	private final Clock clock;

	public InboundLaunches(JobCatalog catalog, JdbcTemplate jdbc, JobRepository repository,
			ConnectionService connections, InboundProperties properties, Clock clock) {
		this.catalog = catalog;
		this.jdbc = jdbc;
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
		String inbound = definition.jobName(Direction.INBOUND);
		String backfill = definition.jobName(Direction.BACKFILL);
		JobExecution last = lastExecution(List.of(inbound, backfill), connectionId, null);
		if (last != null && (last.getStatus() == BatchStatus.FAILED || last.getStatus() == BatchStatus.STOPPED)) {
			return new Launch(last.getJobInstance().getJobName(), last.getJobParameters(),
					"Restarting " + last.getJobInstance().getJobName() + " execution " + last.getId() + " ("
							+ last.getStatus() + ") for connection " + connectionId
							+ ": it resumes from its last committed chunk.");
		}
		Instant to = this.clock.instant().minus(this.properties.settleDelay()).truncatedTo(ChronoUnit.SECONDS);
		JobExecution completed = lastExecution(List.of(inbound, backfill), connectionId, BatchStatus.COMPLETED);
		if (completed == null) {
			return new Launch(backfill, parameters(connectionId, Instant.EPOCH, to),
					"No completed sync of " + definition.name() + " for connection " + connectionId
							+ " yet: running its backfill, " + backfill + ".");
		}
		Instant previous = Instant.parse(completed.getJobParameters().getString(TO));
		Instant from = previous.minus(this.properties.overlap());
		if (!from.isBefore(to)) {
			to = from.plusSeconds(1);
		}
		return new Launch(inbound, parameters(connectionId, from, to));
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
		String connection = (parameters != null) ? parameters.getString(CONNECTION) : null;
		if (connection == null || connection.isBlank()) {
			throw new InvalidJobParametersException("connection is required: the id of a connection");
		}
		if (this.connections.find(connection).isEmpty()) {
			throw new InvalidJobParametersException("connection=" + connection + " is not a connection");
		}
		Instant from = instant(parameters, FROM);
		Instant to = instant(parameters, TO);
		if (!from.isBefore(to)) {
			throw new InvalidJobParametersException("The window must start before it ends: from=" + from + " to=" + to);
		}
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

	private @Nullable JobExecution lastExecution(List<String> jobNames, String connectionId,
			@Nullable BatchStatus status) {
		List<Long> ids = this.jdbc.queryForList("""
				SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e
				JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				JOIN BATCH_JOB_EXECUTION_PARAMS c ON c.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
					AND c.PARAMETER_NAME = 'connection' AND c.PARAMETER_VALUE = ?
				WHERE i.JOB_NAME IN (?, ?) AND (? IS NULL OR e.STATUS = ?)
				ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 1""", Long.class, connectionId, jobNames.get(0), jobNames.get(1),
				(status != null) ? status.name() : null, (status != null) ? status.name() : null);
		return ids.isEmpty() ? null : this.repository.getJobExecution(ids.get(0));
	}

	private Optional<JobDefinition> definition(String jobName) {
		return this.catalog.findByJobName(jobName)
			.filter((definition) -> jobName.equals(definition.jobName(Direction.INBOUND))
					|| jobName.equals(definition.jobName(Direction.BACKFILL)));
	}

}
