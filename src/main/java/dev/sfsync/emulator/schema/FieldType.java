package dev.sfsync.emulator.schema;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The field types the emulator supports, with the names describe reports for them: the
 * {@code type} and the {@code soapType}.
 */
public enum FieldType {

	/** The record Id. */
	ID("id", "tns:ID"),

	/** Single-line text. */
	STRING("string", "xsd:string"),

	/** Multi-line text; long text areas are neither filterable nor sortable. */
	TEXTAREA("textarea", "xsd:string"),

	/** An email address. */
	EMAIL("email", "xsd:string"),

	/** A phone number. */
	PHONE("phone", "xsd:string"),

	/** A URL. */
	URL("url", "xsd:string"),

	/** One value of a list. */
	PICKLIST("picklist", "xsd:string"),

	/** Values of a list, separated by semicolons. */
	MULTIPICKLIST("multipicklist", "xsd:string"),

	/** A checkbox. */
	BOOLEAN("boolean", "xsd:boolean"),

	/** A whole number. */
	INT("int", "xsd:int"),

	/** A decimal number. */
	DOUBLE("double", "xsd:double"),

	/** An amount of money. */
	CURRENCY("currency", "xsd:double"),

	/** A percentage. */
	PERCENT("percent", "xsd:double"),

	/** A calendar date, written {@code 2024-05-01}. */
	DATE("date", "xsd:date"),

	/** An instant, written {@code 2024-05-01T10:00:00.000+0000}. */
	DATETIME("datetime", "xsd:dateTime"),

	/** A lookup: the Id of another record. */
	REFERENCE("reference", "tns:ID");

	private final String describeName;

	private final String soapType;

	FieldType(String describeName, String soapType) {
		this.describeName = describeName;
		this.soapType = soapType;
	}

	/** The field's {@code type} in describe, for example {@code datetime}. */
	public String describeName() {
		return this.describeName;
	}

	/** The field's {@code soapType} in describe, for example {@code xsd:dateTime}. */
	public String soapType() {
		return this.soapType;
	}

	/**
	 * Whether values are text limited to the field's {@code length} (Ids and references
	 * are fixed at 18 characters instead).
	 */
	public boolean isText() {
		return switch (this) {
			case STRING, TEXTAREA, EMAIL, PHONE, URL, PICKLIST, MULTIPICKLIST -> true;
			default -> false;
		};
	}

	/** Whether values come from a list of picklist values. */
	public boolean isPicklist() {
		return this == PICKLIST || this == MULTIPICKLIST;
	}

	/** Whether values are numbers. */
	public boolean isNumeric() {
		return switch (this) {
			case INT, DOUBLE, CURRENCY, PERCENT -> true;
			default -> false;
		};
	}

	/** Whether values are record Ids. */
	public boolean isId() {
		return this == ID || this == REFERENCE;
	}

	/**
	 * The type with the given describe name.
	 * @param describeName a describe {@code type}, for example {@code currency}
	 * @return the type, or empty if the emulator does not support it
	 */
	public static Optional<FieldType> fromDescribeName(String describeName) {
		String wanted = describeName.toLowerCase(Locale.ROOT);
		return Arrays.stream(values()).filter((type) -> type.describeName.equals(wanted)).findFirst();
	}

}
