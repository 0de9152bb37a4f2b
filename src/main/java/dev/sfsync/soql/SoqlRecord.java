package dev.sfsync.soql;

import org.jspecify.annotations.Nullable;

/**
 * One stored record as the evaluator sees it, implemented by the emulator over its store.
 * <p>
 * Values are Java types by field type: {@code String} for ids, references and all text
 * types; {@code Boolean}; {@code java.math.BigDecimal} for numbers ({@code Integer},
 * {@code Long} and {@code Double} are accepted too); {@code java.time.LocalDate} for
 * dates; {@code java.time.Instant} for dateTimes; or {@code null}.
 */
public interface SoqlRecord {

	/**
	 * The value of a field of this record.
	 * @param fieldName the field's canonical name, as {@link SoqlField#name()} gives it
	 * @return the value, or {@code null} when the field is empty
	 */
	@Nullable Object get(String fieldName);

	/**
	 * The parent record a relationship points to.
	 * @param relationshipName the canonical name, as {@link SoqlRelationship#name()}
	 * gives it
	 * @return the parent, or {@code null} when the lookup is empty
	 */
	@Nullable SoqlRecord parent(String relationshipName);

}
