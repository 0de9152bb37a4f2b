package dev.sfsync.soql;

/**
 * A compiled LIKE pattern: {@code %} matches any run of characters, {@code _} exactly
 * one, {@code \%} and {@code \_} themselves; matching is case-insensitive as in
 * Salesforce. Matching walks the pattern with one backtrack point and allocates nothing.
 */
final class LikePattern {

	private static final int ANY = -1;

	private static final int ONE = -2;

	// Literal characters are stored case-folded; wildcards are negative.
	private final int[] elements;

	private LikePattern(int[] elements) {
		this.elements = elements;
	}

	/**
	 * Compiles the body of a string token, escapes still in it.
	 */
	static LikePattern compile(String body) {
		int[] elements = new int[body.length()];
		int count = 0;
		for (int i = 0; i < body.length(); i++) {
			char c = body.charAt(i);
			if (c == '\\') {
				elements[count++] = fold(StringLiterals.unescape(body.charAt(++i)));
			}
			else if (c == '%') {
				// Consecutive % mean the same as one and would only cost backtracking.
				if (count == 0 || elements[count - 1] != ANY) {
					elements[count++] = ANY;
				}
			}
			else if (c == '_') {
				elements[count++] = ONE;
			}
			else {
				elements[count++] = fold(c);
			}
		}
		int[] compact = new int[count];
		System.arraycopy(elements, 0, compact, 0, count);
		return new LikePattern(compact);
	}

	boolean matches(String value) {
		int[] pattern = this.elements;
		int p = 0;
		int v = 0;
		int anyAt = -1;
		int resumeAt = 0;
		while (v < value.length()) {
			if (p < pattern.length && (pattern[p] == ONE || pattern[p] == fold(value.charAt(v)))) {
				p++;
				v++;
			}
			else if (p < pattern.length && pattern[p] == ANY) {
				anyAt = p++;
				resumeAt = v;
			}
			else if (anyAt >= 0) {
				// Let the last % swallow one more character and retry from there.
				p = anyAt + 1;
				v = ++resumeAt;
			}
			else {
				return false;
			}
		}
		while (p < pattern.length && pattern[p] == ANY) {
			p++;
		}
		return p == pattern.length;
	}

	private static int fold(char c) {
		return Character.toLowerCase(Character.toUpperCase(c));
	}

}
