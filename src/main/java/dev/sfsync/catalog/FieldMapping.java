package dev.sfsync.catalog;

/**
 * One mapped field: a Salesforce field, the app column it is stored in and the way it
 * flows.
 *
 * @param salesforceField the Salesforce field API name, for example {@code Email}
 * @param column the app table column
 * @param direction which way the field is synced
 * @param required whether an inbound record without a value cannot be stored: it fails as
 * malformed data, or as an invalid timestamp for date and time fields
 * @param type what the field is in Salesforce, as the file declares it on a custom
 * object's custom field; {@link SalesforceType#TEXT} when it declares nothing
 */
public record FieldMapping(String salesforceField, String column, FieldDirection direction, boolean required,
		SalesforceType type) {

	public FieldMapping(String salesforceField, String column, FieldDirection direction) {
		this(salesforceField, column, direction, false);
	}

	public FieldMapping(String salesforceField, String column, FieldDirection direction, boolean required) {
		this(salesforceField, column, direction, required, SalesforceType.TEXT);
	}

}
