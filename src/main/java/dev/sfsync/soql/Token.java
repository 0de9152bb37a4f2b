package dev.sfsync.soql;

import org.jspecify.annotations.Nullable;

/**
 * One lexical token of a query, with its offset for error carets. Characters the lexer
 * cannot read become {@link Type#ERROR} tokens that carry their message, so that the
 * parser reports problems in source order.
 *
 * @param type what the token is
 * @param text the token as written; {@code <EOF>} for the end
 * @param start the offset of its first character in the query
 * @param error the message for an {@link Type#ERROR} token
 */
record Token(Type type, String text, int start, @Nullable String error) {

	Token(Type type, String text, int start) {
		this(type, text, start, null);
	}

	boolean is(Type type) {
		return this.type == type;
	}

	boolean isKeyword(String keyword) {
		return this.type == Type.IDENT && this.text.equalsIgnoreCase(keyword);
	}

	/**
	 * The kinds of token.
	 */
	enum Type {

		IDENT, STRING, NUMBER, DATE, DATETIME, COMMA, DOT, LPAREN, RPAREN, COLON, EQ, NE, LT, LE, GT, GE, ERROR, EOF

	}

}
