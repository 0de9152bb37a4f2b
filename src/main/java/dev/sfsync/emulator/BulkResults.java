package dev.sfsync.emulator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Writes Bulk API 2.0 result CSV straight to the HTTP response, row by row, gzipped when
 * the client accepts it (Salesforce compresses results), and answers the errors of asking
 * for results too early.
 */
final class BulkResults {

	private static final int BUFFER_BYTES = 64 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private BulkResults() {
	}

	/** The rows of one response, produced as they are written. */
	interface Rows {

		void writeTo(SequenceWriter writer);

	}

	/** Starts a CSV response; headers must be set before this. */
	static void write(HttpServletResponse response, @Nullable String acceptEncoding, BulkCsv.Format format,
			List<String> header, Rows rows) throws IOException {
		response.setStatus(HttpStatus.OK.value());
		response.setContentType("text/csv");
		boolean gzip = acceptEncoding != null && acceptEncoding.toLowerCase(Locale.ROOT).contains("gzip");
		if (gzip) {
			response.setHeader("Content-Encoding", "gzip");
		}
		// Write in large chunks, not Tomcat's default 8 KB: a page of 50,000 rows is
		// about 5 MB.
		response.setBufferSize(BUFFER_BYTES);
		OutputStream out = response.getOutputStream();
		OutputStream body = gzip ? new GZIPOutputStream(out, BUFFER_BYTES)
				: new BufferedOutputStream(out, BUFFER_BYTES);
		try (SequenceWriter writer = BulkCsv.writer(body, format)) {
			writer.write(header.toArray(String[]::new));
			rows.writeTo(writer);
		}
	}

	/**
	 * Results exist only once a job is over; Salesforce answers 412 before that.
	 * @param allowed the states with results, as the message names them
	 * @param state the job's state
	 */
	static SalesforceApiException notComplete(String allowed, BulkJobState state) {
		return new SalesforceApiException(HttpStatus.PRECONDITION_FAILED, "JOB_NOT_COMPLETE",
				"can only download results of " + allowed + ". Current status: " + state.name());
	}

	/**
	 * Writes an error as {@link ApiErrors} would, but whatever the request accepts:
	 * Salesforce answers errors as JSON even to a client that asked for CSV results.
	 */
	static void writeError(HttpServletResponse response, SalesforceApiException ex) throws IOException {
		ResponseEntity<List<Map<String, Object>>> error = ApiErrors.body(ex.status(), ex.errorCode(), ex.getMessage(),
				ex.fields());
		response.setStatus(error.getStatusCode().value());
		error.getHeaders().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		response.setContentType("application/json");
		JSON.writeValue(response.getOutputStream(), error.getBody());
	}

}
