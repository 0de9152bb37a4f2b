package dev.sfsync.salesforce;

import java.util.List;

/**
 * A login that lacks fields its flow needs: which it needs and which are missing, by
 * name, never with a value.
 */
public class MissingLoginFieldsException extends IllegalArgumentException {

	private final List<String> needed;

	private final List<String> missing;

	MissingLoginFieldsException(String flow, List<String> needed, List<String> missing) {
		super("The " + flow + " login needs " + String.join(", ", needed) + "; missing: " + String.join(", ", missing));
		this.needed = List.copyOf(needed);
		this.missing = List.copyOf(missing);
	}

	/** Every field the flow needs, such as {@code loginUrl} and {@code password}. */
	public List<String> needed() {
		return this.needed;
	}

	/** The fields it lacks, in the order {@link #needed()} names them. */
	public List<String> missing() {
		return this.missing;
	}

}
