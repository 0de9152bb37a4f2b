package dev.sfsync.catalog;

/**
 * A file in {@code jobs/} that cannot be used. The message names the file, the key, the
 * bad value and what is allowed, so that whoever edited it can fix it without reading
 * code.
 */
public class InvalidJobDefinitionException extends RuntimeException {

	private final String file;

	InvalidJobDefinitionException(String file, String key, String value, String allowed) {
		super("Invalid job definition " + file + ": key '" + key + "' has value '" + value + "'; allowed: " + allowed);
		this.file = file;
	}

	InvalidJobDefinitionException(String file, String problem) {
		super("Invalid job definition " + file + ": " + problem);
		this.file = file;
	}

	/** The file that holds the problem. */
	public String file() {
		return this.file;
	}

}
