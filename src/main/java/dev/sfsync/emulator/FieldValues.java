package dev.sfsync.emulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;

import dev.sfsync.emulator.schema.FieldSchema;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * Converts field values between Salesforce's JSON and CSV forms and the typed values the
 * emulator stores: {@code String}, {@code Boolean}, {@code BigDecimal}, {@code LocalDate}
 * and {@code Instant}.
 */
final class FieldValues {

	/** Salesforce writes dateTimes as {@code 2013-05-07T22:07:19.000+0000}. */
	static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
		.appendPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")
		.toFormatter()
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter DATE_TIME_INPUT = new DateTimeFormatterBuilder()
		.append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
		.optionalStart()
		.appendOffset("+HH:MM", "Z")
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HHMM", "Z")
		.optionalEnd()
		.toFormatter();

	private FieldValues() {
	}

	/**
	 * The stored value of a JSON value written to a field; rejects what the type cannot
	 * hold.
	 */
	static @Nullable Object fromJson(FieldSchema field, @Nullable Object json) {
		if (json == null) {
			return null;
		}
		try {
			return switch (field.type()) {
				case BOOLEAN -> (json instanceof Boolean bool) ? bool : parseBoolean(json.toString());
				case INT -> new BigDecimal(json.toString()).intValueExact();
				case DOUBLE, CURRENCY, PERCENT -> new BigDecimal(json.toString());
				case DATE -> LocalDate.parse(json.toString());
				case DATETIME -> parseDateTime(json.toString());
				default -> (json instanceof String text) ? text : json.toString();
			};
		}
		catch (ArithmeticException | NumberFormatException | DateTimeParseException ex) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "JSON_PARSER_ERROR",
					"Cannot deserialize instance of " + field.type().describeName() + " from VALUE_STRING value " + json
							+ " or request may be missing a required field",
					List.of(field.name()));
		}
	}

	/** The stored value of a Bulk CSV cell: empty means "no value". */
	static @Nullable Object fromCsv(FieldSchema field, String cell) {
		if (cell.isEmpty() || cell.equals("#N/A")) {
			return null;
		}
		return fromJson(field, cell);
	}

	/** A stored value as Salesforce's JSON writes it. */
	static @Nullable Object toJson(@Nullable Object value) {
		if (value instanceof Instant instant) {
			return DATE_TIME.format(instant);
		}
		if (value instanceof LocalDate date) {
			return date.toString();
		}
		return value;
	}

	/** A stored value as a Bulk CSV cell: empty for null. */
	static String toCsv(@Nullable Object value) {
		Object json = toJson(value);
		return (json != null) ? json.toString() : "";
	}

	static Instant parseDateTime(String text) {
		var parsed = DATE_TIME_INPUT.parseBest(text, OffsetDateTime::from, java.time.LocalDateTime::from);
		if (parsed instanceof OffsetDateTime offset) {
			return offset.toInstant();
		}
		return ((java.time.LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
	}

	private static Boolean parseBoolean(String text) {
		if (text.equalsIgnoreCase("true")) {
			return Boolean.TRUE;
		}
		if (text.equalsIgnoreCase("false")) {
			return Boolean.FALSE;
		}
		throw new NumberFormatException("not a boolean: " + text);
	}

}
