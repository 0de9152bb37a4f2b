package dev.sfsync.inbound;

import java.sql.Timestamp;
import java.time.Instant;

import dev.sfsync.store.AppTable;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code update-foreign-keys} step: points the app foreign keys of the object's rows
 * at their parents' app rows, for references whose parent arrived after the child or
 * changed in this run's window. Set-based SQL, one statement per reference.
 */
final class ForeignKeysTasklet implements Tasklet {

	private final JdbcTemplate jdbc;

	private final AppTable table;

	private final String connectionId;

	private final Instant from;

	ForeignKeysTasklet(JdbcTemplate jdbc, AppTable table, String connectionId, Instant from) {
		this.jdbc = jdbc;
		this.table = table;
		this.connectionId = connectionId;
		this.from = from;
	}

	@Override
	public @Nullable RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		String fixed = this.table.fixedColumns()
			.keySet()
			.stream()
			.map((column) -> " AND t." + column + " = ?")
			.reduce("", String::concat);
		for (AppTable.Reference reference : this.table.references()) {
			Object[] arguments = new Object[3 + this.table.fixedColumns().size()];
			arguments[0] = this.connectionId;
			arguments[1] = Timestamp.from(this.from);
			int index = 2;
			for (Object value : this.table.fixedColumns().values()) {
				arguments[index++] = value;
			}
			arguments[index] = this.connectionId;
			int updated = this.jdbc.update("UPDATE " + this.table.name() + " t JOIN " + reference.parentTable()
					+ " p ON p.connection_id = t.connection_id AND p." + reference.parentKey() + " = t."
					+ reference.salesforceColumn() + " SET t." + reference.column()
					+ " = p.id WHERE t.connection_id = ?" + " AND (t." + reference.column()
					+ " IS NULL OR t.external_updated_at >= ?)" + fixed + " AND p.connection_id = ? AND NOT (t."
					+ reference.column() + " <=> p.id)", arguments);
			contribution.incrementWriteCount(updated);
		}
		return RepeatStatus.FINISHED;
	}

}
