package dev.sfsync.emulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.sfsync.emulator.schema.FieldSchema;
import dev.sfsync.emulator.schema.ObjectSchema;
import dev.sfsync.salesforce.SalesforceId;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Runs an ingest job: reads its CSV, checks the header against the object, then saves row
 * by row through {@link RecordWriter}, so every write rule applies to every row and one
 * bad row fails alone, as Bulk API 2.0 does. An empty cell leaves a field as it is and
 * {@code #N/A} empties it.
 */
@Component
final class BulkIngestProcessor {

	private static final Log logger = LogFactory.getLog(BulkIngestProcessor.class);

	private static final String NULL_CELL = "#N/A";

	private final RecordWriter writer;

	BulkIngestProcessor(RecordWriter writer) {
		this.writer = writer;
	}

	/** A header cell resolved against the object. */
	private record Column(int index, FieldSchema field, @Nullable ForeignKey foreignKey) {
	}

	/**
	 * A relationship column such as {@code Account.Sfsync_Id__c}: the lookup it sets, and
	 * the parent field whose value finds the parent.
	 */
	private record ForeignKey(SObjectTable target, FieldSchema targetField) {
	}

	/** The header resolved: the Id column, the upsert key column, the field columns. */
	private record Columns(int id, int externalId, List<Column> fields) {
	}

	/** A header Salesforce would refuse, which fails the whole job. */
	private static final class BadHeaderException extends Exception {

		BadHeaderException(String message) {
			super(message);
		}

	}

	void run(BulkIngestJob job) {
		List<String> uploads = job.start();
		if (uploads == null) {
			return;
		}
		long started = System.nanoTime();
		List<String[]> data = List.of();
		try {
			List<String[]> rows = new ArrayList<>();
			@Nullable String error = read(job, uploads, rows);
			if (rows.isEmpty()) {
				job.finish(error, List.of(), started);
				return;
			}
			List<String> header = List.of(rows.get(0));
			job.header(header);
			data = rows.subList(1, rows.size());
			if (error != null) {
				job.finish(error, data, started);
				return;
			}
			SObjectTable table = job.org().data().requireTable(job.object());
			Columns columns = resolve(job, table, header);
			int next = 0;
			while (next < data.size() && !job.aborted()) {
				process(job, table, columns, data.get(next));
				next++;
			}
			job.finish(null, data.subList(next, data.size()), started);
		}
		catch (BadHeaderException ex) {
			job.finish(ex.getMessage(), data, started);
		}
		catch (RuntimeException ex) {
			logger.error("Bulk ingest job " + job.id() + " failed", ex);
			job.finish("InternalServerError : " + ex.getMessage(), data, started);
		}
	}

	/**
	 * Reads every upload into {@code rows}, the header first.
	 * @return why the data cannot be processed, or null
	 */
	private static @Nullable String read(BulkIngestJob job, List<String> uploads, List<String[]> rows) {
		BulkCsv.Format format = job.format();
		String @Nullable [] header = null;
		for (String csv : uploads) {
			if (!lineEndingMatches(csv, format.lineEnding())) {
				return "ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is "
						+ format.lineEnding().name();
			}
			BulkCsv.Parsed parsed = BulkCsv.read(csv, format);
			List<String[]> uploaded = parsed.rows();
			if (!uploaded.isEmpty()) {
				if (header == null) {
					header = uploaded.get(0);
					rows.add(header);
				}
				else if (!Arrays.equals(header, uploaded.get(0))) {
					return "ClientInputError : Every upload of a job must have the same header row";
				}
			}
			for (int i = 1; i < uploaded.size(); i++) {
				String[] row = uploaded.get(i);
				if (row.length != header.length) {
					return "ClientInputError : Row " + (rows.size()) + " has " + row.length
							+ " columns; the header has " + header.length;
				}
				rows.add(row);
			}
			if (parsed.error() != null) {
				return "ClientInputError : " + parsed.error();
			}
		}
		return null;
	}

	/**
	 * Whether the first line ends as the job says; Salesforce fails the job otherwise.
	 */
	private static boolean lineEndingMatches(String csv, BulkCsv.LineEnding lineEnding) {
		int newline = csv.indexOf('\n');
		if (newline < 0) {
			return true;
		}
		boolean crlf = newline > 0 && csv.charAt(newline - 1) == '\r';
		return crlf == (lineEnding == BulkCsv.LineEnding.CRLF);
	}

	private static Columns resolve(BulkIngestJob job, SObjectTable table, List<String> header)
			throws BadHeaderException {
		boolean deleting = job.operation() == BulkIngestJob.Operation.DELETE
				|| job.operation() == BulkIngestJob.Operation.HARD_DELETE;
		int id = -1;
		int externalId = -1;
		List<Column> fields = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int index = 0; index < header.size(); index++) {
			String name = header.get(index);
			if (!seen.add(name.toLowerCase(Locale.ROOT))) {
				throw new BadHeaderException("InvalidBatch : Duplicate field name : " + name);
			}
			if (name.equalsIgnoreCase("Id")) {
				id = index;
			}
			else if (!deleting) {
				fields.add(column(job.org().data(), table, name, index));
			}
			if (name.equalsIgnoreCase(String.valueOf(job.externalIdFieldName()))) {
				externalId = index;
			}
		}
		return new Columns(id, externalId, fields);
	}

	private static Column column(OrgData data, SObjectTable table, String name, int index) throws BadHeaderException {
		ObjectSchema schema = table.schema();
		int dot = name.indexOf('.');
		if (dot < 0) {
			int position = table.position(name);
			if (position < 0) {
				throw fieldNotFound(name);
			}
			return new Column(index, table.field(position), null);
		}
		String relationship = name.substring(0, dot);
		FieldSchema lookup = schema.findRelationshipField(relationship).orElseThrow(() -> fieldNotFound(name));
		SObjectTable target = data.catalog()
			.relationshipTarget(schema, relationship, null)
			.flatMap((object) -> data.table(object.name()))
			.orElseThrow(() -> fieldNotFound(name));
		// A parent is found by its Id or by a field that identifies it: an external id.
		FieldSchema targetField = target.schema()
			.findField(name.substring(dot + 1))
			.filter((field) -> field.name().equals("Id") || field.externalId() || field.idLookup())
			.orElseThrow(() -> fieldNotFound(name));
		return new Column(index, lookup, new ForeignKey(target, targetField));
	}

	private static BadHeaderException fieldNotFound(String name) {
		return new BadHeaderException("InvalidBatch : Field name not found : " + name);
	}

	private void process(BulkIngestJob job, SObjectTable table, Columns columns, String[] row) {
		OrgData data = job.org().data();
		OrgUser user = job.user();
		String recordId = "";
		try {
			switch (job.operation()) {
				case INSERT -> {
					if (columns.id() >= 0 && !row[columns.id()].isEmpty()) {
						throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_FIELD_FOR_INSERT_UPDATE",
								"cannot specify Id in an insert call", List.of("Id"));
					}
					StoredRecord created = this.writer.create(data, table, fields(table, columns, row, -1), user,
							job.org().nextId(table.schema().keyPrefix()), false);
					job.succeeded(created.id(), true, row);
				}
				case UPDATE -> {
					StoredRecord record = existing(table, columns, row, "an update");
					recordId = record.id();
					this.writer.update(data, table, record, fields(table, columns, row, -1), user, false);
					job.succeeded(record.id(), false, row);
				}
				case UPSERT -> {
					String key = (columns.externalId() >= 0) ? row[columns.externalId()] : "";
					StoredRecord match = upsertMatch(table, job.externalIdFieldName(), key, columns, row);
					Map<String, @Nullable Object> fields = fields(table, columns, row, columns.externalId());
					if (match == null) {
						if (!key.isEmpty()) {
							fields.put(String.valueOf(job.externalIdFieldName()), key);
						}
						StoredRecord created = this.writer.create(data, table, fields, user,
								job.org().nextId(table.schema().keyPrefix()), false);
						job.succeeded(created.id(), true, row);
					}
					else {
						recordId = match.id();
						this.writer.update(data, table, match, fields, user, false);
						job.succeeded(match.id(), false, row);
					}
				}
				case DELETE, HARD_DELETE -> {
					StoredRecord record = existing(table, columns, row, "a delete");
					recordId = record.id();
					boolean hard = job.operation() == BulkIngestJob.Operation.HARD_DELETE;
					// A hard delete also empties a record already in the Recycle Bin.
					if (!(hard && table.isDeleted(record) && user.canWrite(table.name()))) {
						this.writer.delete(data, table, record, user);
					}
					if (hard) {
						table.purge(record.id());
					}
					job.succeeded(record.id(), false, row);
				}
			}
		}
		catch (SalesforceApiException ex) {
			job.failed(recordId, error(ex), row);
		}
		catch (RuntimeException ex) {
			logger.error("Bulk ingest job " + job.id() + " failed on a row", ex);
			job.failed(recordId, "UNKNOWN_EXCEPTION:" + ex.getMessage() + ":--", row);
		}
	}

	/** The record an upsert row updates, or null to create one. */
	private static @Nullable StoredRecord upsertMatch(SObjectTable table, @Nullable String externalIdFieldName,
			String key, Columns columns, String[] row) {
		String field = String.valueOf(externalIdFieldName);
		if (field.equals("Id")) {
			// Upserting by Id creates the rows that have none.
			return key.isEmpty() ? null : existing(table, columns, row, "an upsert");
		}
		if (key.isEmpty()) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "MISSING_ARGUMENT", field + " not specified",
					List.of(field));
		}
		Upserts.Match match = Upserts.match(table, field, key);
		if (match.records().size() > 1) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "DUPLICATE_EXTERNAL_ID",
					field + ": more than one record found for external id field: "
							+ match.records().stream().map(StoredRecord::id).toList(),
					List.of(field));
		}
		return match.records().isEmpty() ? null : match.records().get(0);
	}

	/** The record a row's Id names. */
	private static StoredRecord existing(SObjectTable table, Columns columns, String[] row, String call) {
		String id = (columns.id() >= 0) ? row[columns.id()] : "";
		if (id.isEmpty()) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "MISSING_ARGUMENT",
					"Id not specified in " + call + " call", List.of("Id"));
		}
		if (!SalesforceId.isValid(id) || !SalesforceId.parse(id).keyPrefix().equals(table.schema().keyPrefix())) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "MALFORMED_ID",
					table.schema().label() + " ID: id value of incorrect type: " + id, List.of("Id"));
		}
		return table.find(id)
			.orElseThrow(() -> new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_CROSS_REFERENCE_KEY",
					"invalid cross reference id"));
	}

	/**
	 * The fields a row writes: empty cells are left out (unchanged on update),
	 * {@code #N/A} writes null, relationship cells write the parent's Id.
	 */
	private static Map<String, @Nullable Object> fields(SObjectTable table, Columns columns, String[] row,
			int skipped) {
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		for (Column column : columns.fields()) {
			String cell = row[column.index()];
			if (column.index() == skipped || cell.isEmpty()) {
				continue;
			}
			if (cell.equals(NULL_CELL)) {
				fields.put(column.field().name(), null);
			}
			else if (column.foreignKey() != null) {
				fields.put(column.field().name(), parentId(column.foreignKey(), cell));
			}
			else {
				checkType(column.field(), cell);
				fields.put(column.field().name(), cell);
			}
		}
		return fields;
	}

	/** Salesforce reports a cell its field cannot hold with the field's label. */
	private static void checkType(FieldSchema field, String cell) {
		try {
			FieldValues.fromCsv(field, cell);
		}
		catch (SalesforceApiException ex) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_TYPE_ON_FIELD_IN_RECORD",
					field.label() + ": value not of required type: " + cell, List.of(field.name()));
		}
	}

	private static String parentId(ForeignKey key, String value) {
		SObjectTable target = key.target();
		FieldSchema field = key.targetField();
		int position = target.position(field.name());
		List<StoredRecord> parents;
		if (field.name().equals("Id")) {
			parents = target.find(value).stream().toList();
		}
		else if (target.indexed(position)) {
			parents = target.lookup(position, value).stream().flatMap((id) -> target.find(id).stream()).toList();
		}
		else {
			parents = target.records()
				.filter((record) -> value.equalsIgnoreCase(String.valueOf(record.get(position))))
				.toList();
		}
		parents = parents.stream().filter((parent) -> !target.isDeleted(parent)).toList();
		if (parents.size() != 1) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "INVALID_FIELD",
					"Foreign key external ID: " + value + (parents.isEmpty() ? " not found" : " matched more than one")
							+ " for field " + field.name() + " in entity " + target.name());
		}
		return parents.get(0).id();
	}

	/** A failure as Bulk's {@code sf__Error} cell: {@code CODE:message:fields --}. */
	static String error(SalesforceApiException ex) {
		String fields = ex.fields().isEmpty() ? "--" : String.join(",", ex.fields()) + " --";
		return ex.errorCode() + ":" + ex.getMessage() + ":" + fields;
	}

}
