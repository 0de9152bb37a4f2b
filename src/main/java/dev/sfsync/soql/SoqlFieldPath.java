package dev.sfsync.soql;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A field path of a parsed query resolved against the schema, such as
 * {@code Account.Owner.Email} on Contact: the relationships it follows and the field it
 * ends in, all with their canonical names.
 */
public final class SoqlFieldPath {

	private final String spelling;

	private final List<SoqlRelationship> relationships;

	private final String[] relationshipNames;

	private final SoqlField field;

	private final String fieldName;

	private final String path;

	SoqlFieldPath(String spelling, List<SoqlRelationship> relationships, SoqlField field) {
		this.spelling = spelling;
		this.relationships = List.copyOf(relationships);
		this.relationshipNames = relationships.stream().map(SoqlRelationship::name).toArray(String[]::new);
		this.field = field;
		this.fieldName = field.name();
		this.path = (relationships.isEmpty()) ? field.name()
				: String.join(".", this.relationshipNames) + "." + field.name();
	}

	/**
	 * The canonical dotted path, for example {@code Account.Name}.
	 */
	public String path() {
		return this.path;
	}

	/**
	 * The path as the query spells it, for example {@code account.NAME}.
	 */
	public String spelling() {
		return this.spelling;
	}

	/**
	 * The parent relationships followed, outermost first; empty for a field of the
	 * queried object itself.
	 */
	public List<SoqlRelationship> relationships() {
		return this.relationships;
	}

	/**
	 * The field the path ends in.
	 */
	public SoqlField field() {
		return this.field;
	}

	public SoqlType type() {
		return this.field.type();
	}

	/**
	 * The value of this path for a record of the queried object.
	 * @param record the record
	 * @return the value, or {@code null} when it or any parent on the way is empty
	 */
	public @Nullable Object valueOf(SoqlRecord record) {
		SoqlRecord current = record;
		for (String relationship : this.relationshipNames) {
			current = current.parent(relationship);
			if (current == null) {
				return null;
			}
		}
		return current.get(this.fieldName);
	}

	@Override
	public String toString() {
		return this.path;
	}

}
