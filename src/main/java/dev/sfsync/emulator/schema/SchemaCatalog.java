package dev.sfsync.emulator.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.salesforce.SalesforceId;
import org.jspecify.annotations.Nullable;

/**
 * The objects of one emulated org, looked up by name (in any letter case) or by the key
 * prefix of a record Id. It starts with the standard objects and the custom objects of
 * sfsync's job catalog, and can gain custom objects and custom fields at runtime; it is
 * safe to use from several threads.
 */
public final class SchemaCatalog {

	private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	// Replaced, never changed, so readers need no lock.
	private volatile Map<String, ObjectSchema> objects;

	private SchemaCatalog(List<ObjectSchema> objects) {
		Map<String, ObjectSchema> byName = new LinkedHashMap<>();
		objects.forEach((object) -> add(byName, object));
		this.objects = byName;
	}

	/**
	 * A catalog of the standard objects: Account, Contact, Lead, Opportunity,
	 * OpportunityContactRole, Campaign, CampaignMember, Task, Event and User.
	 * @return a new catalog
	 */
	public static SchemaCatalog standard() {
		return new SchemaCatalog(StandardObjects.all());
	}

	/**
	 * A catalog of the standard objects and the custom objects that sfsync's job catalog
	 * syncs (names ending in {@code __c}), each built from its definition
	 * ({@link CustomObjectDefinition#from}) and given the custom key prefixes
	 * {@code a01}, {@code a02}, … in the job catalog's order.
	 * @param jobs the job catalog
	 * @return a new catalog
	 */
	public static SchemaCatalog of(JobCatalog jobs) {
		SchemaCatalog catalog = standard();
		jobs.definitions()
			.stream()
			.filter((definition) -> definition.salesforceObject().endsWith("__c"))
			.forEach((definition) -> catalog.define(CustomObjectDefinition.from(definition)));
		return catalog;
	}

	/**
	 * Every object, standard ones first, then custom ones in the order they were added.
	 */
	public List<ObjectSchema> objects() {
		return List.copyOf(this.objects.values());
	}

	/**
	 * The object with this name, in any letter case.
	 * @param name the API name
	 * @return the object, or empty if the org has no such object
	 */
	public Optional<ObjectSchema> find(String name) {
		return Optional.ofNullable(this.objects.get(name.toLowerCase(Locale.ROOT)));
	}

	/**
	 * The object with this name, in any letter case.
	 * @param name the API name
	 * @return the object
	 * @throws IllegalArgumentException if the org has no such object
	 */
	public ObjectSchema get(String name) {
		return find(name)
			.orElseThrow(() -> new IllegalArgumentException("sObject type '" + name + "' is not supported"));
	}

	/**
	 * The object whose records' Ids start with this key prefix.
	 * @param keyPrefix 3 characters, for example {@code 003}
	 * @return the object, or empty if no object has that prefix
	 */
	public Optional<ObjectSchema> findByKeyPrefix(String keyPrefix) {
		return this.objects.values().stream().filter((object) -> object.keyPrefix().equals(keyPrefix)).findFirst();
	}

	/**
	 * Adds a custom object with the next free custom key prefix ({@code a02},
	 * {@code a03}, …).
	 * @param definition the object
	 * @return the object as the catalog now holds it
	 * @throws IllegalArgumentException if an object by that name exists
	 */
	public synchronized ObjectSchema define(CustomObjectDefinition definition) {
		ObjectSchema object = definition.toSchema(nextCustomKeyPrefix());
		Map<String, ObjectSchema> updated = new LinkedHashMap<>(this.objects);
		add(updated, object);
		this.objects = updated;
		return object;
	}

	/**
	 * Adds a custom field to an object, as an admin would in Setup.
	 * @param objectName the object's API name
	 * @param field the field, whose name ends in {@code __c}
	 * @return the object as the catalog now holds it
	 * @throws IllegalArgumentException if there is no such object, the field is not
	 * custom or the object already has it
	 */
	public synchronized ObjectSchema addField(String objectName, FieldSchema field) {
		if (!field.custom()) {
			throw new IllegalArgumentException(
					"Field " + field.name() + " is not a custom field: only fields ending in __c can be added");
		}
		ObjectSchema object = get(objectName);
		if (object.hasField(field.name())) {
			throw new IllegalArgumentException("Object " + object.name() + " already has a field " + field.name());
		}
		ObjectSchema extended = object.withField(field);
		Map<String, ObjectSchema> updated = new LinkedHashMap<>(this.objects);
		updated.put(key(extended.name()), extended);
		this.objects = updated;
		return extended;
	}

	/**
	 * Deletes a custom field from an object, as an admin would in Setup.
	 * @param objectName the object's API name
	 * @param fieldName the custom field's API name
	 * @return the object as the catalog now holds it
	 * @throws IllegalArgumentException if there is no such object or custom field
	 */
	public synchronized ObjectSchema removeField(String objectName, String fieldName) {
		ObjectSchema object = get(objectName);
		FieldSchema field = object.findField(fieldName)
			.orElseThrow(() -> new IllegalArgumentException("Object " + object.name() + " has no field " + fieldName));
		if (!field.custom()) {
			throw new IllegalArgumentException("Field " + field.name() + " is a standard field and cannot be deleted");
		}
		ObjectSchema reduced = object.withoutField(field.name());
		Map<String, ObjectSchema> updated = new LinkedHashMap<>(this.objects);
		updated.put(key(reduced.name()), reduced);
		this.objects = updated;
		return reduced;
	}

	/**
	 * The lookups from other objects (and the object itself) that point to this object,
	 * as describe lists them, sorted by child object and field.
	 * @param objectName the parent object's API name
	 * @return its child relationships
	 */
	public List<ChildRelationship> childRelationships(String objectName) {
		List<ChildRelationship> children = new ArrayList<>();
		for (ObjectSchema child : this.objects.values()) {
			for (FieldSchema field : child.fields()) {
				if (field.referenceTo().stream().anyMatch(objectName::equalsIgnoreCase)) {
					children
						.add(new ChildRelationship(child.name(), field.name(), field.childRelationshipName(), false));
				}
			}
		}
		children.sort(Comparator.comparing(ChildRelationship::childSObject).thenComparing(ChildRelationship::field));
		return children;
	}

	/**
	 * The object a relationship leads to for one record. For a polymorphic relationship
	 * (Lead's {@code Owner}, {@code Who}, {@code What}) that is the object whose key
	 * prefix starts the referenced Id; without an Id, the first target this catalog
	 * knows.
	 * @param from the object holding the lookup
	 * @param relationshipName the SOQL relationship name, for example {@code Who}
	 * @param referencedId the Id in the lookup field, or {@code null}
	 * @return the target object, or empty if there is no such relationship, the target is
	 * not emulated (such as Group or Profile) or the Id belongs to no target
	 */
	public Optional<ObjectSchema> relationshipTarget(ObjectSchema from, String relationshipName,
			@Nullable SalesforceId referencedId) {
		Optional<FieldSchema> field = from.findRelationshipField(relationshipName);
		if (field.isEmpty()) {
			return Optional.empty();
		}
		List<String> targets = field.get().referenceTo();
		if (referencedId != null) {
			return findByKeyPrefix(referencedId.keyPrefix())
				.filter((object) -> targets.stream().anyMatch(object.name()::equalsIgnoreCase));
		}
		return targets.stream().map(this::find).flatMap(Optional::stream).findFirst();
	}

	private String nextCustomKeyPrefix() {
		for (int i = 1; i < BASE62.length() * BASE62.length(); i++) {
			String prefix = "a" + BASE62.charAt(i / BASE62.length()) + BASE62.charAt(i % BASE62.length());
			if (findByKeyPrefix(prefix).isEmpty()) {
				return prefix;
			}
		}
		throw new IllegalStateException("No custom object key prefix is left");
	}

	private static void add(Map<String, ObjectSchema> objects, ObjectSchema object) {
		if (objects.containsKey(key(object.name()))) {
			throw new IllegalArgumentException("An object named " + object.name() + " already exists");
		}
		if (objects.values().stream().anyMatch((other) -> other.keyPrefix().equals(object.keyPrefix()))) {
			throw new IllegalArgumentException(
					"Key prefix " + object.keyPrefix() + " of " + object.name() + " is taken by another object");
		}
		objects.put(key(object.name()), object);
	}

	private static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

}
