package dev.sfsync.emulator.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One emulated object (sObject type): what describe reports about it and its fields in
 * describe order. Field and relationship names are looked up case-insensitively, as SOQL
 * and the REST API treat them.
 *
 * @param name the API name, for example {@code Contact} or {@code Invoice__c}
 * @param label the singular label
 * @param labelPlural the plural label
 * @param keyPrefix the 3 characters that start the Ids of its records
 * @param custom whether the object is custom (its name ends in {@code __c})
 * @param createable whether records can be created
 * @param updateable whether records can be updated
 * @param deletable whether records can be deleted (Users cannot)
 * @param queryable whether SOQL can query it
 * @param replicateable whether getUpdated and getDeleted support it
 * @param retrieveable whether records can be read by Id
 * @param searchable whether SOSL can search it
 * @param triggerable whether Apex triggers can run on it
 * @param undeletable whether deleted records can be restored from the Recycle Bin
 * @param fields the fields, in describe order
 */
public record ObjectSchema(String name, String label, String labelPlural, String keyPrefix, boolean custom,
		boolean createable, boolean updateable, boolean deletable, boolean queryable, boolean replicateable,
		boolean retrieveable, boolean searchable, boolean triggerable, boolean undeletable, List<FieldSchema> fields) {

	private static final Pattern KEY_PREFIX = Pattern.compile("[0-9A-Za-z]{3}");

	public ObjectSchema {
		if (!KEY_PREFIX.matcher(keyPrefix).matches()) {
			throw new IllegalArgumentException(
					"Object " + name + ": key prefix '" + keyPrefix + "' is not 3 letters or digits");
		}
		if (custom != name.endsWith("__c")) {
			throw new IllegalArgumentException(
					"Object " + name + ": custom objects, and only they, have names ending in __c");
		}
		fields = List.copyOf(fields);
		Set<String> seen = new HashSet<>();
		for (FieldSchema field : fields) {
			if (!seen.add(field.name().toLowerCase(Locale.ROOT))) {
				throw new IllegalArgumentException("Object " + name + " has two fields named " + field.name());
			}
		}
	}

	/**
	 * The field with the given name, in any letter case.
	 * @param fieldName the API name
	 * @return the field, or empty if the object has none by that name
	 */
	public Optional<FieldSchema> findField(String fieldName) {
		return this.fields.stream().filter((field) -> field.name().equalsIgnoreCase(fieldName)).findFirst();
	}

	/**
	 * The field with the given name, in any letter case.
	 * @param fieldName the API name
	 * @return the field
	 * @throws IllegalArgumentException if the object has no such field
	 */
	public FieldSchema field(String fieldName) {
		return findField(fieldName).orElseThrow(
				() -> new IllegalArgumentException("No such field '" + fieldName + "' on object " + this.name));
	}

	/** Whether the object has a field by this name, in any letter case. */
	public boolean hasField(String fieldName) {
		return findField(fieldName).isPresent();
	}

	/** The API names of the fields, in describe order. */
	public List<String> fieldNames() {
		return this.fields.stream().map(FieldSchema::name).toList();
	}

	/** The object's name field, such as {@code Name} or a Task's {@code Subject}. */
	public Optional<FieldSchema> nameField() {
		return this.fields.stream().filter(FieldSchema::nameField).findFirst();
	}

	/**
	 * The lookup field behind a relationship name, in any letter case: {@code Account}
	 * gives Contact's {@code AccountId}.
	 * @param relationshipName the SOQL relationship name
	 * @return the reference field, or empty if there is no such relationship
	 */
	public Optional<FieldSchema> findRelationshipField(String relationshipName) {
		return this.fields.stream()
			.filter((field) -> relationshipName.equalsIgnoreCase(field.relationshipName()))
			.findFirst();
	}

	/**
	 * The object a relationship points to: {@code Account} on Contact gives
	 * {@code Account}. A polymorphic relationship (Lead's {@code Owner}, {@code Who},
	 * {@code What}) gives its first target; the real target of one record is the object
	 * whose key prefix starts the referenced Id (see
	 * {@link SchemaCatalog#relationshipTarget}).
	 * @param relationshipName the SOQL relationship name
	 * @return the referenced object's name, or empty if there is no such relationship
	 */
	public Optional<String> relationship(String relationshipName) {
		return findRelationshipField(relationshipName).map((field) -> field.referenceTo().get(0));
	}

	/**
	 * Whether a create must give the field a value (createable, not nillable, not
	 * defaulted on create).
	 * @param fieldName the API name
	 * @return whether the field is required on create
	 * @throws IllegalArgumentException if the object has no such field
	 */
	public boolean isRequiredOnCreate(String fieldName) {
		return field(fieldName).isRequiredOnCreate();
	}

	/** The fields a create must give, in describe order. */
	public List<FieldSchema> requiredOnCreateFields() {
		return this.fields.stream().filter(FieldSchema::isRequiredOnCreate).toList();
	}

	/**
	 * A copy of this object with one more field, placed before the audit fields as
	 * Salesforce lists custom fields.
	 * @param field the new field
	 * @return the copy
	 * @throws IllegalArgumentException if the object already has a field by that name
	 */
	/**
	 * This object without one of its fields, as when an admin deletes a custom field.
	 * @param fieldName the field's API name
	 * @return the object without the field
	 */
	public ObjectSchema withoutField(String fieldName) {
		return new ObjectSchema(this.name, this.label, this.labelPlural, this.keyPrefix, this.custom, this.createable,
				this.updateable, this.deletable, this.queryable, this.replicateable, this.retrieveable, this.searchable,
				this.triggerable, this.undeletable,
				this.fields.stream().filter((field) -> !field.name().equalsIgnoreCase(fieldName)).toList());
	}

	public ObjectSchema withField(FieldSchema field) {
		List<FieldSchema> extended = new ArrayList<>(this.fields);
		int auditStart = extended.size();
		for (int i = 0; i < extended.size(); i++) {
			if (SystemFields.isAudit(extended.get(i).name())) {
				auditStart = i;
				break;
			}
		}
		extended.add(auditStart, field);
		return new ObjectSchema(this.name, this.label, this.labelPlural, this.keyPrefix, this.custom, this.createable,
				this.updateable, this.deletable, this.queryable, this.replicateable, this.retrieveable, this.searchable,
				this.triggerable, this.undeletable, extended);
	}

	/**
	 * A builder that adds the system fields every object has: {@code Id} (and
	 * {@code IsDeleted} when deletable) first, the audit fields last.
	 */
	static Builder builder(String name, String keyPrefix) {
		return new Builder(name, keyPrefix);
	}

	/**
	 * Builds an {@link ObjectSchema} with its system fields; every capability is on by
	 * default.
	 */
	static final class Builder {

		private final String name;

		private final String keyPrefix;

		private String label;

		private @Nullable String labelPlural;

		private boolean deletable = true;

		private boolean searchable = true;

		private boolean undeletable = true;

		private final List<FieldSchema> fields = new ArrayList<>();

		private Builder(String name, String keyPrefix) {
			this.name = name;
			this.keyPrefix = keyPrefix;
			this.label = FieldSchema.labelFor(name);
		}

		Builder label(String label, String labelPlural) {
			this.label = label;
			this.labelPlural = labelPlural;
			return this;
		}

		/**
		 * Records are never deleted (Users are deactivated), so there is no IsDeleted.
		 */
		Builder notDeletable() {
			this.deletable = false;
			this.undeletable = false;
			return this;
		}

		/** Deleted records cannot be restored from the Recycle Bin. */
		Builder notUndeletable() {
			this.undeletable = false;
			return this;
		}

		Builder notSearchable() {
			this.searchable = false;
			return this;
		}

		Builder field(FieldSchema field) {
			this.fields.add(field);
			return this;
		}

		Builder field(FieldSchema.Builder field) {
			return field(field.build());
		}

		ObjectSchema build() {
			String plural = (this.labelPlural != null) ? this.labelPlural : this.label + "s";
			// Every emulated object can be created, updated, queried, replicated and
			// triggered on; they differ only in deleting and searching.
			return new ObjectSchema(this.name, this.label, plural, this.keyPrefix, this.name.endsWith("__c"), true,
					true, this.deletable, true, true, true, this.searchable, true, this.undeletable,
					SystemFields.around(this.name, this.label, this.deletable, this.fields));
		}

	}

}
