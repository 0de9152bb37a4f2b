package dev.sfsync.inbound;

import java.time.Duration;
import java.time.Instant;
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

/**
 * The {@code update-foreign-keys} step: points the app foreign keys of the object's rows
 * at their parents' app rows, for references whose parent arrived after the child or
 * changed in this run's window (an incremental run's chunks point the rows they write
 * when the parent is there already). In batches of {@value ForeignKeys#BATCH} rows, each
 * its own transaction, with the locking order of {@link ForeignKeys}.
 */
final class ForeignKeysTasklet implements Tasklet {

	private final ForeignKeys foreignKeys;

	private final Instant from;

	/** The reference being resolved, and the last Salesforce Id its batches reached. */
	private int reference;

	private String after = "";

	ForeignKeysTasklet(ForeignKeys foreignKeys, Instant from) {
		this.foreignKeys = foreignKeys;
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

	/**
	 * Whether any row has a foreign key to change: one read of the first row per
	 * reference, so that a run with nothing to point records no step for it (about 30 SQL
	 * statements of the job repository's).
	 */
	boolean anyToUpdate() {
		for (AppTable.Reference reference : this.foreignKeys.references()) {
			if (!this.foreignKeys.stale(reference, "", this.from, 1).isEmpty()) {
				return true;
			}
		}
		return false;
	}

	private RepeatStatus batch(StepContribution contribution) {
		List<AppTable.Reference> references = this.foreignKeys.references();
		if (this.reference >= references.size()) {
			return RepeatStatus.FINISHED;
		}
		AppTable.Reference reference = references.get(this.reference);
		List<Object[]> rows = this.foreignKeys.stale(reference, this.after, this.from, ForeignKeys.BATCH);
		if (!rows.isEmpty()) {
			contribution.incrementWriteCount(this.foreignKeys.point(reference, rows));
		}
		// Moved on only once the batch is changed: a retried batch is read again.
		if (rows.size() < ForeignKeys.BATCH) {
			this.reference++;
			this.after = "";
		}
		else {
			this.after = (String) rows.get(rows.size() - 1)[2];
		}
		// Finished with the last batch, not in a transaction of its own after it.
		return (this.reference < references.size()) ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
	}

}
