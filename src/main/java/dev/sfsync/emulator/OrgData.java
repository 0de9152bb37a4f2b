package dev.sfsync.emulator;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import dev.sfsync.emulator.schema.CustomObjectDefinition;
import dev.sfsync.emulator.schema.FieldSchema;
import dev.sfsync.emulator.schema.ObjectSchema;
import dev.sfsync.emulator.schema.SchemaCatalog;
import dev.sfsync.salesforce.SalesforceId;

import org.springframework.http.HttpStatus;

/**
 * The data of one org: a table per object, and the org's own rules for writes (validation
 * rules, duplicate rules, records locked by a fault).
 */
final class OrgData {

	private final Map<String, SObjectTable> tables = new ConcurrentSkipListMap<>(String.CASE_INSENSITIVE_ORDER);

	private final Map<String, SObjectTable> byKeyPrefix = new ConcurrentHashMap<>();

	private final Map<String, List<ValidationRule>> validationRules = new ConcurrentHashMap<>();

	private final Map<String, List<String>> duplicateRules = new ConcurrentHashMap<>();

	private final Set<String> lockedIds = ConcurrentHashMap.newKeySet();

	private final Map<String, Instant> schemaModifiedAt = new ConcurrentHashMap<>();

	private final Instant createdAt = Instant.now();

	private final SchemaCatalog catalog;

	OrgData(SchemaCatalog catalog) {
		this.catalog = catalog;
		catalog.objects().forEach(this::addTable);
	}

	/** The org's own describe metadata: custom objects and fields differ per org. */
	SchemaCatalog catalog() {
		return this.catalog;
	}

	private void addTable(ObjectSchema schema) {
		SObjectTable table = new SObjectTable(schema);
		this.tables.put(schema.name(), table);
		this.byKeyPrefix.put(schema.keyPrefix(), table);
	}

	Optional<SObjectTable> table(String objectName) {
		return Optional.ofNullable(this.tables.get(objectName));
	}

	/**
	 * The table of an object named in a URL; an unknown name is Salesforce's NOT_FOUND.
	 */
	SObjectTable requireTable(String objectName) {
		return table(objectName).orElseThrow(() -> new SalesforceApiException(HttpStatus.NOT_FOUND, "NOT_FOUND",
				"The requested resource does not exist"));
	}

	/** Defines a custom object, as an admin does in Setup. */
	ObjectSchema defineObject(CustomObjectDefinition definition) {
		ObjectSchema object = this.catalog.define(definition);
		addTable(object);
		return object;
	}

	/** Adds a custom field to an object and to its records, as an admin does in Setup. */
	void addField(String objectName, FieldSchema field) {
		ObjectSchema changed = this.catalog.addField(objectName, field);
		requireTable(objectName).changeSchema(changed);
		this.schemaModifiedAt.put(changed.name().toLowerCase(), Instant.now());
	}

	/** Deletes a custom field from an object and its values from the records. */
	void removeField(String objectName, String fieldName) {
		ObjectSchema changed = this.catalog.removeField(objectName, fieldName);
		requireTable(objectName).changeSchema(changed);
		this.schemaModifiedAt.put(changed.name().toLowerCase(), Instant.now());
	}

	/** When an object's describe last changed, for {@code If-Modified-Since}. */
	Instant schemaModifiedAt(String objectName) {
		return this.schemaModifiedAt.getOrDefault(objectName.toLowerCase(), this.createdAt);
	}

	Collection<SObjectTable> tables() {
		return this.tables.values();
	}

	/** The table an Id belongs to, by its key prefix. */
	Optional<SObjectTable> tableOf(String id) {
		if (!SalesforceId.isValid(id)) {
			return Optional.empty();
		}
		return Optional.ofNullable(this.byKeyPrefix.get(id.substring(0, 3)));
	}

	List<ValidationRule> validationRules(String objectName) {
		return this.validationRules.getOrDefault(objectName.toLowerCase(), List.of());
	}

	void addValidationRule(String objectName, ValidationRule rule) {
		this.validationRules.merge(objectName.toLowerCase(), List.of(rule),
				(existing, added) -> java.util.stream.Stream.concat(existing.stream(), added.stream()).toList());
	}

	/** The fields whose equal values make a new record a duplicate, per object. */
	List<String> duplicateRule(String objectName) {
		return this.duplicateRules.getOrDefault(objectName.toLowerCase(), List.of());
	}

	void setDuplicateRule(String objectName, List<String> fields) {
		this.duplicateRules.put(objectName.toLowerCase(), List.copyOf(fields));
	}

	private volatile long lockHoldMillis;

	/**
	 * How long a write holds its row lock, to make concurrent writes contend as in a busy
	 * org.
	 */
	long lockHoldMillis() {
		return this.lockHoldMillis;
	}

	void setLockHoldMillis(long lockHoldMillis) {
		this.lockHoldMillis = lockHoldMillis;
	}

	boolean isLocked(String id) {
		return this.lockedIds.contains(id);
	}

	void lock(Collection<String> ids) {
		ids.forEach((id) -> this.lockedIds.add(SalesforceId.parse(id).id18()));
	}

	void unlockAll() {
		this.lockedIds.clear();
	}

}
