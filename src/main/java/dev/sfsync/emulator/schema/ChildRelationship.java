package dev.sfsync.emulator.schema;

import org.jspecify.annotations.Nullable;

/**
 * A reverse lookup as describe lists it under {@code childRelationships}: records of
 * {@code childSObject} point to the described object through {@code field}.
 *
 * @param childSObject the object holding the lookup, for example {@code Contact}
 * @param field the lookup field, for example {@code AccountId}
 * @param relationshipName the name of a parent-to-child subquery, for example
 * {@code Contacts}, or {@code null} if the relationship cannot be traversed that way
 * @param cascadeDelete whether deleting the parent deletes the children
 */
public record ChildRelationship(String childSObject, String field, @Nullable String relationshipName,
		boolean cascadeDelete) {

}
