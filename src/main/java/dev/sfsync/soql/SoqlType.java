package dev.sfsync.soql;

/**
 * The Salesforce field types the query language distinguishes. The type decides which
 * literal a field accepts in WHERE and how its values compare; the Java value a
 * {@link SoqlRecord} holds for each is listed there.
 */
public enum SoqlType {

	ID, REFERENCE, STRING, TEXTAREA, PICKLIST, EMAIL, PHONE, URL, BOOLEAN, INTEGER, DOUBLE, CURRENCY, PERCENT, DATE,
	DATETIME

}
