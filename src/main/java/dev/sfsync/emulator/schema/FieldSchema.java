package dev.sfsync.emulator.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One field of an emulated object, holding what describe reports about it and what the
 * emulator validates writes against: required, read-only, maximum length, restricted
 * picklist values and lookup targets. Build one with {@link #builder(String, FieldType)},
 * which starts from the defaults Salesforce uses for the type.
 *
 * @param name the API name, for example {@code LastName} or {@code Amount__c}
 * @param label the label, used in error messages such as {@code STRING_TOO_LONG}
 * @param type the field type
 * @param length the maximum number of characters of a text field (18 for Ids and
 * references, 0 for other types)
 * @param precision the total number of digits of a decimal field
 * @param scale the number of digits after the decimal point of a decimal field
 * @param digits the maximum number of digits of an {@code int} field
 * @param nillable whether the field may be empty
 * @param createable whether a create may set the field
 * @param updateable whether an update may change the field
 * @param custom whether the field is custom (its name ends in {@code __c})
 * @param externalId whether the field is an external id that upserts can match on
 * @param unique whether two records may not share a value
 * @param caseSensitive whether uniqueness and matching are case-sensitive
 * @param idLookup whether the field can identify a record (Id, Email, external ids)
 * @param defaultedOnCreate whether Salesforce fills the field when a create omits it
 * @param defaultValue the value a create gets when it omits the field (a String, Boolean
 * or Number), or {@code null}
 * @param calculated whether the value is computed (a formula), never written
 * @param restrictedPicklist whether only the active picklist values are accepted
 * @param picklistValues the picklist's values, empty for other types
 * @param referenceTo the objects a reference may point to; more than one makes it
 * polymorphic (for example {@code WhoId})
 * @param relationshipName the name used to traverse the reference in SOQL, for example
 * {@code Account} in {@code Account.Name}
 * @param childRelationshipName the name the referenced object uses for the reverse
 * relationship, for example {@code Contacts} for {@code Contact.AccountId}, or
 * {@code null} if it has none
 * @param compoundFieldName the compound field this field is part of, for example
 * {@code Name} for {@code FirstName}, or {@code null}
 * @param filterable whether the field may appear in a WHERE clause
 * @param sortable whether the field may appear in ORDER BY
 * @param groupable whether the field may appear in GROUP BY
 * @param nameField whether this is the object's name field
 *
 * <p>
 * Over 400 lines on purpose: the record mirrors describe's field attributes one to one,
 * and its builder starts each type from Salesforce's defaults; both are long because
 * describe is.
 */
public record FieldSchema(String name, String label, FieldType type, int length, int precision, int scale, int digits,
		boolean nillable, boolean createable, boolean updateable, boolean custom, boolean externalId, boolean unique,
		boolean caseSensitive, boolean idLookup, boolean defaultedOnCreate, @Nullable Object defaultValue,
		boolean calculated, boolean restrictedPicklist, List<PicklistValue> picklistValues, List<String> referenceTo,
		@Nullable String relationshipName, @Nullable String childRelationshipName, @Nullable String compoundFieldName,
		boolean filterable, boolean sortable, boolean groupable, boolean nameField) {

	private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

	public FieldSchema {
		if (!API_NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("'" + name + "' is not a valid field name");
		}
		picklistValues = List.copyOf(picklistValues);
		referenceTo = List.copyOf(referenceTo);
		if (custom != name.endsWith("__c")) {
			throw new IllegalArgumentException(
					"Field " + name + ": custom fields, and only they, have names ending in __c");
		}
		if (length < 0 || precision < 0 || scale < 0 || digits < 0) {
			throw new IllegalArgumentException("Field " + name + ": length, precision, scale and digits must be >= 0");
		}
		if ((type == FieldType.REFERENCE) == referenceTo.isEmpty()) {
			throw new IllegalArgumentException(
					"Field " + name + ": a reference, and only a reference, has referenceTo");
		}
		if (type != FieldType.REFERENCE && (relationshipName != null || childRelationshipName != null)) {
			throw new IllegalArgumentException("Field " + name + ": only a reference has relationship names");
		}
		if (!type.isPicklist() && (restrictedPicklist || !picklistValues.isEmpty())) {
			throw new IllegalArgumentException("Field " + name + ": only a picklist has picklist values");
		}
		if (type == FieldType.PICKLIST && picklistValues.stream().filter(PicklistValue::defaultValue).count() > 1) {
			throw new IllegalArgumentException("Field " + name + ": a picklist has at most one default value");
		}
		if (defaultValue != null && !(defaultValue instanceof String || defaultValue instanceof Boolean
				|| defaultValue instanceof Number)) {
			throw new IllegalArgumentException("Field " + name + ": a default value is a String, Boolean or Number");
		}
	}

	/**
	 * A builder for a field, starting from Salesforce's defaults for the type: nillable,
	 * createable, updateable, filterable and sortable, with the type's usual length
	 * (checkboxes are not nillable and default to {@code false}; an {@code id} is
	 * read-only).
	 * @param name the API name
	 * @param type the type
	 * @return the builder
	 */
	public static Builder builder(String name, FieldType type) {
		return new Builder(name, type);
	}

	/** The maximum size in bytes describe reports: 3 per character of text. */
	public int byteLength() {
		if (this.type.isText()) {
			return 3 * this.length;
		}
		return this.type.isId() ? 18 : 0;
	}

	/** Whether a create must give a value: createable, not nillable and not defaulted. */
	public boolean isRequiredOnCreate() {
		return this.createable && !this.nillable && !this.defaultedOnCreate;
	}

	/**
	 * Whether the reference may point to more than one object (describe's namePointing).
	 */
	public boolean isPolymorphic() {
		return this.referenceTo.size() > 1;
	}

	/** The values of the active picklist entries, in order. */
	public List<String> activePicklistValues() {
		return this.picklistValues.stream().filter(PicklistValue::active).map(PicklistValue::value).toList();
	}

	/** The picklist value a create gets when it omits the field. */
	public Optional<String> defaultPicklistValue() {
		return this.picklistValues.stream().filter(PicklistValue::defaultValue).map(PicklistValue::value).findFirst();
	}

	/**
	 * Whether a value may be written to this field as far as the picklist is concerned:
	 * always for an unrestricted field, otherwise only an active value (each of the
	 * semicolon-separated values of a multi-select picklist).
	 * @param value the value to write
	 * @return whether it is accepted
	 */
	public boolean acceptsPicklistValue(String value) {
		if (!this.restrictedPicklist) {
			return true;
		}
		List<String> active = activePicklistValues();
		if (this.type == FieldType.MULTIPICKLIST) {
			return Arrays.stream(value.split(";")).map(String::trim).allMatch(active::contains);
		}
		return active.contains(value);
	}

	/**
	 * The label Salesforce would give a field with this API name: {@code LastName} is
	 * "Last Name", {@code AccountId} "Account ID", {@code IsActive} "Active",
	 * {@code Contact_Email__c} "Contact Email".
	 */
	static String labelFor(String name) {
		String base = name.endsWith("__c") ? name.substring(0, name.length() - 3) : name;
		StringBuilder words = new StringBuilder();
		for (int i = 0; i < base.length(); i++) {
			char c = base.charAt(i);
			if (c == '_') {
				words.append(' ');
				continue;
			}
			boolean startsWord = i > 0 && Character.isUpperCase(c)
					&& (Character.isLowerCase(base.charAt(i - 1)) || Character.isDigit(base.charAt(i - 1))
							|| (i + 1 < base.length() && Character.isLowerCase(base.charAt(i + 1))
									&& Character.isUpperCase(base.charAt(i - 1))));
			if (startsWord && words.charAt(words.length() - 1) != ' ') {
				words.append(' ');
			}
			words.append(c);
		}
		String label = words.toString().trim();
		if (label.startsWith("Is ") && label.length() > 3) {
			label = label.substring(3);
		}
		return label.endsWith(" Id") ? label.substring(0, label.length() - 2) + "ID" : label;
	}

	/** Builds a {@link FieldSchema} from the defaults of its type. */
	public static final class Builder {

		private final String name;

		private final FieldType type;

		private @Nullable String label;

		private int length;

		private int precision;

		private int scale;

		private int digits;

		private boolean nillable = true;

		private boolean createable = true;

		private boolean updateable = true;

		private boolean externalId;

		private boolean unique;

		private boolean caseSensitive;

		private boolean idLookup;

		private boolean defaultedOnCreate;

		private @Nullable Object defaultValue;

		private boolean calculated;

		private boolean restrictedPicklist;

		private List<PicklistValue> picklistValues = new ArrayList<>();

		private List<String> referenceTo = List.of();

		private @Nullable String relationshipName;

		private @Nullable String childRelationshipName;

		private @Nullable String compoundFieldName;

		private boolean filterable = true;

		private boolean sortable = true;

		private boolean groupable = true;

		private boolean nameField;

		private Builder(String name, FieldType type) {
			this.name = name;
			this.type = type;
			switch (type) {
				case ID -> {
					this.length = 18;
					this.nillable = false;
					this.createable = false;
					this.updateable = false;
					this.defaultedOnCreate = true;
					this.idLookup = true;
				}
				case STRING, TEXTAREA, URL, PICKLIST -> this.length = 255;
				case EMAIL -> this.length = 80;
				case PHONE -> this.length = 40;
				case MULTIPICKLIST -> {
					this.length = 4099;
					this.sortable = false;
					this.groupable = false;
				}
				case BOOLEAN -> {
					this.nillable = false;
					this.defaultedOnCreate = true;
					this.defaultValue = false;
				}
				case INT -> this.digits = 9;
				case DOUBLE, CURRENCY, PERCENT -> {
					this.precision = 18;
					this.scale = 2;
					this.groupable = false;
				}
				case DATETIME -> this.groupable = false;
				case REFERENCE -> this.length = 18;
				case DATE -> {
				}
			}
			if (type == FieldType.TEXTAREA) {
				this.groupable = false;
			}
		}

		/** Sets the label; the default is derived from the API name. */
		public Builder label(String label) {
			this.label = label;
			return this;
		}

		/** Sets the maximum number of characters of a text field. */
		public Builder length(int length) {
			this.length = length;
			return this;
		}

		/** Sets the total digits and the digits after the decimal point. */
		public Builder precision(int precision, int scale) {
			this.precision = precision;
			this.scale = scale;
			return this;
		}

		/** Sets the maximum digits of an {@code int} field. */
		public Builder digits(int digits) {
			this.digits = digits;
			return this;
		}

		/** Makes the field not nillable, hence required on create unless defaulted. */
		public Builder required() {
			this.nillable = false;
			return this;
		}

		/** Makes the field neither createable nor updateable. */
		public Builder readOnly() {
			this.createable = false;
			this.updateable = false;
			return this;
		}

		/** Makes the field settable on create only. */
		public Builder createOnly() {
			this.updateable = false;
			return this;
		}

		/** Makes the field an external id, which also makes it an id lookup. */
		public Builder externalId() {
			this.externalId = true;
			this.idLookup = true;
			return this;
		}

		/** Makes values unique across records. */
		public Builder unique() {
			this.unique = true;
			return this;
		}

		/** Makes uniqueness and matching case-sensitive. */
		public Builder caseSensitive() {
			this.caseSensitive = true;
			return this;
		}

		/** Lets the field identify a record, as Email and Username do. */
		public Builder idLookup() {
			this.idLookup = true;
			return this;
		}

		/** Salesforce fills the field itself when a create omits it. */
		public Builder defaultedOnCreate() {
			this.defaultedOnCreate = true;
			return this;
		}

		/**
		 * Sets the value a create gets when it omits the field, which makes the field
		 * defaulted on create. For a picklist it must be one of the values, which becomes
		 * the default entry.
		 */
		public Builder defaultValue(Object defaultValue) {
			this.defaultValue = defaultValue;
			this.defaultedOnCreate = true;
			return this;
		}

		/** Makes the field a formula: computed, never written. */
		public Builder calculated() {
			this.calculated = true;
			return readOnly();
		}

		/** Sets the picklist values, each active and labelled as it is stored. */
		public Builder picklist(String... values) {
			this.picklistValues = new ArrayList<>(Arrays.stream(values).map(PicklistValue::of).toList());
			return this;
		}

		/** Sets the picklist values. */
		public Builder picklist(List<PicklistValue> values) {
			this.picklistValues = new ArrayList<>(values);
			return this;
		}

		/** Accepts only the active picklist values. */
		public Builder restrictedPicklist() {
			this.restrictedPicklist = true;
			return this;
		}

		/**
		 * Makes the field a lookup.
		 * @param relationshipName the SOQL relationship name, for example {@code Account}
		 * @param targets the objects it may point to, more than one for a polymorphic
		 * lookup
		 * @return this builder
		 */
		public Builder referenceTo(String relationshipName, String... targets) {
			this.relationshipName = relationshipName;
			this.referenceTo = List.of(targets);
			return this;
		}

		/**
		 * Names the reverse relationship on the referenced object, such as
		 * {@code Contacts}.
		 */
		public Builder childRelationshipName(String childRelationshipName) {
			this.childRelationshipName = childRelationshipName;
			return this;
		}

		/** Marks the field as part of a compound field, such as {@code Name}. */
		public Builder compoundFieldName(String compoundFieldName) {
			this.compoundFieldName = compoundFieldName;
			return this;
		}

		/** Marks the field as the object's name field. */
		public Builder nameField() {
			this.nameField = true;
			return this;
		}

		/** Sets whether the field may appear in a WHERE clause. */
		public Builder filterable(boolean filterable) {
			this.filterable = filterable;
			return this;
		}

		/** Sets whether the field may appear in ORDER BY. */
		public Builder sortable(boolean sortable) {
			this.sortable = sortable;
			return this;
		}

		/**
		 * Builds the field.
		 * @return the field
		 * @throws IllegalArgumentException if the settings contradict each other
		 */
		public FieldSchema build() {
			List<PicklistValue> values = this.picklistValues;
			if (this.type.isPicklist() && this.defaultValue != null) {
				Object wanted = this.defaultValue;
				if (values.stream().noneMatch((value) -> value.value().equals(wanted))) {
					throw new IllegalArgumentException("Field " + this.name + ": default value '" + wanted
							+ "' is not one of its picklist values");
				}
				values = values.stream().map((value) -> value.asDefault(value.value().equals(wanted))).toList();
			}
			// Long text areas cannot be filtered or sorted in SOQL.
			boolean longText = this.type == FieldType.TEXTAREA && this.length > 255;
			return new FieldSchema(this.name, (this.label != null) ? this.label : labelFor(this.name), this.type,
					this.length, this.precision, this.scale, this.digits, this.nillable, this.createable,
					this.updateable, this.name.endsWith("__c"), this.externalId, this.unique, this.caseSensitive,
					this.idLookup, this.defaultedOnCreate, this.defaultValue, this.calculated, this.restrictedPicklist,
					values, this.referenceTo, this.relationshipName, this.childRelationshipName, this.compoundFieldName,
					this.filterable && !longText, this.sortable && !longText, this.groupable && !longText,
					this.nameField);
		}

	}

}
