package dev.sfsync.soql;

/**
 * A field of a {@link SoqlObject}: its canonical API name and the type that decides which
 * literals it accepts and how its values compare.
 */
public interface SoqlField {

	/**
	 * The canonical API name, for example {@code LastName}.
	 */
	String name();

	SoqlType type();

	/**
	 * A plain field, for schemas that have no metadata class of their own to implement
	 * this interface with.
	 */
	static SoqlField of(String name, SoqlType type) {
		return new Simple(name, type);
	}

	/**
	 * The field {@link #of} returns.
	 */
	record Simple(String name, SoqlType type) implements SoqlField {
	}

}
