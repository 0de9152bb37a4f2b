package dev.sfsync.soql;

/**
 * Builds {@link SoqlException}s in Salesforce's shape: the offending line of the query, a
 * caret under the offending token, its 1-based row and column, then the explanation.
 */
final class QueryErrors {

	private QueryErrors() {
	}

	static SoqlException malformed(String soql, int offset, String text) {
		return located(SoqlException.MALFORMED_QUERY, soql, offset, text);
	}

	static SoqlException unexpected(String soql, Token token) {
		String text = (token.error() != null) ? token.error() : "unexpected token: '" + token.text() + "'";
		return malformed(soql, token.start(), text);
	}

	static SoqlException located(String code, String soql, int offset, String text) {
		int lineStart = soql.lastIndexOf('\n', offset - 1) + 1;
		int row = 1;
		for (int i = 0; i < lineStart; i++) {
			if (soql.charAt(i) == '\n') {
				row++;
			}
		}
		int lineEnd = soql.indexOf('\n', lineStart);
		if (lineEnd < 0) {
			lineEnd = soql.length();
		}
		if (lineEnd > lineStart && soql.charAt(lineEnd - 1) == '\r') {
			lineEnd--;
		}
		StringBuilder message = new StringBuilder();
		message.append('\n').append(soql, lineStart, lineEnd).append('\n');
		for (int i = lineStart; i < offset; i++) {
			// Tabs are echoed so the caret still lines up under a tab-indented query.
			message.append((soql.charAt(i) == '\t') ? '\t' : ' ');
		}
		int column = offset - lineStart + 1;
		message.append("^\nERROR at Row:").append(row).append(":Column:").append(column).append('\n').append(text);
		return new SoqlException(code, message.toString(), row, column, text);
	}

}
