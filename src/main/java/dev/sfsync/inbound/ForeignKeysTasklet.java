package dev.sfsync.inbound;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.sfsync.store.AppTable;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.DeadlockLoserDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code update-foreign-keys} step: points the app foreign keys of the object's rows
 * at their parents' app rows, for references whose parent arrived after the child or
 * changed in this run's window. In batches of {@value #BATCH} rows, each its own
 * transaction: the rows to change are found by a plain (non-locking) read along the
 * connection's Salesforce Id index, then changed by primary key alone, in ascending
 * order. So a batch locks only the rows it changes, always in the same order, and two
 * runs writing the same table (tasks and events share {@code activities}, contacts and
 * leads {@code contacts}) cannot deadlock on rows, index records or gaps the other one
 * writes.
 */
final class ForeignKeysTasklet implements Tasklet {

	static final int BATCH = 1000;

	private final JdbcTemplate jdbc;

	private final AppTable table;

	private final String connectionId;

	private final Instant from;

	/** The reference being resolved, and the last Salesforce Id its batches reached. */
	private int reference;

	private String after = "";

	ForeignKeysTasklet(JdbcTemplate jdbc, AppTable table, String connectionId, Instant from) {
		this.jdbc = jdbc;
		this.table = table;
		this.connectionId = connectionId;
		this.from = from;
	}

	/**
	 * A batch the database picked as a deadlock's victim is rolled back whole, and read
	 * and changed again.
	 */
	private static final RetryTemplate DEADLOCKS = new RetryTemplate(RetryPolicy.builder()
		.maxRetries(InboundRun.DEADLOCK_RETRIES)
		.delay(Duration.ofMillis(50))
		.jitter(Duration.ofMillis(25))
		.includes(DeadlockLoserDataAccessException.class)
		.build());

	@Override
	public @Nullable RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext)
			throws RetryException {
		return DEADLOCKS.execute(() -> batch(contribution));
	}

	private RepeatStatus batch(StepContribution contribution) {
		if (this.reference >= this.table.references().size()) {
			return RepeatStatus.FINISHED;
		}
		AppTable.Reference reference = this.table.references().get(this.reference);
		String key = this.table.keyColumn();
		String fixed = this.table.fixedCondition("t");
		List<Object> arguments = new ArrayList<>(List.of(this.connectionId, this.after, Timestamp.from(this.from)));
		arguments.addAll(this.table.fixedColumns().values());
		List<Object[]> rows = this.jdbc.query(
				"SELECT t.id, p.id, t." + key + " FROM " + this.table.name() + " t JOIN " + reference.parentTable()
						+ " p ON p.connection_id = t.connection_id AND p." + reference.parentKey() + " = t."
						+ reference.salesforceColumn() + " WHERE t.connection_id = ? AND t." + key + " > ? AND (t."
						+ reference.column() + " IS NULL OR t.external_updated_at >= ?)" + fixed + " AND NOT (t."
						+ reference.column() + " <=> p.id) ORDER BY t." + key + " LIMIT " + BATCH,
				(rs, row) -> new Object[] { rs.getLong(1), rs.getLong(2), rs.getString(3) }, arguments.toArray());
		if (!rows.isEmpty()) {
			contribution.incrementWriteCount(update(reference, rows));
		}
		// Moved on only once the batch is changed: a retried batch is read again.
		if (rows.size() < BATCH) {
			this.reference++;
			this.after = "";
		}
		else {
			this.after = (String) rows.get(rows.size() - 1)[2];
		}
		return RepeatStatus.CONTINUABLE;
	}

	/** Sets the rows' foreign keys by primary key, in ascending order. */
	private int update(AppTable.Reference reference, List<Object[]> rows) {
		List<Object[]> ordered = new ArrayList<>(rows);
		ordered.sort((a, b) -> Long.compare((long) a[0], (long) b[0]));
		List<Object> arguments = new ArrayList<>();
		StringBuilder cases = new StringBuilder("CASE id");
		for (Object[] row : ordered) {
			cases.append(" WHEN ? THEN ?");
			arguments.add(row[0]);
			arguments.add(row[1]);
		}
		ordered.forEach((row) -> arguments.add(row[0]));
		// By primary key alone: the ids are the connection's, read above. With the
		// connection in the condition the optimizer may walk a (connection_id, …)
		// index instead, locking index records that another run inserting into the
		// table waits on (a Lead backfill next to a Contact one, in contacts): a
		// deadlock.
		return this.jdbc.update(
				"UPDATE " + this.table.name() + " SET " + reference.column() + " = " + cases + " END WHERE id IN ("
						+ String.join(", ", Collections.nCopies(ordered.size(), "?")) + ") ORDER BY id",
				arguments.toArray());
	}

}
