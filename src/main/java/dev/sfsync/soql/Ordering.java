package dev.sfsync.soql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The ORDER BY of a query. Null placement does not flip with the direction: it is set per
 * item, by default nulls first ascending and last descending, as in Salesforce.
 */
final class Ordering {

	private final Item[] items;

	Ordering(List<Item> items) {
		this.items = items.toArray(new Item[0]);
	}

	Comparator<SoqlRecord> comparator() {
		return (a, b) -> {
			for (int i = 0; i < this.items.length; i++) {
				SoqlFieldPath path = this.items[i].path();
				int result = compare(i, path.valueOf(a), path.valueOf(b));
				if (result != 0) {
					return result;
				}
			}
			return 0;
		};
	}

	/**
	 * Sorts stably, reading each record's values once rather than once per comparison.
	 */
	<R extends SoqlRecord> void sort(List<R> records) {
		List<Keyed<R>> keyed = new ArrayList<>(records.size());
		for (R record : records) {
			@Nullable Object[] keys = new Object[this.items.length];
			for (int i = 0; i < keys.length; i++) {
				keys[i] = this.items[i].path().valueOf(record);
			}
			keyed.add(new Keyed<>(record, keys));
		}
		keyed.sort((a, b) -> {
			for (int i = 0; i < this.items.length; i++) {
				int result = compare(i, a.keys()[i], b.keys()[i]);
				if (result != 0) {
					return result;
				}
			}
			return 0;
		});
		for (int i = 0; i < keyed.size(); i++) {
			records.set(i, keyed.get(i).record());
		}
	}

	private int compare(int index, @Nullable Object a, @Nullable Object b) {
		Item item = this.items[index];
		if (a == null || b == null) {
			if (a == b) {
				return 0;
			}
			return ((a == null) == item.nullsFirst()) ? -1 : 1;
		}
		int result = Values.compare(item.kind(), a, b);
		return item.descending() ? -result : result;
	}

	/**
	 * One resolved ORDER BY item.
	 */
	record Item(SoqlFieldPath path, ValueKind kind, boolean descending, boolean nullsFirst) {
	}

	/**
	 * A record with its sort values read out.
	 */
	private record Keyed<R>(R record, @Nullable Object[] keys) {
	}

}
