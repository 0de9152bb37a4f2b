package dev.sfsync.soql;

/**
 * SOQL's backslash escapes in quoted strings. The lexer checks them; the parser decodes
 * them, except in LIKE patterns, where {@link LikePattern} must still tell an escaped
 * {@code \_} or {@code \%} from a wildcard.
 */
final class StringLiterals {

	private StringLiterals() {
	}

	static boolean isEscape(char c) {
		return switch (c) {
			case 'n', 'N', 'r', 'R', 't', 'T', 'b', 'B', 'f', 'F', '"', '\'', '\\', '_', '%' -> true;
			default -> false;
		};
	}

	/**
	 * The character an escape stands for; {@code \_} and {@code \%} stand for themselves.
	 */
	static char unescape(char c) {
		return switch (c) {
			case 'n', 'N' -> '\n';
			case 'r', 'R' -> '\r';
			case 't', 'T' -> '\t';
			case 'b', 'B' -> '\b';
			case 'f', 'F' -> '\f';
			default -> c;
		};
	}

	/**
	 * The value of a string token, quotes and escapes removed.
	 * @param token the token text including its quotes, with valid escapes only
	 */
	static String decode(String token) {
		String body = body(token);
		if (body.indexOf('\\') < 0) {
			return body;
		}
		StringBuilder value = new StringBuilder(body.length());
		for (int i = 0; i < body.length(); i++) {
			char c = body.charAt(i);
			if (c == '\\') {
				c = unescape(body.charAt(++i));
			}
			value.append(c);
		}
		return value.toString();
	}

	/**
	 * A string token without its quotes, escapes kept.
	 */
	static String body(String token) {
		return token.substring(1, token.length() - 1);
	}

}
