package dev.sfsync.activity;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Writes the errors export as CSV, one row at a time, with every cell that a spreadsheet
 * would read as a formula (starting with = + - @, a tab or a carriage return) prefixed
 * with an apostrophe.
 */
final class ErrorsCsv implements AutoCloseable {

	static final List<String> HEADER = List.of("Run", "Run description", "Object", "Connection", "Run started at (UTC)",
			"Operation", "Status", "Outcome", "Message", "Explanation", "Detail", "Salesforce Id", "App id",
			"External created at (UTC)", "External updated at (UTC)", "Recorded at (UTC)");

	private static final CsvMapper MAPPER = CsvMapper.builder().build();

	private final SequenceWriter writer;

	ErrorsCsv(OutputStream out) {
		CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
		HEADER.forEach(schema::addColumn);
		this.writer = MAPPER.writer(schema.build()).writeValues(out);
	}

	void write(ActivityService.ErrorRow row) {
		RecordView record = row.record();
		List<@Nullable String> cells = new ArrayList<>();
		cells.add(String.valueOf(row.runId()));
		cells.add(row.runDescription());
		cells.add(row.objectLabel());
		cells.add(row.connectionId());
		cells.add(text(row.runStartedAt()));
		cells.add(record.operation());
		cells.add(record.status());
		cells.add(record.outcome());
		cells.add(record.message());
		cells.add(record.explanation());
		cells.add(record.detail());
		cells.add(record.salesforceId());
		cells.add((record.appId() != null) ? String.valueOf(record.appId()) : null);
		cells.add(text(record.externalCreatedAt()));
		cells.add(text(record.externalUpdatedAt()));
		cells.add(text(record.recordedAt()));
		this.writer.write(cells.stream().map(ErrorsCsv::safe).toList());
	}

	/** A cell a spreadsheet shows as text, never evaluates. */
	static String safe(@Nullable String cell) {
		if (cell == null || cell.isEmpty()) {
			return "";
		}
		char first = cell.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + cell : cell;
	}

	private static @Nullable String text(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	@Override
	public void close() {
		try {
			this.writer.close();
		}
		catch (Exception ex) {
			throw new UncheckedIOException(new IOException("Cannot finish the errors export", ex));
		}
	}

}
