package dev.sfsync.store;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The kinds of app column a Salesforce value is stored in, from the column's SQL type.
 * Each kind reads Salesforce's text form (REST's typed JSON and Bulk's strings alike) and
 * gives one canonical Java value, so a stored value and a new one compare equal exactly
 * when nothing changed.
 */
public enum ColumnType {

	TEXT, BOOLEAN, INTEGER, DECIMAL, DATE, DATE_TIME;

	/** REST writes {@code …000+0000}, Bulk {@code …000Z}. */
	private static final DateTimeFormatter SALESFORCE_DATE_TIME = new DateTimeFormatterBuilder()
		.appendPattern("yyyy-MM-dd'T'HH:mm:ss")
		.optionalStart()
		.appendPattern(".SSS")
		.optionalEnd()
		.appendOffset("+HHMM", "Z")
		.toFormatter();

	private static final DateTimeFormatter SQL_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
		.withZone(ZoneOffset.UTC);

	/** The kind of a column, from {@code information_schema.COLUMNS.DATA_TYPE}. */
	public static ColumnType ofSqlType(String dataType, @Nullable String columnType) {
		String type = dataType.toLowerCase(Locale.ROOT);
		return switch (type) {
			case "tinyint" -> (columnType != null && columnType.toLowerCase(Locale.ROOT).startsWith("tinyint(1)"))
					? BOOLEAN : INTEGER;
			case "bit", "boolean" -> BOOLEAN;
			case "smallint", "mediumint", "int", "integer", "bigint" -> INTEGER;
			case "decimal", "numeric", "double", "float" -> DECIMAL;
			case "date" -> DATE;
			case "datetime", "timestamp" -> DATE_TIME;
			default -> TEXT;
		};
	}

	/**
	 * Reads a Salesforce value.
	 * @throws IllegalArgumentException when the text is not a value of this kind
	 */
	public @Nullable Object parse(@Nullable String text) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		try {
			return switch (this) {
				case TEXT -> text;
				case BOOLEAN -> parseBoolean(text);
				case INTEGER -> new BigDecimal(text).longValueExact();
				case DECIMAL -> new BigDecimal(text).stripTrailingZeros();
				case DATE -> LocalDate.parse(text);
				case DATE_TIME -> dateTime(text);
			};
		}
		catch (DateTimeParseException | ArithmeticException | NumberFormatException ex) {
			throw new IllegalArgumentException(
					"'" + text + "' is not a " + name().toLowerCase(Locale.ROOT).replace('_', ' '), ex);
		}
	}

	/** A value read from the app table, in the form {@link #parse} gives. */
	public @Nullable Object canonical(@Nullable Object stored) {
		if (stored == null) {
			return null;
		}
		return switch (this) {
			case TEXT -> stored.toString();
			case BOOLEAN -> (stored instanceof Boolean bool) ? bool : ((Number) stored).intValue() != 0;
			case INTEGER -> ((Number) stored).longValue();
			case DECIMAL -> new BigDecimal(stored.toString()).stripTrailingZeros();
			case DATE -> (stored instanceof java.sql.Date date) ? date.toLocalDate() : (LocalDate) stored;
			case DATE_TIME ->
				(stored instanceof Timestamp timestamp) ? timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC)
						: (stored instanceof LocalDateTime local) ? local.toInstant(ZoneOffset.UTC) : (Instant) stored;
		};
	}

	/** A canonical value as JDBC binds it: instants as UTC date-times. */
	public static @Nullable Object jdbc(@Nullable Object value) {
		return (value instanceof Instant instant) ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : value;
	}

	/**
	 * A canonical value as the text MySQL converts to the column's type: booleans as 1 or
	 * 0, instants as UTC {@code yyyy-MM-dd HH:mm:ss.SSSSSS}, decimals without an
	 * exponent. Values sent this way in JSON keep their microseconds, which Connector/J
	 * drops when it binds a time for MariaDB.
	 */
	public static @Nullable String sqlText(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Boolean bool) {
			return bool ? "1" : "0";
		}
		if (value instanceof Instant instant) {
			return sqlDateTime(instant);
		}
		return (value instanceof BigDecimal decimal) ? decimal.toPlainString() : value.toString();
	}

	/** A Salesforce dateTime, or an {@link DateTimeParseException}. */
	public static Instant dateTime(String text) {
		Instant common = commonDateTime(text);
		return (common != null) ? common : SALESFORCE_DATE_TIME.parse(text, Instant::from);
	}

	/**
	 * The shapes Salesforce sends (UTC, milliseconds, {@code Z} from Bulk and
	 * {@code +0000} from REST) read digit by digit: the formatter's general parsing was a
	 * fifth of a backfill's reading thread, at three times a record. Null for any other
	 * shape or an impossible date, which the formatter then reads or rejects.
	 */
	private static @Nullable Instant commonDateTime(String text) {
		boolean shape = (text.length() == 24 && text.charAt(23) == 'Z')
				|| (text.length() == 28 && text.startsWith("+0000", 23));
		if (!shape || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
				|| text.charAt(16) != ':' || text.charAt(19) != '.') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		int milli = digits(text, 20, 3);
		if ((year | month | day | hour | minute | second | milli) < 0) {
			return null;
		}
		try {
			return LocalDateTime.of(year, month, day, hour, minute, second, milli * 1_000_000)
				.toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** The number written by {@code length} digits at {@code start}, or -1. */
	private static int digits(String text, int start, int length) {
		int value = 0;
		for (int i = start; i < start + length; i++) {
			char digit = text.charAt(i);
			if (digit < '0' || digit > '9') {
				return -1;
			}
			value = value * 10 + (digit - '0');
		}
		return value;
	}

	/**
	 * An instant as UTC {@code yyyy-MM-dd HH:mm:ss.SSSSSS}, built without a formatter.
	 */
	private static String sqlDateTime(Instant instant) {
		LocalDateTime time = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
		if (time.getYear() < 1000 || time.getYear() > 9999) {
			return SQL_DATE_TIME.format(instant);
		}
		StringBuilder text = new StringBuilder(26).append(time.getYear());
		pad(text.append('-'), time.getMonthValue(), 2);
		pad(text.append('-'), time.getDayOfMonth(), 2);
		pad(text.append(' '), time.getHour(), 2);
		pad(text.append(':'), time.getMinute(), 2);
		pad(text.append(':'), time.getSecond(), 2);
		pad(text.append('.'), time.getNano() / 1000, 6);
		return text.toString();
	}

	private static void pad(StringBuilder text, int value, int width) {
		String digits = Integer.toString(value);
		for (int i = digits.length(); i < width; i++) {
			text.append('0');
		}
		text.append(digits);
	}

	private static Boolean parseBoolean(String text) {
		if (text.equalsIgnoreCase("true")) {
			return true;
		}
		if (text.equalsIgnoreCase("false")) {
			return false;
		}
		throw new IllegalArgumentException("'" + text + "' is not a boolean");
	}

}
