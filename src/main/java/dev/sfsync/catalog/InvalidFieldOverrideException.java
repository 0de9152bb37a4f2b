package dev.sfsync.catalog;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A field mapping override that an object's definition does not allow, with what is wrong
 * and what is allowed instead.
 */
public class InvalidFieldOverrideException extends IllegalArgumentException {

	private final String objectType;

	private final String salesforceField;

	private final @Nullable String column;

	private final List<String> allowed;

	private final String problem;

	InvalidFieldOverrideException(JobDefinition definition, String salesforceField, @Nullable String column,
			List<String> allowed, String problem) {
		super("A field mapping override of " + definition.name() + " is not allowed: " + problem + "; allowed: "
				+ String.join(", ", allowed) + ". Fix the connection's settings.fieldOverrides." + definition.name());
		this.objectType = definition.name();
		this.salesforceField = salesforceField;
		this.column = column;
		this.allowed = List.copyOf(allowed);
		this.problem = problem;
	}

	/** The object type whose override it is, such as {@code contact}. */
	public String objectType() {
		return this.objectType;
	}

	/** The override's key, as given. */
	public String salesforceField() {
		return this.salesforceField;
	}

	/**
	 * The override's column, as given; null when the key itself is what is wrong.
	 */
	public @Nullable String column() {
		return this.column;
	}

	/** What is allowed instead. */
	public List<String> allowed() {
		return this.allowed;
	}

	/** What is wrong, in a few words. */
	public String problem() {
		return this.problem;
	}

}
