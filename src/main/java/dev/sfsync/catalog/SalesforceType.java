package dev.sfsync.catalog;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a custom object's custom field is in Salesforce, as its definition declares it
 * ({@code type}, {@code length}, {@code values}, {@code external-id}), so that the
 * emulator can build the object from {@code jobs/} alone. A field that declares nothing
 * is {@link #TEXT}.
 *
 * @param kind the field type
 * @param length the most characters of a {@code string} or {@code textarea} field; 0 for
 * the other types, whose length is Salesforce's own
 * @param values a picklist's values in order, the only ones it accepts (a restricted
 * picklist); empty for the other types
 * @param externalId whether the field is an external id that upserts can match on
 */
public record SalesforceType(Kind kind, int length, List<String> values, boolean externalId) {

	/** Text of up to 255 characters: a field that declares no type. */
	public static final SalesforceType TEXT = new SalesforceType(Kind.STRING, 255, List.of(), false);

	public SalesforceType {
		values = List.copyOf(values);
	}

	/** The field types a definition may declare, by their Salesforce describe names. */
	public enum Kind {

		STRING("string"), TEXTAREA("textarea"), EMAIL("email"), PHONE("phone"), URL("url"), BOOLEAN("boolean"),
		INT("int"), DOUBLE("double"), CURRENCY("currency"), PERCENT("percent"), DATE("date"), DATETIME("datetime"),
		PICKLIST("picklist");

		private final String id;

		Kind(String id) {
			this.id = id;
		}

		/** The type's name in {@code jobs/} and in Salesforce's describe. */
		@JsonValue
		public String id() {
			return this.id;
		}

	}

}
