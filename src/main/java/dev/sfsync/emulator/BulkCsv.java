package dev.sfsync.emulator;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.dataformat.csv.CsvWriteFeature;

import org.springframework.http.HttpStatus;

/**
 * Bulk API 2.0's CSV, read and written with Jackson: the job's column delimiter and line
 * ending, every cell quoted on the way out as Salesforce writes them, and cells formatted
 * as Bulk formats them (dateTimes end in {@code Z}, unlike REST's {@code +0000}).
 */
final class BulkCsv {

	/** Bulk writes dateTimes as {@code 2013-05-07T22:07:19.000Z}. */
	static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final CsvMapper MAPPER = CsvMapper.builder()
		.enable(CsvWriteFeature.ALWAYS_QUOTE_STRINGS, CsvWriteFeature.ALWAYS_QUOTE_EMPTY_STRINGS)
		.build();

	private BulkCsv() {
	}

	/** The column delimiters a job may name, with the character each stands for. */
	enum ColumnDelimiter {

		BACKQUOTE('`'), CARET('^'), COMMA(','), PIPE('|'), SEMICOLON(';'), TAB('\t');

		private final char character;

		ColumnDelimiter(char character) {
			this.character = character;
		}

		char character() {
			return this.character;
		}

	}

	/** The line endings a job may name. */
	enum LineEnding {

		LF("\n"), CRLF("\r\n");

		private final String separator;

		LineEnding(String separator) {
			this.separator = separator;
		}

		String separator() {
			return this.separator;
		}

	}

	/** How a job's CSV is laid out, {@code COMMA} and {@code LF} unless the job says. */
	record Format(ColumnDelimiter delimiter, LineEnding lineEnding) {

		/**
		 * The format a create-job request names; an unknown name is refused as Salesforce
		 * refuses any bad property value.
		 */
		static Format of(@Nullable String delimiter, @Nullable String lineEnding) {
			return new Format(parse(ColumnDelimiter.class, "columnDelimiter", delimiter, ColumnDelimiter.COMMA),
					parse(LineEnding.class, "lineEnding", lineEnding, LineEnding.LF));
		}

		private static <E extends Enum<E>> E parse(Class<E> type, String property, @Nullable String value,
				E defaultValue) {
			if (value == null) {
				return defaultValue;
			}
			for (E constant : type.getEnumConstants()) {
				if (constant.name().equals(value)) {
					return constant;
				}
			}
			throw invalidProperty(property, value);
		}

		private CsvSchema schema() {
			return CsvSchema.emptySchema()
				.withColumnSeparator(this.delimiter.character())
				.withLineSeparator(this.lineEnding.separator());
		}

	}

	/** The rows of uploaded CSV, and why reading stopped early if it did. */
	record Parsed(List<String[]> rows, @Nullable String error) {
	}

	/** Salesforce's answer to a create-job property it does not accept. */
	static SalesforceApiException invalidProperty(String property, @Nullable String value) {
		return new SalesforceApiException(HttpStatus.BAD_REQUEST, "API_ERROR",
				"Invalid value: '" + value + "' supplied for property: '" + property + "'");
	}

	/**
	 * A writer of rows ({@code String[]}) straight to a stream, one row at a time, so a
	 * page of any size never sits in memory as a whole. Closing it closes the stream.
	 */
	static SequenceWriter writer(OutputStream out, Format format) {
		// Flushing after every row would send each row to the socket on its own.
		return MAPPER.writer(format.schema()).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE).writeValues(out);
	}

	/**
	 * Reads CSV into rows of cells, the header first; blank lines are skipped. Rows read
	 * before a malformed one (an unbalanced quote, say) are kept, with the error.
	 */
	static Parsed read(String csv, Format format) {
		ObjectReader reader = MAPPER.readerFor(String[].class)
			.with(CsvReadFeature.WRAP_AS_ARRAY)
			.with(CsvReadFeature.SKIP_EMPTY_LINES)
			.with(format.schema());
		List<String[]> rows = new ArrayList<>();
		// Spreadsheets save UTF-8 with a byte order mark; it is not part of the first
		// column's name.
		String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
		try (MappingIterator<String[]> iterator = reader.readValues(text)) {
			while (iterator.hasNextValue()) {
				rows.add(iterator.nextValue());
			}
			return new Parsed(rows, null);
		}
		catch (JacksonException ex) {
			String message = String.valueOf(ex.getOriginalMessage()).lines().findFirst().orElse("");
			return new Parsed(rows, "Failed to parse CSV at row " + (rows.size() + 1) + ": " + message);
		}
	}

	/**
	 * A stored value as a Bulk CSV cell: empty for null. Text that has no UTF-8 form (a
	 * lone UTF-16 surrogate) is written with U+FFFD in its place, as a UTF-8 encoder
	 * replaces what it cannot encode.
	 */
	static String cell(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof Instant instant) {
			return DATE_TIME.format(instant);
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.toPlainString();
		}
		return REPLACEABLE.matcher(value.toString()).replaceAll("\uFFFD");
	}

	/** A high surrogate without its low one, or a low one without its high one. */
	private static final java.util.regex.Pattern REPLACEABLE = java.util.regex.Pattern
		.compile("[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]");

}
