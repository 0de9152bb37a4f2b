package dev.sfsync.soql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;

/**
 * Reads and compares record values by {@link ValueKind}. The documented Java types take
 * an allocation-free path; close relatives (a {@code Long} for a number, an
 * {@code OffsetDateTime} for a dateTime, text) are converted rather than refused.
 */
final class Values {

	private Values() {
	}

	static String text(Object value) {
		return (value instanceof String string) ? string : value.toString();
	}

	/**
	 * Salesforce treats a 15-character id and its 18-character form as the same record:
	 * both are compared on their first 15, case-sensitive, characters.
	 */
	static boolean idsEqual(String a, String b) {
		if (isIdLength(a.length()) && isIdLength(b.length())) {
			return a.regionMatches(0, b, 0, 15);
		}
		return a.equals(b);
	}

	/**
	 * The part of an id that {@link #idsEqual} compares, for hashing.
	 */
	static String idKey(String id) {
		return isIdLength(id.length()) ? id.substring(0, 15) : id;
	}

	private static boolean isIdLength(int length) {
		return length == 15 || length == 18;
	}

	static boolean bool(Object value) {
		return (value instanceof Boolean bool) ? bool : Boolean.parseBoolean(value.toString());
	}

	static LocalDate date(Object value) {
		if (value instanceof LocalDate date) {
			return date;
		}
		if (value instanceof CharSequence text) {
			return LocalDate.parse(text);
		}
		return LocalDate.ofInstant(instant(value), ZoneOffset.UTC);
	}

	static Instant instant(Object value) {
		if (value instanceof Instant instant) {
			return instant;
		}
		if (value instanceof OffsetDateTime dateTime) {
			return dateTime.toInstant();
		}
		if (value instanceof ZonedDateTime dateTime) {
			return dateTime.toInstant();
		}
		if (value instanceof LocalDateTime dateTime) {
			return dateTime.toInstant(ZoneOffset.UTC);
		}
		if (value instanceof LocalDate date) {
			return date.atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		if (value instanceof Date date) {
			return date.toInstant();
		}
		if (value instanceof CharSequence text) {
			return OffsetDateTime.parse(text).toInstant();
		}
		throw unsupported(value, "dateTime");
	}

	static BigDecimal decimal(Object value) {
		if (value instanceof BigDecimal decimal) {
			return decimal;
		}
		if (isIntegral(value)) {
			return BigDecimal.valueOf(((Number) value).longValue());
		}
		if (value instanceof Double || value instanceof Float) {
			return BigDecimal.valueOf(((Number) value).doubleValue());
		}
		if (value instanceof BigInteger integer) {
			return new BigDecimal(integer);
		}
		if (value instanceof Number || value instanceof CharSequence) {
			return new BigDecimal(value.toString());
		}
		throw unsupported(value, "number");
	}

	static boolean isIntegral(Object value) {
		return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte;
	}

	static boolean isFloating(Object value) {
		return value instanceof Double || value instanceof Float;
	}

	static int compareNumbers(Object a, Object b) {
		if (isIntegral(a) && isIntegral(b)) {
			return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
		}
		if (isFloating(a) || isFloating(b)) {
			return compareDoubles(((Number) a).doubleValue(), ((Number) b).doubleValue());
		}
		return decimal(a).compareTo(decimal(b));
	}

	/**
	 * Like {@link Double#compare} but with {@code -0.0} equal to {@code 0.0}.
	 */
	static int compareDoubles(double a, double b) {
		return (a < b) ? -1 : ((a > b) ? 1 : 0);
	}

	/**
	 * Orders two non-null values of one kind as ORDER BY does: text case-insensitively,
	 * ids by their characters, false before true.
	 */
	static int compare(ValueKind kind, Object a, Object b) {
		return switch (kind) {
			case TEXT -> String.CASE_INSENSITIVE_ORDER.compare(text(a), text(b));
			case ID -> text(a).compareTo(text(b));
			case NUMBER -> compareNumbers(number(a), number(b));
			case BOOLEAN -> Boolean.compare(bool(a), bool(b));
			case DATE -> date(a).compareTo(date(b));
			case DATETIME -> instant(a).compareTo(instant(b));
		};
	}

	private static Object number(Object value) {
		return (value instanceof Number) ? value : decimal(value);
	}

	private static IllegalArgumentException unsupported(Object value, String type) {
		return new IllegalArgumentException(
				"Record value of " + value.getClass().getName() + " cannot be read as a " + type + ": " + value);
	}

}
