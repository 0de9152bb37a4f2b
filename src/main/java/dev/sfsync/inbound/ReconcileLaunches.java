package dev.sfsync.inbound;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.sfsync.catalog.Direction;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.operations.JobParametersDefaults;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Chooses the parameters of an object type's reconcile run for a connection: the last
 * reconcile run's own when it did not complete, so its instance is resumed (its Bulk job
 * and its last committed chunk), never replaced; else a new run asked for now. The last
 * run is found in the connection's run summaries of that job, an index range.
 */
public final class ReconcileLaunches implements JobParametersDefaults, JobParametersValidator {

	private final JobCatalog catalog;

	private final JdbcTemplate jdbc;

	private final JobRepository repository;

	private final ConnectionService connections;

	private final Clock clock;

	public ReconcileLaunches(JobCatalog catalog, JdbcTemplate jdbc, JobRepository repository,
			ConnectionService connections, Clock clock) {
		this.catalog = catalog;
		this.jdbc = jdbc;
		this.repository = repository;
		this.connections = connections;
		this.clock = clock;
	}

	@Override
	public boolean appliesTo(String jobName) {
		return this.catalog.findByJobName(jobName)
			.filter((definition) -> jobName.equals(definition.jobName(Direction.RECONCILE)))
			.isPresent();
	}

	@Override
	public Launch complete(String jobName, JobParameters given) {
		String connection = given.getString(InboundLaunches.CONNECTION);
		if (connection == null || given.getString(ReconcileRun.AT) != null) {
			return new Launch(jobName, given);
		}
		List<Long> unfinished = this.jdbc.queryForList("""
				SELECT job_execution_id FROM sync_run
				WHERE connection_id = ? AND job_name = ? AND status NOT IN ('COMPLETED', 'ABANDONED')
					AND started_at = (SELECT MAX(started_at) FROM sync_run WHERE connection_id = ? AND job_name = ?)""",
				Long.class, connection, jobName, connection, jobName);
		JobExecution last = unfinished.isEmpty() ? null : this.repository.getJobExecution(unfinished.get(0));
		if (last != null) {
			return new Launch(jobName, last.getJobParameters(),
					"Resuming " + jobName + " execution " + last.getId() + " (" + last.getStatus() + ") for connection "
							+ connection + ": it continues from its last committed chunk.");
		}
		return new Launch(jobName, parameters(connection, this.clock.instant()));
	}

	@Override
	public void validate(@Nullable JobParameters parameters) throws InvalidJobParametersException {
		parameters = InboundLaunches.requireConnection(parameters, this.connections);
		String at = parameters.getString(ReconcileRun.AT);
		if (at == null) {
			throw new InvalidJobParametersException(
					"at is required: a UTC instant such as 2026-11-01T00:00:00Z (leave it out to reconcile now)");
		}
		try {
			if (Instant.parse(at).isAfter(this.clock.instant().plus(1, ChronoUnit.MINUTES))) {
				throw new InvalidJobParametersException("at=" + at + " is in the future");
			}
		}
		catch (DateTimeParseException ex) {
			throw new InvalidJobParametersException("at=" + at + " is not a UTC instant such as 2026-11-01T00:00:00Z");
		}
	}

	/** The parameters of a reconcile run of one connection asked for at an instant. */
	public static JobParameters parameters(String connectionId, Instant at) {
		return new JobParametersBuilder().addString(InboundLaunches.CONNECTION, connectionId)
			.addString(ReconcileRun.AT, at.truncatedTo(ChronoUnit.MILLIS).toString())
			.toJobParameters();
	}

}
