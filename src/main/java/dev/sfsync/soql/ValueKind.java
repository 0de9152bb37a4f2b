package dev.sfsync.soql;

/**
 * How values of a {@link SoqlType} behave in comparisons: the many text types all compare
 * alike, ids have their own 15/18-character equality, and so on.
 */
enum ValueKind {

	TEXT, ID, NUMBER, BOOLEAN, DATE, DATETIME;

	static ValueKind of(SoqlType type) {
		return switch (type) {
			case ID, REFERENCE -> ID;
			case STRING, TEXTAREA, PICKLIST, EMAIL, PHONE, URL -> TEXT;
			case BOOLEAN -> BOOLEAN;
			case INTEGER, DOUBLE, CURRENCY, PERCENT -> NUMBER;
			case DATE -> DATE;
			case DATETIME -> DATETIME;
		};
	}

	/**
	 * Whether literals for this kind are written in quotes.
	 */
	boolean quoted() {
		return this == TEXT || this == ID;
	}

	/**
	 * The type name Salesforce uses in its literal type errors.
	 */
	static String typeName(SoqlType type) {
		return switch (type) {
			case ID, REFERENCE -> "id";
			case STRING, TEXTAREA, PICKLIST, EMAIL, PHONE, URL -> "string";
			case BOOLEAN -> "boolean";
			case INTEGER -> "int";
			case DOUBLE, CURRENCY, PERCENT -> "double";
			case DATE -> "date";
			case DATETIME -> "dateTime";
		};
	}

}
