package dev.sfsync.salesforce;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.StringNode;

/**
 * One row of a Bulk results page as the fields of an {@code ObjectNode}: the page's
 * header, shared by all its rows, finds a field's cell, and a cell becomes a node when it
 * is read, an empty cell a null. Building a {@code LinkedHashMap} of nodes for every row
 * instead cost a backfill a quarter of its reading and most of its garbage: 50,000 rows a
 * page, each with an entry and a node per field. Read-only: a change throws
 * {@link UnsupportedOperationException}.
 */
final class CsvRow extends AbstractMap<String, JsonNode> {

	private final Header header;

	private final String[] cells;

	CsvRow(Header header, String[] cells) {
		this.header = header;
		this.cells = cells;
	}

	@Override
	public @Nullable JsonNode get(@Nullable Object field) {
		Integer index = this.header.indexes().get(field);
		return (index != null) ? node(this.cells[index]) : null;
	}

	@Override
	public boolean containsKey(@Nullable Object field) {
		return this.header.indexes().containsKey(field);
	}

	@Override
	public int size() {
		return this.cells.length;
	}

	@Override
	public Set<Entry<String, JsonNode>> entrySet() {
		return new AbstractSet<>() {

			@Override
			public Iterator<Entry<String, JsonNode>> iterator() {
				return new Iterator<>() {

					private int next;

					@Override
					public boolean hasNext() {
						return this.next < CsvRow.this.cells.length;
					}

					@Override
					public Entry<String, JsonNode> next() {
						if (!hasNext()) {
							throw new NoSuchElementException();
						}
						int index = this.next++;
						return Map.entry(CsvRow.this.header.fields()[index], node(CsvRow.this.cells[index]));
					}

				};
			}

			@Override
			public int size() {
				return CsvRow.this.cells.length;
			}

		};
	}

	private static JsonNode node(String cell) {
		return cell.isEmpty() ? NullNode.getInstance() : StringNode.valueOf(cell);
	}

	/**
	 * A page's header: its fields in order and where each is.
	 *
	 * @param fields the field names, each once
	 * @param indexes each field's cell
	 */
	record Header(String[] fields, Map<String, Integer> indexes) {

		/** The header of fields each named once, or null when a name repeats. */
		static @Nullable Header of(String[] fields) {
			Map<String, Integer> indexes = new java.util.HashMap<>();
			for (int i = 0; i < fields.length; i++) {
				if (indexes.putIfAbsent(fields[i], i) != null) {
					return null;
				}
			}
			return new Header(fields.clone(), Map.copyOf(indexes));
		}

	}

}
