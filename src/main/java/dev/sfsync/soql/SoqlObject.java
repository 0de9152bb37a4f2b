package dev.sfsync.soql;

import java.util.Optional;

/**
 * One sObject type of a {@link SoqlSchema}: its fields and the parent relationships a
 * field path may follow, such as {@code Account} on Contact or {@code Owner} to User.
 */
public interface SoqlObject {

	/**
	 * The canonical API name, for example {@code Contact}.
	 */
	String name();

	/**
	 * The field with this name, matched case-insensitively.
	 * @param name the name as the query spells it
	 * @return the field, or empty when there is none
	 */
	Optional<SoqlField> field(String name);

	/**
	 * The parent relationship with this name, matched case-insensitively.
	 * @param name the relationship name as the query spells it, for example
	 * {@code account} or {@code Owner}
	 * @return the relationship, or empty when there is none
	 */
	Optional<SoqlRelationship> relationship(String name);

}
