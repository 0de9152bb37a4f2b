package dev.sfsync.inbound;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.sfsync.store.AppTable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Points the app foreign keys of an object type's rows at their parents' app rows, for
 * one connection. The rows to change are found by a plain (non-locking) read along the
 * connection's Salesforce Id index, then changed by primary key alone, in ascending
 * order. So a change locks only the rows it changes, always in the same order, and two
 * runs writing the same table (tasks and events share {@code activities}, contacts and
 * leads {@code contacts}) cannot deadlock on rows, index records or gaps the other one
 * writes.
 * <p>
 * An incremental run's chunk points the rows it has just written ({@link #pointWritten}),
 * which its own transaction already holds; {@code update-foreign-keys} points the rows
 * whose parent arrived after them, and a backfill's ({@link #stale}).
 */
final class ForeignKeys {

	/** Rows read and changed per statement. */
	static final int BATCH = 1000;

	/**
	 * Salesforce Ids per read of the rows a chunk wrote: under MariaDB's
	 * {@code in_predicate_conversion_threshold} (1,000), from which an {@code IN} list is
	 * read as a table of its own.
	 */
	static final int WRITTEN_BATCH = 500;

	private final JdbcTemplate jdbc;

	private final AppTable table;

	private final String connectionId;

	ForeignKeys(JdbcTemplate jdbc, AppTable table, String connectionId) {
		this.jdbc = jdbc;
		this.table = table;
		this.connectionId = connectionId;
	}

	List<AppTable.Reference> references() {
		return this.table.references();
	}

	/**
	 * Points the foreign keys of the rows just written, by their Salesforce Ids: one read
	 * per reference and batch, and a change only where a key does not point at its parent
	 * yet.
	 */
	void pointWritten(List<String> salesforceIds) {
		for (AppTable.Reference reference : references()) {
			for (int from = 0; from < salesforceIds.size(); from += WRITTEN_BATCH) {
				List<String> batch = salesforceIds.subList(from, Math.min(salesforceIds.size(), from + WRITTEN_BATCH));
				List<Object> arguments = new ArrayList<>(List.of(this.connectionId));
				arguments.addAll(batch);
				List<Object[]> rows = rows(reference,
						" IN (" + String.join(", ", Collections.nCopies(batch.size(), "?")) + ")", "", arguments,
						batch.size());
				if (!rows.isEmpty()) {
					point(reference, rows);
				}
			}
		}
	}

	/**
	 * The next rows, in Salesforce Id order after {@code after}, whose foreign key does
	 * not point at their parent, among those without one and those changed since
	 * {@code since}: each its app id, its parent's and its Salesforce Id.
	 */
	List<Object[]> stale(AppTable.Reference reference, String after, Instant since, int limit) {
		return rows(reference, " > ? AND (t." + reference.column() + " IS NULL OR t.external_updated_at >= ?)",
				" ORDER BY t." + this.table.keyColumn(),
				new ArrayList<>(List.of(this.connectionId, after, Timestamp.from(since))), limit);
	}

	/**
	 * The rows of the connection whose key meets {@code keyCondition} and whose foreign
	 * key does not point at their parent; {@code arguments} start with the connection's
	 * and the condition's.
	 */
	private List<Object[]> rows(AppTable.Reference reference, String keyCondition, String orderBy,
			List<Object> arguments, int limit) {
		String key = this.table.keyColumn();
		arguments.addAll(this.table.fixedColumns().values());
		return this.jdbc.query(
				"SELECT t.id, p.id, t." + key + " FROM " + this.table.name() + " t JOIN " + reference.parentTable()
						+ " p ON p.connection_id = t.connection_id AND p." + reference.parentKey() + " = t."
						+ reference.salesforceColumn() + " WHERE t.connection_id = ? AND t." + key + keyCondition
						+ this.table.fixedCondition("t") + " AND NOT (t." + reference.column() + " <=> p.id)" + orderBy
						+ " LIMIT " + limit,
				(rs, row) -> new Object[] { rs.getLong(1), rs.getLong(2), rs.getString(3) }, arguments.toArray());
	}

	/**
	 * Sets the rows' foreign keys by primary key, in ascending order.
	 * @return the rows changed
	 */
	int point(AppTable.Reference reference, List<Object[]> rows) {
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
