package dev.sfsync.store;

import java.math.BigDecimal;
import java.sql.Timestamp;
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
			return SQL_DATE_TIME.format(instant);
		}
		return (value instanceof BigDecimal decimal) ? decimal.toPlainString() : value.toString();
	}

	/** A Salesforce dateTime, or an {@link DateTimeParseException}. */
	public static Instant dateTime(String text) {
		return SALESFORCE_DATE_TIME.parse(text, Instant::from);
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
