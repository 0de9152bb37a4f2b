package dev.sfsync.emulator;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

import dev.sfsync.emulator.schema.FieldSchema;
import dev.sfsync.emulator.schema.ObjectSchema;
import dev.sfsync.salesforce.SalesforceId;
import org.jspecify.annotations.Nullable;

/**
 * The records of one object in one org, ordered by Id (which is creation order, as the
 * Ids are counters), with the field positions of its schema.
 */
final class SObjectTable {

	private volatile ObjectSchema schema;

	private volatile Map<String, Integer> positions = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

	private final NavigableMap<String, StoredRecord> byId = new ConcurrentSkipListMap<>();

	/** Unique and external id fields: value (lower case) to the Ids that hold it. */
	private volatile Map<Integer, Map<String, Set<String>>> indexes = new ConcurrentHashMap<>();

	SObjectTable(ObjectSchema schema) {
		this.schema = schema;
		layOut(schema);
	}

	private void layOut(ObjectSchema schema) {
		Map<String, Integer> positions = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		Map<Integer, Map<String, Set<String>>> indexes = new ConcurrentHashMap<>();
		for (int i = 0; i < schema.fields().size(); i++) {
			FieldSchema field = schema.fields().get(i);
			positions.put(field.name(), i);
			if (field.unique() || field.externalId()) {
				indexes.put(i, new ConcurrentHashMap<>());
			}
		}
		this.positions = positions;
		this.indexes = indexes;
	}

	/**
	 * Moves every record to a changed schema (a field added or deleted in Setup): values
	 * move with their field, a deleted field's values are gone.
	 */
	synchronized void changeSchema(ObjectSchema changed) {
		int[] source = new int[changed.fields().size()];
		for (int i = 0; i < source.length; i++) {
			Integer old = this.positions.get(changed.fields().get(i).name());
			source[i] = (old != null) ? old : -1;
		}
		this.byId.values().forEach((record) -> {
			@Nullable Object[] values = new Object[source.length];
			for (int i = 0; i < source.length; i++) {
				values[i] = (source[i] >= 0) ? record.get(source[i]) : null;
			}
			record.replace(values);
		});
		this.schema = changed;
		layOut(changed);
		this.byId.values().forEach((record) -> index(record, true));
	}

	ObjectSchema schema() {
		return this.schema;
	}

	String name() {
		return this.schema.name();
	}

	int fieldCount() {
		return this.schema.fields().size();
	}

	/** The position of a field, or -1 if the object has no such field. */
	int position(String fieldName) {
		Integer position = this.positions.get(fieldName);
		return (position != null) ? position : -1;
	}

	FieldSchema field(int position) {
		return this.schema.fields().get(position);
	}

	@Nullable Object get(StoredRecord record, String fieldName) {
		int position = position(fieldName);
		return (position >= 0) ? record.get(position) : null;
	}

	/**
	 * A field's value in a record's value array, or null if the object has no such field.
	 */
	@Nullable Object value(@Nullable Object[] values, String fieldName) {
		int position = position(fieldName);
		return (position >= 0) ? values[position] : null;
	}

	/**
	 * Sets a field in a record's value array; a field the object does not have is
	 * ignored.
	 */
	void set(@Nullable Object[] values, String fieldName, @Nullable Object value) {
		int position = position(fieldName);
		if (position >= 0) {
			values[position] = value;
		}
	}

	/** A record by its 15- or 18-character Id, deleted ones included. */
	Optional<StoredRecord> find(String id) {
		if (!SalesforceId.isValid(id)) {
			return Optional.empty();
		}
		return Optional.ofNullable(this.byId.get(SalesforceId.parse(id).id18()));
	}

	void put(StoredRecord record) {
		this.byId.put(record.id(), record);
		index(record, true);
	}

	/** Changes a record's values, keeping the indexes right. */
	void replace(StoredRecord record, @Nullable Object[] values) {
		index(record, false);
		record.replace(values);
		index(record, true);
	}

	/** Removes a record for good, as emptying the Recycle Bin does. */
	void purge(String id) {
		StoredRecord record = this.byId.remove(id);
		if (record != null) {
			index(record, false);
		}
	}

	/** The Ids of the records whose indexed field holds a value, ignoring case. */
	Set<String> lookup(int position, String value) {
		Map<String, Set<String>> index = this.indexes.get(position);
		if (index == null) {
			throw new IllegalStateException(field(position).name() + " is not indexed");
		}
		return index.getOrDefault(value.toLowerCase(Locale.ROOT), Set.of());
	}

	boolean indexed(int position) {
		return this.indexes.containsKey(position);
	}

	private void index(StoredRecord record, boolean add) {
		this.indexes.forEach((position, index) -> {
			Object value = record.get(position);
			if (value == null) {
				return;
			}
			String key = value.toString().toLowerCase(Locale.ROOT);
			if (add) {
				index.computeIfAbsent(key, (ignored) -> ConcurrentHashMap.newKeySet()).add(record.id());
			}
			else {
				index.computeIfPresent(key, (ignored, ids) -> {
					ids.remove(record.id());
					return ids.isEmpty() ? null : ids;
				});
			}
		});
	}

	Stream<StoredRecord> records() {
		return this.byId.values().stream();
	}

	int size() {
		return this.byId.size();
	}

	boolean isDeleted(StoredRecord record) {
		return Boolean.TRUE.equals(get(record, "IsDeleted"));
	}

	boolean isArchived(StoredRecord record) {
		return Boolean.TRUE.equals(get(record, "IsArchived"));
	}

}
