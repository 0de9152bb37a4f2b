package dev.sfsync.emulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.sfsync.emulator.schema.FieldSchema;
import dev.sfsync.emulator.schema.FieldType;
import dev.sfsync.salesforce.SalesforceId;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * Creates, updates and deletes records the way Salesforce does: every failure an
 * integration meets comes from a real rule here (permissions, required fields, restricted
 * picklists, lengths, references, validation and duplicate rules, row locks, converted
 * leads), never a canned answer.
 */
final class RecordWriter {

	/** How long a write waits for a row lock held by another write. */
	private static final long LOCK_WAIT_MILLIS = 200;

	private final Clock clock;

	RecordWriter(Clock clock) {
		this.clock = clock;
	}

	/** The outcome of an upsert. */
	record Saved(StoredRecord record, boolean created) {
	}

	StoredRecord create(OrgData data, SObjectTable table, Map<String, @Nullable Object> fields, OrgUser user,
			String newId, boolean allowDuplicates) {
		if (!table.schema().createable() || !user.canWrite(table.name())) {
			throw insufficientAccess();
		}
		@Nullable Object[] values = new Object[table.fieldCount()];
		for (int i = 0; i < values.length; i++) {
			FieldSchema field = table.field(i);
			values[i] = defaultValue(field);
		}
		apply(data, table, values, fields, user, true);
		Instant now = now();
		table.set(values, "Id", newId);
		table.set(values, "CreatedDate", now);
		table.set(values, "LastModifiedDate", now);
		table.set(values, "SystemModstamp", now);
		table.set(values, "CreatedById", user.id());
		table.set(values, "LastModifiedById", user.id());
		if (table.position("OwnerId") >= 0 && values[table.position("OwnerId")] == null) {
			table.set(values, "OwnerId", user.id());
		}
		DerivedFields.apply(table, values);
		checkRequired(table, values);
		checkRules(data, table, values, null, allowDuplicates);
		StoredRecord record = new StoredRecord(newId, values);
		table.put(record);
		Journal.created(table, newId);
		return record;
	}

	StoredRecord update(OrgData data, SObjectTable table, StoredRecord record, Map<String, @Nullable Object> fields,
			OrgUser user, boolean allowDuplicates) {
		if (!table.schema().updateable() || !user.canWrite(table.name())) {
			throw insufficientAccess();
		}
		lock(data, record);
		try {
			if (table.isDeleted(record)) {
				throw new SalesforceApiException(HttpStatus.NOT_FOUND, "ENTITY_IS_DELETED", "entity is deleted");
			}
			if (table.name().equals("Lead") && Boolean.TRUE.equals(table.get(record, "IsConverted"))) {
				throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "CANNOT_UPDATE_CONVERTED_LEAD",
						"cannot reference converted lead");
			}
			@Nullable Object[] values = record.copyValues(table.fieldCount());
			apply(data, table, values, fields, user, false);
			DerivedFields.apply(table, values);
			checkRequired(table, values);
			checkRules(data, table, values, record.id(), allowDuplicates);
			touch(table, values, user);
			Journal.changing(table, record, record.copyValues(table.fieldCount()), record.deletedAt());
			table.replace(record, values);
			return record;
		}
		finally {
			record.unlock();
		}
	}

	/**
	 * Moves a record to the Recycle Bin: hidden from query, visible to queryAll until
	 * purged.
	 */
	void delete(OrgData data, SObjectTable table, StoredRecord record, OrgUser user) {
		if (!table.schema().deletable() || !user.canWrite(table.name())) {
			throw insufficientAccess();
		}
		lock(data, record);
		try {
			if (table.isDeleted(record)) {
				throw new SalesforceApiException(HttpStatus.NOT_FOUND, "ENTITY_IS_DELETED", "entity is deleted");
			}
			@Nullable Object[] values = record.copyValues(table.fieldCount());
			table.set(values, "IsDeleted", Boolean.TRUE);
			touch(table, values, user);
			Journal.changing(table, record, record.copyValues(table.fieldCount()), record.deletedAt());
			table.replace(record, values);
			record.setDeletedAt(now());
		}
		finally {
			record.unlock();
		}
	}

	/**
	 * Changes fields as Salesforce itself does (lead conversion, archiving, an admin's
	 * edit): no permission or rule checks, but the audit fields move.
	 */
	void systemUpdate(SObjectTable table, StoredRecord record, Map<String, @Nullable Object> values, String userId) {
		@Nullable Object[] copy = record.copyValues(table.fieldCount());
		values.forEach((name, value) -> {
			int position = table.position(name);
			if (position < 0) {
				throw new IllegalArgumentException("No field " + name + " on " + table.name());
			}
			copy[position] = FieldValues.fromJson(table.field(position), value);
		});
		DerivedFields.apply(table, copy);
		Instant now = now();
		table.set(copy, "LastModifiedDate", now);
		table.set(copy, "SystemModstamp", now);
		table.set(copy, "LastModifiedById", userId);
		table.replace(record, copy);
	}

	private void apply(OrgData data, SObjectTable table, @Nullable Object[] values,
			Map<String, @Nullable Object> fields, OrgUser user, boolean creating) {
		List<String> notWritable = new ArrayList<>();
		for (Map.Entry<String, @Nullable Object> entry : fields.entrySet()) {
			String name = entry.getKey();
			if (name.equals("attributes") || name.equalsIgnoreCase("Id")) {
				continue;
			}
			int position = table.position(name);
			if (position < 0) {
				throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_FIELD",
						"No such column '" + name + "' on sobject of type " + table.name());
			}
			FieldSchema field = table.field(position);
			if (!(creating ? field.createable() : field.updateable())) {
				notWritable.add(field.name());
				continue;
			}
			if (!user.canEdit(table.name(), field.name())) {
				throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INSUFFICIENT_ACCESS_OR_READONLY",
						"insufficient access rights on object id", List.of(field.name()));
			}
			Object value = FieldValues.fromJson(field, entry.getValue());
			check(data, field, value, user);
			values[position] = value;
		}
		if (!notWritable.isEmpty()) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_FIELD_FOR_INSERT_UPDATE",
					"Unable to " + (creating ? "create" : "create/update") + " fields: "
							+ String.join(", ", notWritable)
							+ ". Please check the security settings of this field and verify that it is read/write"
							+ " for your profile or permission set.",
					notWritable);
		}
	}

	private void check(OrgData data, FieldSchema field, @Nullable Object value, OrgUser user) {
		if (value == null) {
			return;
		}
		if (value instanceof String text) {
			if (field.type().isPicklist() && field.restrictedPicklist() && !field.acceptsPicklistValue(text)) {
				throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
						field.label() + ": bad value for restricted picklist field: " + text, List.of(field.name()));
			}
			if (field.length() > 0 && text.length() > field.length() && field.type() != FieldType.REFERENCE) {
				throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "STRING_TOO_LONG",
						field.label() + ": data value too large: " + text + " (max length=" + field.length() + ")",
						List.of(field.name()));
			}
			if (field.type() == FieldType.REFERENCE) {
				checkReference(data, field, text, user);
			}
		}
	}

	private void checkReference(OrgData data, FieldSchema field, String id, OrgUser user) {
		if (!SalesforceId.isValid(id)) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "MALFORMED_ID",
					field.label() + ": id value of incorrect type: " + id, List.of(field.name()));
		}
		SObjectTable target = data.tableOf(id).orElse(null);
		boolean exists = target != null && field.referenceTo().contains(target.name())
				&& target.find(id).filter((record) -> !target.isDeleted(record)).isPresent();
		boolean userOrGroup = field.referenceTo().contains("User") && id.startsWith("005")
				|| field.referenceTo().contains("Group") && id.startsWith("00G");
		if (!exists && !(userOrGroup && target == null)) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_CROSS_REFERENCE_KEY",
					field.label() + ": id value of incorrect type: " + id, List.of(field.name()));
		}
		if (exists && !user.canRead(target.name())) {
			// Sharing: the referenced record exists, but this user may not see it.
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY",
					"insufficient access rights on cross-reference id: " + SalesforceId.parse(id).id15());
		}
	}

	private void checkRequired(SObjectTable table, @Nullable Object[] values) {
		List<String> missing = new ArrayList<>();
		for (int i = 0; i < values.length; i++) {
			FieldSchema field = table.field(i);
			if (!field.nillable() && field.createable() && field.type() != FieldType.BOOLEAN && values[i] == null) {
				missing.add(field.name());
			}
		}
		if (!missing.isEmpty()) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "REQUIRED_FIELD_MISSING",
					"Required fields are missing: " + missing, missing);
		}
	}

	private void checkRules(OrgData data, SObjectTable table, @Nullable Object[] values, @Nullable String selfId,
			boolean allowDuplicates) {
		for (ValidationRule rule : data.validationRules(table.name())) {
			if (rule.rejects(table, values)) {
				throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "FIELD_CUSTOM_VALIDATION_EXCEPTION",
						rule.errorMessage(), (rule.errorField() != null) ? List.of(rule.errorField()) : List.of());
			}
		}
		for (int i = 0; i < values.length; i++) {
			FieldSchema field = table.field(i);
			if (field.unique() && values[i] != null) {
				table.lookup(i, values[i].toString())
					.stream()
					.filter((otherId) -> !otherId.equals(selfId))
					.filter((otherId) -> table.find(otherId).filter((other) -> !table.isDeleted(other)).isPresent())
					.findFirst()
					.ifPresent((otherId) -> {
						throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "DUPLICATE_VALUE",
								"duplicate value found: " + field.name() + " duplicates value on record with id: "
										+ otherId);
					});
			}
		}
		List<String> duplicateFields = data.duplicateRule(table.name());
		if (!allowDuplicates && !duplicateFields.isEmpty()
				&& duplicateFields.stream().allMatch((name) -> values[table.position(name)] != null)) {
			table.records()
				.filter((other) -> !other.id().equals(selfId) && !table.isDeleted(other))
				.filter((other) -> duplicateFields.stream()
					.allMatch(
							(name) -> sameValue(values[table.position(name)], other.get(table.position(name)), false)))
				.findFirst()
				.ifPresent((other) -> {
					throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "DUPLICATES_DETECTED",
							"You're creating a duplicate record. We recommend you use an existing record instead.");
				});
		}
	}

	private void lock(OrgData data, StoredRecord record) {
		if (data.isLocked(record.id()) || !record.tryLock(LOCK_WAIT_MILLIS)) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "UNABLE_TO_LOCK_ROW",
					"unable to obtain exclusive access to this record or 1 records: " + record.id());
		}
		if (data.lockHoldMillis() > 0) {
			try {
				Thread.sleep(data.lockHoldMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void touch(SObjectTable table, @Nullable Object[] values, OrgUser user) {
		Instant now = now();
		table.set(values, "LastModifiedDate", now);
		table.set(values, "SystemModstamp", now);
		table.set(values, "LastModifiedById", user.id());
	}

	/**
	 * Salesforce keeps dateTimes to the millisecond; so must keys compared against them.
	 */
	private Instant now() {
		return this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
	}

	private static boolean sameValue(@Nullable Object value, @Nullable Object other, boolean caseSensitive) {
		if (value instanceof String text && other instanceof String otherText && !caseSensitive) {
			return text.toLowerCase(Locale.ROOT).equals(otherText.toLowerCase(Locale.ROOT));
		}
		return Objects.equals(value, other);
	}

	private static @Nullable Object defaultValue(FieldSchema field) {
		if (field.type() == FieldType.BOOLEAN) {
			return Boolean.TRUE.equals(field.defaultValue());
		}
		if (field.type().isPicklist()) {
			return field.defaultPicklistValue().orElse(null);
		}
		return (field.defaultValue() != null) ? FieldValues.fromJson(field, field.defaultValue()) : null;
	}

	private static SalesforceApiException insufficientAccess() {
		return new SalesforceApiException(HttpStatus.BAD_REQUEST, "INSUFFICIENT_ACCESS_OR_READONLY",
				"insufficient access rights on object id");
	}

}
