package dev.sfsync.soql;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.sfsync.soql.SyntaxTree.And;
import dev.sfsync.soql.SyntaxTree.BooleanLiteral;
import dev.sfsync.soql.SyntaxTree.Comparison;
import dev.sfsync.soql.SyntaxTree.Condition;
import dev.sfsync.soql.SyntaxTree.DateLiteral;
import dev.sfsync.soql.SyntaxTree.DateTimeLiteral;
import dev.sfsync.soql.SyntaxTree.FieldRef;
import dev.sfsync.soql.SyntaxTree.In;
import dev.sfsync.soql.SyntaxTree.Literal;
import dev.sfsync.soql.SyntaxTree.Name;
import dev.sfsync.soql.SyntaxTree.Not;
import dev.sfsync.soql.SyntaxTree.NullLiteral;
import dev.sfsync.soql.SyntaxTree.NumberLiteral;
import dev.sfsync.soql.SyntaxTree.Operator;
import dev.sfsync.soql.SyntaxTree.Or;
import dev.sfsync.soql.SyntaxTree.OrderItem;
import dev.sfsync.soql.SyntaxTree.RelativeDateLiteral;
import dev.sfsync.soql.SyntaxTree.Select;
import dev.sfsync.soql.SyntaxTree.StringLiteral;
import dev.sfsync.soql.Token.Type;
import org.jspecify.annotations.Nullable;

/**
 * Parses SOQL: a recursive-descent parser over {@link SoqlLexer}'s tokens builds a
 * {@link SyntaxTree}, which is then resolved against a {@link SoqlSchema} into a
 * {@link SoqlQuery}. Precedence in WHERE is NOT, then AND, then OR; Salesforce itself
 * refuses AND and OR mixed without parentheses, which this parser is lenient about.
 *
 * <p>
 * Over 400 lines on purpose: a recursive-descent parser reads as one grammar, a method
 * per rule; split across files, the rules would lose their order.
 */
public final class SoqlParser {

	// Salesforce's reserved words: never a field or object name.
	private static final Set<String> RESERVED = Set.of("AND", "ASC", "DESC", "EXCLUDES", "FIRST", "FROM", "GROUP",
			"HAVING", "IN", "INCLUDES", "LAST", "LIKE", "LIMIT", "NOT", "NULL", "NULLS", "OR", "SELECT", "WHERE",
			"WITH");

	private final String soql;

	private final List<Token> tokens;

	private int index;

	private SoqlParser(String soql) {
		this.soql = soql;
		this.tokens = SoqlLexer.tokenize(soql);
	}

	/**
	 * Parses and validates a query.
	 * @param soql the query
	 * @param schema the objects it may name
	 * @param clock today for relative date literals such as {@code TODAY}, taken in UTC
	 * @return the resolved query
	 * @throws SoqlException if Salesforce would refuse the query
	 */
	public static SoqlQuery parse(String soql, SoqlSchema schema, Clock clock) {
		Select select = new SoqlParser(soql).select();
		return new QueryResolver(soql, schema, clock).resolve(select);
	}

	/**
	 * Checks the syntax of a WHERE condition on its own, as a connection's sync rule is
	 * written: operators, literals, parentheses, {@code IN} lists and relative dates. No
	 * describe is at hand, so field names and the types of their values are not checked.
	 * @param condition the condition, without {@code WHERE}
	 * @throws SoqlException a {@code MALFORMED_QUERY} whose row and column are those of
	 * the offending token in {@code condition}
	 */
	public static void checkCondition(String condition) {
		SoqlParser parser = new SoqlParser(condition);
		parser.or();
		parser.expect(Type.EOF);
	}

	private Select select() {
		expectKeyword("SELECT");
		boolean count = false;
		List<FieldRef> fields = new ArrayList<>();
		if (peek().isKeyword("COUNT") && peekAhead().is(Type.LPAREN)) {
			this.index += 2;
			expect(Type.RPAREN);
			count = true;
		}
		else {
			fields.add(fieldRef());
			while (accept(Type.COMMA)) {
				fields.add(fieldRef());
			}
		}
		expectKeyword("FROM");
		Name object = name();
		@Nullable Condition where = (acceptKeyword("WHERE")) ? or() : null;
		List<OrderItem> orderBy = new ArrayList<>();
		if (acceptKeyword("ORDER")) {
			expectKeyword("BY");
			do {
				orderBy.add(orderItem());
			}
			while (accept(Type.COMMA));
		}
		@Nullable Integer limit = (acceptKeyword("LIMIT")) ? nonNegativeInteger() : null;
		@Nullable Integer offset = (acceptKeyword("OFFSET")) ? nonNegativeInteger() : null;
		expect(Type.EOF);
		return new Select(count, fields, object, where, orderBy, limit, offset);
	}

	private OrderItem orderItem() {
		FieldRef field = fieldRef();
		boolean descending = false;
		if (acceptKeyword("DESC")) {
			descending = true;
		}
		else {
			acceptKeyword("ASC");
		}
		// Salesforce's default puts nulls where the smallest values go.
		boolean nullsFirst = !descending;
		if (acceptKeyword("NULLS")) {
			if (acceptKeyword("FIRST")) {
				nullsFirst = true;
			}
			else {
				expectKeyword("LAST");
				nullsFirst = false;
			}
		}
		return new OrderItem(field, descending, nullsFirst);
	}

	private Condition or() {
		List<Condition> operands = new ArrayList<>();
		operands.add(and());
		while (acceptKeyword("OR")) {
			operands.add(and());
		}
		return (operands.size() == 1) ? operands.get(0) : new Or(operands);
	}

	private Condition and() {
		List<Condition> operands = new ArrayList<>();
		operands.add(not());
		while (acceptKeyword("AND")) {
			operands.add(not());
		}
		return (operands.size() == 1) ? operands.get(0) : new And(operands);
	}

	private Condition not() {
		if (acceptKeyword("NOT")) {
			return new Not(not());
		}
		if (accept(Type.LPAREN)) {
			Condition condition = or();
			expect(Type.RPAREN);
			return condition;
		}
		return comparison();
	}

	private Condition comparison() {
		FieldRef field = fieldRef();
		Token operator = peek();
		@Nullable Operator simple = switch (operator.type()) {
			case EQ -> Operator.EQ;
			case NE -> Operator.NE;
			case LT -> Operator.LT;
			case LE -> Operator.LE;
			case GT -> Operator.GT;
			case GE -> Operator.GE;
			default -> (operator.isKeyword("LIKE")) ? Operator.LIKE : null;
		};
		if (simple != null) {
			this.index++;
			return new Comparison(field, simple, operator.start(), value());
		}
		if (acceptKeyword("IN")) {
			return new In(field, false, valueList());
		}
		if (acceptKeyword("NOT")) {
			expectKeyword("IN");
			return new In(field, true, valueList());
		}
		throw QueryErrors.unexpected(this.soql, operator);
	}

	private List<Literal> valueList() {
		expect(Type.LPAREN);
		List<Literal> values = new ArrayList<>();
		values.add(value());
		while (accept(Type.COMMA)) {
			values.add(value());
		}
		expect(Type.RPAREN);
		return values;
	}

	private Literal value() {
		Token token = peek();
		@Nullable Literal literal = switch (token.type()) {
			case NUMBER -> new NumberLiteral(new BigDecimal(token.text()), token.start());
			case STRING -> new StringLiteral(token.text(), StringLiterals.decode(token.text()), token.start());
			case DATE -> date(token);
			case DATETIME -> dateTime(token);
			case IDENT -> keywordValue(token);
			default -> null;
		};
		if (literal == null) {
			throw QueryErrors.unexpected(this.soql, token);
		}
		this.index++;
		if (literal instanceof RelativeDateLiteral relative && relative.date().takesNumber()) {
			expect(Type.COLON);
			literal = new RelativeDateLiteral(relative.date(), nonNegativeInteger(), relative.position());
		}
		return literal;
	}

	private @Nullable Literal keywordValue(Token token) {
		if (token.isKeyword("NULL")) {
			return new NullLiteral(token.start());
		}
		if (token.isKeyword("TRUE") || token.isKeyword("FALSE")) {
			return new BooleanLiteral(token.isKeyword("TRUE"), token.start());
		}
		RelativeDate relative = RelativeDate.find(token.text());
		return (relative != null) ? new RelativeDateLiteral(relative, 0, token.start()) : null;
	}

	private @Nullable Literal date(Token token) {
		try {
			return new DateLiteral(LocalDate.parse(token.text()), token.start());
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/**
	 * {@code YYYY-MM-DDThh:mm:ss[.fff](Z|+hh:mm|-hh:mm)}, the only shapes Salesforce
	 * accepts; the lexer has only checked the date part.
	 */
	private @Nullable Literal dateTime(Token token) {
		String text = token.text();
		int hour = digits(text, 11, 2);
		int minute = (charAt(text, 13) == ':') ? digits(text, 14, 2) : -1;
		int second = (charAt(text, 16) == ':') ? digits(text, 17, 2) : -1;
		if (hour < 0 || minute < 0 || second < 0) {
			return null;
		}
		int position = 19;
		int nanos = 0;
		if (charAt(text, position) == '.') {
			int fractionStart = ++position;
			while (position < text.length() && position - fractionStart < 9 && isDigit(text.charAt(position))) {
				position++;
			}
			if (position == fractionStart) {
				return null;
			}
			nanos = digits(text, fractionStart, position - fractionStart);
			for (int i = position - fractionStart; i < 9; i++) {
				nanos *= 10;
			}
		}
		try {
			ZoneOffset offset;
			char zone = charAt(text, position);
			if ((zone == 'Z' || zone == 'z') && position + 1 == text.length()) {
				offset = ZoneOffset.UTC;
			}
			else if ((zone == '+' || zone == '-') && position + 6 == text.length() && charAt(text, position + 3) == ':'
					&& digits(text, position + 1, 2) >= 0 && digits(text, position + 4, 2) >= 0) {
				int sign = (zone == '-') ? -1 : 1;
				offset = ZoneOffset.ofHoursMinutes(sign * digits(text, position + 1, 2),
						sign * digits(text, position + 4, 2));
			}
			else {
				return null;
			}
			LocalDate date = LocalDate.parse(text.substring(0, 10));
			Instant instant = date.atTime(LocalTime.of(hour, minute, second, nanos)).toInstant(offset);
			return new DateTimeLiteral(instant, token.start());
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private int nonNegativeInteger() {
		Token token = peek();
		if (token.is(Type.NUMBER) && token.text().indexOf('.') < 0 && token.text().charAt(0) != '-') {
			try {
				int value = Integer.parseInt(token.text());
				this.index++;
				return value;
			}
			catch (NumberFormatException ex) {
				// Beyond an int: reported as the unexpected token it is for Salesforce.
			}
		}
		throw QueryErrors.unexpected(this.soql, token);
	}

	private FieldRef fieldRef() {
		List<Name> parts = new ArrayList<>();
		parts.add(name());
		while (accept(Type.DOT)) {
			parts.add(name());
		}
		return new FieldRef(parts);
	}

	private Name name() {
		Token token = peek();
		if (!token.is(Type.IDENT) || RESERVED.contains(token.text().toUpperCase(Locale.ROOT))) {
			throw QueryErrors.unexpected(this.soql, token);
		}
		this.index++;
		return new Name(token.text(), token.start());
	}

	private Token peek() {
		return this.tokens.get(this.index);
	}

	private Token peekAhead() {
		return this.tokens.get(Math.min(this.index + 1, this.tokens.size() - 1));
	}

	private boolean accept(Type type) {
		if (peek().is(type)) {
			this.index++;
			return true;
		}
		return false;
	}

	private boolean acceptKeyword(String keyword) {
		if (peek().isKeyword(keyword)) {
			this.index++;
			return true;
		}
		return false;
	}

	private void expect(Type type) {
		if (!accept(type)) {
			throw QueryErrors.unexpected(this.soql, peek());
		}
	}

	private void expectKeyword(String keyword) {
		if (!acceptKeyword(keyword)) {
			throw QueryErrors.unexpected(this.soql, peek());
		}
	}

	private static int digits(String text, int from, int count) {
		if (from + count > text.length()) {
			return -1;
		}
		int value = 0;
		for (int i = from; i < from + count; i++) {
			char c = text.charAt(i);
			if (!isDigit(c)) {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static char charAt(String text, int index) {
		return (index < text.length()) ? text.charAt(index) : '\0';
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
