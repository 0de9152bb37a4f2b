package dev.sfsync.operations;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import dev.sfsync.catalog.Direction;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.syncstate.SyncState;
import dev.sfsync.syncstate.SyncStates;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The runs a launch would overlap, which the operator API and the command line refuse to
 * run beside (the scheduler skips such a fire): for a sync job, its object type's runs
 * still going for the same connection, from the sync state by primary key; for another
 * job with a connection, its own executions still going. A check, not a claim: two
 * launches in the same instant can both pass it.
 */
final class OverlappingRuns {

	private final JobCatalog catalog;

	private final SyncStates states;

	private final JdbcTemplate jdbc;

	OverlappingRuns(JobCatalog catalog, SyncStates states, JdbcTemplate jdbc) {
		this.catalog = catalog;
		this.states = states;
		this.jdbc = jdbc;
	}

	/**
	 * The running executions a sync launch would overlap: the same object type's inbound
	 * and backfill runs for the same connection (the scheduler never overlaps them
	 * either).
	 */
	List<Long> of(JobParametersDefaults.Launch launch) {
		String connection = launch.parameters().getString("connection");
		if (connection == null) {
			return List.of();
		}
		JobDefinition definition = this.catalog.findByJobName(launch.jobName()).orElse(null);
		if (definition != null) {
			// A sync job: its object type's inbound state (and outbound state for
			// an outbound run), by primary key.
			Stream<String> directions = launch.jobName().equals(definition.jobName(Direction.OUTBOUND))
					? Stream.of(SyncState.INBOUND, SyncState.OUTBOUND) : Stream.of(SyncState.INBOUND);
			return directions
				.flatMap((direction) -> this.states.find(connection, definition.name(), direction).stream())
				.map(SyncState::running)
				.filter(Objects::nonNull)
				.toList();
		}
		return this.jdbc.queryForList("""
				SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e
				JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				JOIN BATCH_JOB_EXECUTION_PARAMS c ON c.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
					AND c.PARAMETER_NAME = 'connection' AND c.PARAMETER_VALUE = ?
				WHERE i.JOB_NAME = ? AND e.STATUS IN ('STARTING', 'STARTED', 'STOPPING')""", Long.class, connection,
				launch.jobName());
	}

}
