package dev.sfsync.salesforce;

import org.jspecify.annotations.Nullable;

/**
 * A Salesforce record Id, held in its 18-character case-safe form. Salesforce returns 18
 * characters and accepts 15 or 18, so both parse to the same value and compare equal.
 */
public final class SalesforceId {

	private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

	// Ascending ASCII order, so generated Ids sort as strings in the order of their
	// sequence numbers (ORDER BY Id and keyset paging rely on that).
	private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final int SEQUENCE_DIGITS = 10;

	private static final long SEQUENCE_LIMIT = pow(62, SEQUENCE_DIGITS);

	private final String id18;

	private SalesforceId(String id18) {
		this.id18 = id18;
	}

	/**
	 * Parses a 15-character case-sensitive or 18-character case-safe Id. The first 15
	 * characters are case-sensitive; the 3-character suffix of an 18-character Id must
	 * match the checksum of the first 15, in any letter case.
	 * @param id the Id
	 * @return the Id
	 * @throws IllegalArgumentException if {@code id} is not a Salesforce Id
	 */
	public static SalesforceId parse(String id) {
		String problem = problem(id);
		if (problem != null) {
			throw new IllegalArgumentException("'" + id + "' is not a Salesforce Id: " + problem);
		}
		return new SalesforceId(id.substring(0, 15) + checksum(id));
	}

	/**
	 * Whether {@code id} is a valid 15- or 18-character Salesforce Id.
	 * @param id the candidate, may be {@code null}
	 * @return {@code true} if {@link #parse(String)} would accept it
	 */
	public static boolean isValid(@Nullable String id) {
		return id != null && problem(id) == null;
	}

	/**
	 * The 18-character form of an Id.
	 * @param id15 a 15-character Id (an 18-character one is accepted and normalised)
	 * @return the 18-character Id
	 * @throws IllegalArgumentException if {@code id15} is not a Salesforce Id
	 */
	public static String to18(String id15) {
		return parse(id15).id18();
	}

	/**
	 * Builds the Id of a new record, the way the emulator numbers its records: the key
	 * prefix, two instance characters, then the sequence in ten zero-padded base-62
	 * digits. The same arguments always give the same Id, and for one prefix and instance
	 * a higher sequence gives an Id that sorts later as a string.
	 * @param keyPrefix the object's 3-character key prefix, for example {@code 003}
	 * @param instance 2 letters or digits standing for the pod or org, for example
	 * {@code 8d}
	 * @param sequence the record's number, from 0 to 62<sup>10</sup> - 1
	 * @return the Id
	 * @throws IllegalArgumentException if an argument is out of range
	 */
	public static SalesforceId of(String keyPrefix, String instance, long sequence) {
		requireAlphanumeric("key prefix", keyPrefix, 3);
		requireAlphanumeric("instance", instance, 2);
		if (sequence < 0 || sequence >= SEQUENCE_LIMIT) {
			throw new IllegalArgumentException(
					"Sequence " + sequence + " is out of range: expected 0 to " + (SEQUENCE_LIMIT - 1));
		}
		char[] digits = new char[SEQUENCE_DIGITS];
		long remaining = sequence;
		for (int i = SEQUENCE_DIGITS - 1; i >= 0; i--) {
			digits[i] = BASE62.charAt((int) (remaining % 62));
			remaining /= 62;
		}
		String id15 = keyPrefix + instance + new String(digits);
		return new SalesforceId(id15 + checksum(id15));
	}

	/** The 18-character case-safe form, as the API returns it. */
	public String id18() {
		return this.id18;
	}

	/** The 15-character case-sensitive form. */
	public String id15() {
		return this.id18.substring(0, 15);
	}

	/** The 3-character key prefix that names the object, for example {@code 003}. */
	public String keyPrefix() {
		return this.id18.substring(0, 3);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof SalesforceId that && this.id18.equals(that.id18);
	}

	@Override
	public int hashCode() {
		return this.id18.hashCode();
	}

	@Override
	public String toString() {
		return this.id18;
	}

	private static @Nullable String problem(String id) {
		if (id.length() != 15 && id.length() != 18) {
			return "it has " + id.length() + " characters; expected 15 or 18";
		}
		for (int i = 0; i < id.length(); i++) {
			if (!isAlphanumeric(id.charAt(i))) {
				return "character '" + id.charAt(i) + "' at position " + (i + 1) + " is not a letter or digit";
			}
		}
		if (id.length() == 18) {
			// Compared a character at a time: a valid Id costs no copy (reconcile checks
			// a million of them).
			for (int chunk = 0; chunk < 3; chunk++) {
				if (Character.toUpperCase(id.charAt(15 + chunk)) != checksumChar(id, chunk)) {
					return "its suffix '" + id.substring(15) + "' does not match '" + checksum(id)
							+ "', the checksum of its first 15 characters";
				}
			}
		}
		return null;
	}

	/**
	 * The case-safe suffix: one character per 5-character chunk, encoding which of its
	 * characters are upper case (bit i for the i-th character from the left).
	 */
	private static String checksum(String id) {
		StringBuilder suffix = new StringBuilder(3);
		for (int chunk = 0; chunk < 3; chunk++) {
			suffix.append(checksumChar(id, chunk));
		}
		return suffix.toString();
	}

	/** The suffix character of one 5-character chunk. */
	private static char checksumChar(String id, int chunk) {
		int bits = 0;
		for (int i = 0; i < 5; i++) {
			char c = id.charAt(chunk * 5 + i);
			if (c >= 'A' && c <= 'Z') {
				bits |= 1 << i;
			}
		}
		return SUFFIX_ALPHABET.charAt(bits);
	}

	private static void requireAlphanumeric(String what, String value, int length) {
		if (value.length() != length || !value.chars().allMatch((c) -> isAlphanumeric((char) c))) {
			throw new IllegalArgumentException(
					"'" + value + "' is not a valid " + what + ": expected " + length + " letters or digits");
		}
	}

	private static boolean isAlphanumeric(char c) {
		return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
	}

	private static long pow(long base, int exponent) {
		long result = 1;
		for (int i = 0; i < exponent; i++) {
			result *= base;
		}
		return result;
	}

}
