package dev.sfsync.soql;

import java.util.ArrayList;
import java.util.List;

import dev.sfsync.soql.Token.Type;

/**
 * Splits a query into {@link Token}s. Date and dateTime literals are recognised by shape
 * here and validated by the parser, so that {@code 2024-05-01} is one token and not a
 * subtraction.
 */
final class SoqlLexer {

	private final String source;

	private final List<Token> tokens = new ArrayList<>();

	private int position;

	private SoqlLexer(String source) {
		this.source = source;
	}

	static List<Token> tokenize(String source) {
		SoqlLexer lexer = new SoqlLexer(source);
		lexer.run();
		return lexer.tokens;
	}

	private void run() {
		int lastEnd = 0;
		while (true) {
			skipWhitespace();
			if (this.position >= this.source.length()) {
				// The end sits right after the last token, not after trailing whitespace,
				// so
				// that the caret lands where something is missing.
				this.tokens.add(new Token(Type.EOF, "<EOF>", lastEnd));
				return;
			}
			Token token = next();
			this.tokens.add(token);
			lastEnd = this.position;
		}
	}

	private void skipWhitespace() {
		while (this.position < this.source.length() && isWhitespace(this.source.charAt(this.position))) {
			this.position++;
		}
	}

	private Token next() {
		int start = this.position;
		char c = this.source.charAt(start);
		if (isIdentifierStart(c)) {
			return identifier(start);
		}
		if (isDigit(c) || (c == '-' && isDigit(charAt(start + 1)))) {
			return number(start);
		}
		if (c == '\'') {
			return string(start);
		}
		this.position++;
		return switch (c) {
			case ',' -> new Token(Type.COMMA, ",", start);
			case '.' -> new Token(Type.DOT, ".", start);
			case '(' -> new Token(Type.LPAREN, "(", start);
			case ')' -> new Token(Type.RPAREN, ")", start);
			case ':' -> new Token(Type.COLON, ":", start);
			case '=' -> new Token(Type.EQ, "=", start);
			case '!' -> (accept('=')) ? new Token(Type.NE, "!=", start) : unknown(start);
			case '<' -> {
				if (accept('=')) {
					yield new Token(Type.LE, "<=", start);
				}
				yield (accept('>')) ? new Token(Type.NE, "<>", start) : new Token(Type.LT, "<", start);
			}
			case '>' -> (accept('=')) ? new Token(Type.GE, ">=", start) : new Token(Type.GT, ">", start);
			default -> unknown(start);
		};
	}

	private Token identifier(int start) {
		while (this.position < this.source.length() && isIdentifierPart(this.source.charAt(this.position))) {
			this.position++;
		}
		return new Token(Type.IDENT, this.source.substring(start, this.position), start);
	}

	private Token number(int start) {
		if (this.source.charAt(this.position) == '-') {
			this.position++;
		}
		int digitsStart = this.position;
		skipDigits();
		if (this.position - digitsStart == 4 && digitsStart == start && isDateShape(start)) {
			return date(start);
		}
		if (charAt(this.position) == '.' && isDigit(charAt(this.position + 1))) {
			this.position++;
			skipDigits();
		}
		return new Token(Type.NUMBER, this.source.substring(start, this.position), start);
	}

	private boolean isDateShape(int start) {
		return charAt(start + 4) == '-' && isDigit(charAt(start + 5)) && isDigit(charAt(start + 6))
				&& charAt(start + 7) == '-' && isDigit(charAt(start + 8)) && isDigit(charAt(start + 9))
				&& !isDigit(charAt(start + 10));
	}

	private Token date(int start) {
		this.position = start + 10;
		char t = charAt(this.position);
		if (t != 'T' && t != 't') {
			return new Token(Type.DATE, this.source.substring(start, this.position), start);
		}
		this.position++;
		while (this.position < this.source.length() && isDateTimePart(this.source.charAt(this.position))) {
			this.position++;
		}
		return new Token(Type.DATETIME, this.source.substring(start, this.position), start);
	}

	private Token string(int start) {
		this.position++;
		while (this.position < this.source.length()) {
			char c = this.source.charAt(this.position);
			if (c == '\'') {
				this.position++;
				return new Token(Type.STRING, this.source.substring(start, this.position), start);
			}
			if (c == '\\') {
				char escaped = charAt(this.position + 1);
				if (!StringLiterals.isEscape(escaped)) {
					return invalidEscape(start);
				}
				this.position += 2;
			}
			else {
				this.position++;
			}
		}
		// Unterminated: everything up to the end is the token nobody expected.
		String text = this.source.substring(start);
		return new Token(Type.ERROR, text, start, "unexpected token: '" + text + "'");
	}

	private Token invalidEscape(int start) {
		int escapeAt = this.position;
		int end = this.source.indexOf('\'', escapeAt + 2);
		this.position = (end < 0) ? this.source.length() : end + 1;
		String text = this.source.substring(start, this.position);
		String sequence = this.source.substring(escapeAt, Math.min(escapeAt + 2, this.source.length()));
		return new Token(Type.ERROR, text, start, "Invalid string literal " + text + ". Illegal character sequence '"
				+ sequence + "' in string literal.");
	}

	private Token unknown(int start) {
		String text = this.source.substring(start, start + 1);
		return new Token(Type.ERROR, text, start, "unexpected token: '" + text + "'");
	}

	private boolean accept(char expected) {
		if (charAt(this.position) == expected) {
			this.position++;
			return true;
		}
		return false;
	}

	private void skipDigits() {
		while (isDigit(charAt(this.position))) {
			this.position++;
		}
	}

	private char charAt(int index) {
		return (index < this.source.length()) ? this.source.charAt(index) : '\0';
	}

	private static boolean isWhitespace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isIdentifierStart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
	}

	private static boolean isIdentifierPart(char c) {
		return isIdentifierStart(c) || isDigit(c);
	}

	private static boolean isDateTimePart(char c) {
		return isDigit(c) || c == ':' || c == '.' || c == '+' || c == '-' || c == 'Z' || c == 'z';
	}

}
