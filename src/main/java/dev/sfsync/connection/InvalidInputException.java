package dev.sfsync.connection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A connection input refused when it is saved: which field, the value refused (never a
 * secret: user info and queries of URLs are hidden, secrets are not echoed at all) and
 * what is allowed instead. The API answers it as a 400 problem with these as properties.
 */
class InvalidInputException extends IllegalArgumentException {

	private static final int LONGEST_VALUE = 200;

	private final String field;

	private final @Nullable String value;

	private final List<String> allowed;

	private final Map<String, Object> more;

	InvalidInputException(String detail, String field, @Nullable String value, List<String> allowed) {
		this(detail, field, value, allowed, Map.of());
	}

	/**
	 * @param detail what is wrong, as a sentence
	 * @param field the request field, such as {@code loginUrl} or
	 * {@code settings.fieldOverrides.contact.Email}
	 * @param value the value refused, already stripped of anything secret
	 * @param allowed what is allowed: values, patterns or a description
	 * @param more further properties, such as the row and column of a syntax error
	 */
	InvalidInputException(String detail, String field, @Nullable String value, List<String> allowed,
			Map<String, Object> more) {
		super(detail);
		this.field = field;
		this.value = (value != null && value.length() > LONGEST_VALUE) ? value.substring(0, LONGEST_VALUE) + "…"
				: value;
		this.allowed = List.copyOf(allowed);
		this.more = Map.copyOf(more);
	}

	String field() {
		return this.field;
	}

	@Nullable String value() {
		return this.value;
	}

	List<String> allowed() {
		return this.allowed;
	}

	/** The problem's properties: field, value, allowed, then any more. */
	Map<String, @Nullable Object> properties() {
		Map<String, @Nullable Object> properties = new LinkedHashMap<>();
		properties.put("field", this.field);
		properties.put("value", this.value);
		properties.put("allowed", this.allowed);
		properties.putAll(this.more);
		return properties;
	}

}
