package dev.sfsync.emulator;

import java.util.function.BiPredicate;

import org.jspecify.annotations.Nullable;

/**
 * An org's validation rule on an object: when its condition (a SOQL WHERE expression,
 * such as {@code Email LIKE '%@example.invalid'}) holds for a record being saved, the
 * save fails with {@code FIELD_CUSTOM_VALIDATION_EXCEPTION} and the rule's message.
 *
 * @param name the rule's name
 * @param condition the condition as written
 * @param errorMessage the message users see
 * @param errorField the field the error is shown on, or null for the top of the page
 * @param test evaluates the condition on a record's values
 */
record ValidationRule(String name, String condition, String errorMessage, @Nullable String errorField,
		BiPredicate<SObjectTable, @Nullable Object[]> test) {

	boolean rejects(SObjectTable table, @Nullable Object[] values) {
		return this.test.test(table, values);
	}

}
