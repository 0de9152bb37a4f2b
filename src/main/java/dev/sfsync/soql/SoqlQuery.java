package dev.sfsync.soql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

/**
 * A parsed query resolved against a schema, ready to run over any number of records: what
 * it selects for rendering, and its WHERE, ORDER BY, LIMIT and OFFSET as evaluation.
 * Relative date literals were fixed when it was parsed.
 */
public final class SoqlQuery {

	private final String soql;

	private final SoqlObject object;

	private final boolean count;

	private final List<SoqlFieldPath> fields;

	private final Matcher where;

	private final @Nullable Ordering ordering;

	private final @Nullable Integer limit;

	private final int offset;

	SoqlQuery(String soql, SoqlObject object, boolean count, List<SoqlFieldPath> fields, Matcher where,
			@Nullable Ordering ordering, @Nullable Integer limit, int offset) {
		this.soql = soql;
		this.object = object;
		this.count = count;
		this.fields = List.copyOf(fields);
		this.where = where;
		this.ordering = ordering;
		this.limit = limit;
		this.offset = offset;
	}

	/**
	 * The query text as given.
	 */
	public String soql() {
		return this.soql;
	}

	/**
	 * The object queried; its {@link SoqlObject#name()} is the canonical name.
	 */
	public SoqlObject object() {
		return this.object;
	}

	/**
	 * Whether this is {@code SELECT COUNT()}, answered with a total and no records.
	 */
	public boolean isCount() {
		return this.count;
	}

	/**
	 * The selected field paths in query order; empty for a count.
	 */
	public List<SoqlFieldPath> fields() {
		return this.fields;
	}

	public OptionalInt limit() {
		return (this.limit != null) ? OptionalInt.of(this.limit) : OptionalInt.empty();
	}

	/**
	 * The OFFSET, 0 when there is none.
	 */
	public int offset() {
		return this.offset;
	}

	/**
	 * Whether a record satisfies the WHERE clause; always true without one.
	 */
	public boolean matches(SoqlRecord record) {
		return this.where.matches(record);
	}

	public boolean isOrdered() {
		return this.ordering != null;
	}

	/**
	 * The ORDER BY as a comparator; every record ties when there is none.
	 */
	public Comparator<SoqlRecord> comparator() {
		return (this.ordering != null) ? this.ordering.comparator() : (a, b) -> 0;
	}

	/**
	 * Runs the query over records: keeps those that match, sorts them stably, then skips
	 * the offset and stops at the limit. Without ORDER BY the input order is kept.
	 * @param <R> the record type
	 * @param records the records of {@link #object()}
	 * @return the result rows
	 */
	public <R extends SoqlRecord> List<R> apply(Iterable<? extends R> records) {
		List<R> matched = new ArrayList<>();
		for (R record : records) {
			if (this.where.matches(record)) {
				matched.add(record);
			}
		}
		if (this.ordering != null) {
			this.ordering.sort(matched);
		}
		int from = Math.min(this.offset, matched.size());
		int to = (this.limit != null) ? (int) Math.min((long) from + this.limit, matched.size()) : matched.size();
		return (from == 0 && to == matched.size()) ? matched : new ArrayList<>(matched.subList(from, to));
	}

	/**
	 * The number of rows {@link #apply} would return, without sorting or collecting them;
	 * the answer to {@code SELECT COUNT()}.
	 */
	public long count(Iterable<? extends SoqlRecord> records) {
		long matched = 0;
		for (SoqlRecord record : records) {
			if (this.where.matches(record)) {
				matched++;
			}
		}
		long rows = Math.max(0, matched - this.offset);
		return (this.limit != null) ? Math.min(rows, this.limit) : rows;
	}

	@Override
	public String toString() {
		return this.soql;
	}

}
