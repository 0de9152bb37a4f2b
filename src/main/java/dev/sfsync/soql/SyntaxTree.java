package dev.sfsync.soql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The abstract syntax tree the parser produces, before anything is resolved against a
 * schema. Names keep the user's spelling and every node its offset for error carets.
 */
final class SyntaxTree {

	private SyntaxTree() {
	}

	/**
	 * A whole query.
	 *
	 * @param count whether it is {@code SELECT COUNT()}
	 * @param fields the selected field paths, empty for a count
	 * @param object the object after FROM
	 * @param where the condition, if any
	 * @param orderBy the ORDER BY items in order
	 * @param limit the LIMIT, if any
	 * @param offset the OFFSET, if any
	 */
	record Select(boolean count, List<FieldRef> fields, Name object, @Nullable Condition where, List<OrderItem> orderBy,
			@Nullable Integer limit, @Nullable Integer offset) {
	}

	/**
	 * An identifier as written.
	 */
	record Name(String text, int position) {
	}

	/**
	 * A field path such as {@code Account.Owner.Email}: relationship names, then a field.
	 */
	record FieldRef(List<Name> parts) {

		int position() {
			return this.parts.get(0).position();
		}

		String spelling() {
			StringBuilder spelling = new StringBuilder();
			for (Name part : this.parts) {
				if (!spelling.isEmpty()) {
					spelling.append('.');
				}
				spelling.append(part.text());
			}
			return spelling.toString();
		}

	}

	/**
	 * One ORDER BY item.
	 */
	record OrderItem(FieldRef field, boolean descending, boolean nullsFirst) {
	}

	/**
	 * A WHERE condition.
	 */
	sealed interface Condition permits And, Or, Not, Comparison, In {

	}

	/**
	 * Conditions that must all hold.
	 */
	record And(List<Condition> operands) implements Condition {
	}

	/**
	 * Conditions of which one must hold.
	 */
	record Or(List<Condition> operands) implements Condition {
	}

	/**
	 * The negation of a condition.
	 */
	record Not(Condition operand) implements Condition {
	}

	/**
	 * {@code field <operator> value}, LIKE included.
	 */
	record Comparison(FieldRef field, Operator operator, int operatorPosition, Literal value) implements Condition {
	}

	/**
	 * {@code field IN (...)} or {@code field NOT IN (...)}.
	 */
	record In(FieldRef field, boolean negated, List<Literal> values) implements Condition {
	}

	/**
	 * The comparison operators.
	 */
	enum Operator {

		EQ, NE, LT, LE, GT, GE, LIKE

	}

	/**
	 * A literal value with the offset it was written at.
	 */
	sealed interface Literal permits NullLiteral, BooleanLiteral, NumberLiteral, StringLiteral, DateLiteral,
			DateTimeLiteral, RelativeDateLiteral {

		int position();

	}

	/**
	 * {@code null}.
	 */
	record NullLiteral(int position) implements Literal {
	}

	/**
	 * {@code true} or {@code false}.
	 */
	record BooleanLiteral(boolean value, int position) implements Literal {
	}

	/**
	 * An integer or decimal, possibly negative.
	 */
	record NumberLiteral(BigDecimal value, int position) implements Literal {
	}

	/**
	 * A quoted string.
	 *
	 * @param token the token text with quotes and escapes, which LIKE needs
	 * @param value the decoded value
	 * @param position the offset
	 */
	record StringLiteral(String token, String value, int position) implements Literal {
	}

	/**
	 * A date such as {@code 2024-05-01}.
	 */
	record DateLiteral(LocalDate value, int position) implements Literal {
	}

	/**
	 * A dateTime such as {@code 2024-05-01T10:00:00Z}.
	 */
	record DateTimeLiteral(Instant value, int position) implements Literal {
	}

	/**
	 * A relative date such as {@code TODAY} or {@code LAST_N_DAYS:3}.
	 *
	 * @param date which literal
	 * @param n the number after the colon, 0 for literals without one
	 * @param position the offset
	 */
	record RelativeDateLiteral(RelativeDate date, int n, int position) implements Literal {
	}

}
