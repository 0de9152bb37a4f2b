package dev.sfsync.outbound;

import dev.sfsync.connection.ConnectionService;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The identifying parameters of an outbound run: its connection and the outbox id range
 * it sends, so every run's range is in {@code BATCH_JOB_EXECUTION_PARAMS} and a re-launch
 * with the same range restarts a failed run.
 */
final class OutboundParameters implements JobParametersValidator {

	static final String CONNECTION = "connection";

	static final String OUTBOX_FROM = "outboxFrom";

	static final String OUTBOX_TO = "outboxTo";

	private final ConnectionService connections;

	OutboundParameters(ConnectionService connections) {
		this.connections = connections;
	}

	static JobParameters of(String connectionId, long from, long to) {
		return new JobParametersBuilder().addString(CONNECTION, connectionId)
			.addLong(OUTBOX_FROM, from)
			.addLong(OUTBOX_TO, to)
			.toJobParameters();
	}

	@Override
	public void validate(@Nullable JobParameters parameters) throws InvalidJobParametersException {
		String connection = (parameters != null) ? parameters.getString(CONNECTION) : null;
		if (parameters == null || connection == null || connection.isBlank()) {
			throw new InvalidJobParametersException("connection is required: the id of a connection");
		}
		if (this.connections.find(connection).isEmpty()) {
			throw new InvalidJobParametersException("connection=" + connection + " is not a connection");
		}
		Long from = parameters.getLong(OUTBOX_FROM);
		Long to = parameters.getLong(OUTBOX_TO);
		if (from == null || to == null || from < 1 || to < from) {
			throw new InvalidJobParametersException(
					"outboxFrom and outboxTo are required: the first and last sync_outbox id of the run, with"
							+ " 1 <= outboxFrom <= outboxTo; were " + from + " and " + to);
		}
	}

}
