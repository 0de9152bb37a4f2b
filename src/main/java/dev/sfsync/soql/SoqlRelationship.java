package dev.sfsync.soql;

/**
 * A parent (lookup or master-detail) relationship of a {@link SoqlObject}, followed by a
 * dotted field path such as {@code Account.Name}.
 */
public interface SoqlRelationship {

	/**
	 * The canonical relationship name, for example {@code Account} or {@code Owner}; the
	 * key under which query results nest the parent.
	 */
	String name();

	/**
	 * The object the relationship points to, for example User for {@code Owner}.
	 */
	SoqlObject target();

	/**
	 * A plain relationship, for schemas that have no metadata class of their own to
	 * implement this interface with.
	 */
	static SoqlRelationship of(String name, SoqlObject target) {
		return new Simple(name, target);
	}

	/**
	 * The relationship {@link #of} returns.
	 */
	record Simple(String name, SoqlObject target) implements SoqlRelationship {
	}

}
