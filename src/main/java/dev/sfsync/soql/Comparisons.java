package dev.sfsync.soql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.sfsync.soql.RelativeDate.DateRange;
import dev.sfsync.soql.SyntaxTree.Operator;

/**
 * The leaf conditions of a WHERE clause: a field compared with a literal converted at
 * parse time. A record whose value is null fails every comparison except {@code !=} (and
 * {@code NOT IN}), because SOQL has no third truth value.
 *
 * <p>
 * Over 400 lines on purpose: every SOQL comparison (equality, order, LIKE, IN, INCLUDES,
 * dates and date literals) follows one conversion and null rule, kept side by side so
 * they stay consistent.
 */
final class Comparisons {

	// Up to this many IN values a scan beats hashing the record's value.
	private static final int SCAN_LIMIT = 8;

	private Comparisons() {
	}

	/**
	 * {@code field = null} and {@code field != null}; any other operator against null
	 * matches nothing.
	 */
	record NullComparison(SoqlFieldPath path, Operator operator) implements Matcher {

		@Override
		public boolean matches(SoqlRecord record) {
			Object value = this.path.valueOf(record);
			return switch (this.operator) {
				case EQ -> value == null;
				case NE -> value != null;
				default -> false;
			};
		}

	}

	/**
	 * {@code field LIKE 'pattern'}.
	 */
	record Like(SoqlFieldPath path, LikePattern pattern) implements Matcher {

		@Override
		public boolean matches(SoqlRecord record) {
			Object value = this.path.valueOf(record);
			return value != null && this.pattern.matches(Values.text(value));
		}

	}

	/**
	 * {@code field [NOT] IN (...)}; a null in the list matches empty fields.
	 */
	static final class In implements Matcher {

		private final SoqlFieldPath path;

		private final ValueComparison[] values;

		private final boolean matchesNull;

		private final boolean negated;

		// For long lists of text or ids: the values as a case-insensitive set or id keys.
		private final Set<String> set;

		private final ValueKind kind;

		In(SoqlFieldPath path, ValueKind kind, List<ValueComparison> values, List<String> texts, boolean matchesNull,
				boolean negated) {
			this.path = path;
			this.kind = kind;
			this.values = values.toArray(new ValueComparison[0]);
			this.matchesNull = matchesNull;
			this.negated = negated;
			Set<String> set = Set.of();
			if (values.size() > SCAN_LIMIT && kind == ValueKind.TEXT) {
				set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
				set.addAll(texts);
			}
			else if (values.size() > SCAN_LIMIT && kind == ValueKind.ID) {
				set = new HashSet<>();
				for (String id : texts) {
					set.add(Values.idKey(id));
				}
			}
			this.set = set;
		}

		@Override
		public boolean matches(SoqlRecord record) {
			Object value = this.path.valueOf(record);
			boolean found;
			if (value == null) {
				found = this.matchesNull;
			}
			else if (!this.set.isEmpty()) {
				String text = Values.text(value);
				found = this.set.contains((this.kind == ValueKind.ID) ? Values.idKey(text) : text);
			}
			else {
				found = false;
				for (ValueComparison candidate : this.values) {
					if (candidate.equal(value)) {
						found = true;
						break;
					}
				}
			}
			return found != this.negated;
		}

	}

	/**
	 * A field compared with one non-null literal; subclasses say what equal and less mean
	 * for their kind of value.
	 */
	abstract static class ValueComparison implements Matcher {

		final SoqlFieldPath path;

		final Operator operator;

		ValueComparison(SoqlFieldPath path, Operator operator) {
			this.path = path;
			this.operator = operator;
		}

		@Override
		public boolean matches(SoqlRecord record) {
			Object value = this.path.valueOf(record);
			if (value == null) {
				return this.operator == Operator.NE;
			}
			return switch (this.operator) {
				case EQ -> equal(value);
				case NE -> !equal(value);
				case LT -> compare(value) < 0;
				case LE -> compare(value) <= 0;
				case GT -> compare(value) > 0;
				case GE -> compare(value) >= 0;
				case LIKE -> throw new IllegalStateException("LIKE is compiled to a pattern");
			};
		}

		abstract boolean equal(Object value);

		/**
		 * The sign of the record value minus the literal.
		 */
		abstract int compare(Object value);

	}

	/**
	 * Text: equal and ordered case-insensitively.
	 */
	static final class Text extends ValueComparison {

		private final String literal;

		Text(SoqlFieldPath path, Operator operator, String literal) {
			super(path, operator);
			this.literal = literal;
		}

		@Override
		boolean equal(Object value) {
			return Values.text(value).equalsIgnoreCase(this.literal);
		}

		@Override
		int compare(Object value) {
			return String.CASE_INSENSITIVE_ORDER.compare(Values.text(value), this.literal);
		}

	}

	/**
	 * Ids: a 15-character id equals its 18-character form.
	 */
	static final class Id extends ValueComparison {

		private final String literal;

		Id(SoqlFieldPath path, Operator operator, String literal) {
			super(path, operator);
			this.literal = literal;
		}

		@Override
		boolean equal(Object value) {
			return Values.idsEqual(Values.text(value), this.literal);
		}

		@Override
		int compare(Object value) {
			return Values.text(value).compareTo(this.literal);
		}

	}

	/**
	 * Numbers, whatever their Java type, by value rather than scale.
	 */
	static final class Numeric extends ValueComparison {

		private final BigDecimal literal;

		private final double literalDouble;

		private final boolean literalIsLong;

		private final long literalLong;

		Numeric(SoqlFieldPath path, Operator operator, BigDecimal literal) {
			super(path, operator);
			this.literal = literal;
			this.literalDouble = literal.doubleValue();
			long asLong = 0;
			boolean isLong;
			try {
				asLong = literal.longValueExact();
				isLong = true;
			}
			catch (ArithmeticException ex) {
				isLong = false;
			}
			this.literalLong = asLong;
			this.literalIsLong = isLong;
		}

		@Override
		boolean equal(Object value) {
			return compare(value) == 0;
		}

		@Override
		int compare(Object value) {
			if (value instanceof BigDecimal decimal) {
				return decimal.compareTo(this.literal);
			}
			if (this.literalIsLong && Values.isIntegral(value)) {
				return Long.compare(((Number) value).longValue(), this.literalLong);
			}
			if (Values.isFloating(value)) {
				// A double holds 0.1 inexactly; compared as doubles it still equals 0.1.
				return Values.compareDoubles(((Number) value).doubleValue(), this.literalDouble);
			}
			return Values.decimal(value).compareTo(this.literal);
		}

	}

	/**
	 * Booleans, false before true.
	 */
	static final class Bool extends ValueComparison {

		private final boolean literal;

		Bool(SoqlFieldPath path, Operator operator, boolean literal) {
			super(path, operator);
			this.literal = literal;
		}

		@Override
		boolean equal(Object value) {
			return Values.bool(value) == this.literal;
		}

		@Override
		int compare(Object value) {
			return Boolean.compare(Values.bool(value), this.literal);
		}

	}

	/**
	 * A date field against a date.
	 */
	static final class Day extends ValueComparison {

		private final LocalDate literal;

		Day(SoqlFieldPath path, Operator operator, LocalDate literal) {
			super(path, operator);
			this.literal = literal;
		}

		@Override
		boolean equal(Object value) {
			return Values.date(value).isEqual(this.literal);
		}

		@Override
		int compare(Object value) {
			return Values.date(value).compareTo(this.literal);
		}

	}

	/**
	 * A dateTime field against a dateTime.
	 */
	static final class Moment extends ValueComparison {

		private final Instant literal;

		Moment(SoqlFieldPath path, Operator operator, Instant literal) {
			super(path, operator);
			this.literal = literal;
		}

		@Override
		boolean equal(Object value) {
			return Values.instant(value).equals(this.literal);
		}

		@Override
		int compare(Object value) {
			return Values.instant(value).compareTo(this.literal);
		}

	}

	/**
	 * A date or dateTime field against a relative date literal, which stands for a range:
	 * {@code =} means within it, {@code <} before its start, {@code <=} before its end,
	 * {@code >} from its end on and {@code >=} from its start on.
	 */
	static final class Range extends ValueComparison {

		private final Instant start;

		private final Instant end;

		private final LocalDate startDay;

		private final LocalDate endDay;

		private final boolean dateTime;

		Range(SoqlFieldPath path, Operator operator, DateRange range, boolean dateTime) {
			super(path, operator);
			this.startDay = range.start();
			this.endDay = range.end();
			this.start = range.start().atStartOfDay(ZoneOffset.UTC).toInstant();
			this.end = range.end().atStartOfDay(ZoneOffset.UTC).toInstant();
			this.dateTime = dateTime;
		}

		@Override
		public boolean matches(SoqlRecord record) {
			Object value = this.path.valueOf(record);
			if (value == null) {
				return this.operator == Operator.NE;
			}
			return switch (this.operator) {
				case EQ -> equal(value);
				case NE -> !equal(value);
				case LT -> startSign(value) < 0;
				case LE -> endSign(value) < 0;
				case GT -> endSign(value) >= 0;
				case GE -> startSign(value) >= 0;
				case LIKE -> throw new IllegalStateException("LIKE is compiled to a pattern");
			};
		}

		@Override
		boolean equal(Object value) {
			return startSign(value) >= 0 && endSign(value) < 0;
		}

		@Override
		int compare(Object value) {
			throw new IllegalStateException("A date range has no single value to compare with");
		}

		private int startSign(Object value) {
			return this.dateTime ? Values.instant(value).compareTo(this.start)
					: Values.date(value).compareTo(this.startDay);
		}

		private int endSign(Object value) {
			return this.dateTime ? Values.instant(value).compareTo(this.end)
					: Values.date(value).compareTo(this.endDay);
		}

	}

}
