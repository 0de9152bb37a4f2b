package dev.sfsync.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/**
 * Reads one page of Bulk API 2.0 query results, a CSV with a header row, into records
 * shaped like REST's so that one {@link PageEnricher} serves both readers: each value a
 * string, an empty cell (Bulk's null) a JSON null, and a dotted column such as
 * {@code Account.Name} nested as {@code {"Account":{"Name":…}}}, or
 * {@code "Account":null} when all of its cells are empty.
 */
final class BulkCsvRecords {

	private static final ObjectReader ROWS = CsvMapper.builder()
		.build()
		.readerFor(String[].class)
		.with(CsvReadFeature.WRAP_AS_ARRAY)
		.with(CsvReadFeature.SKIP_EMPTY_LINES);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private BulkCsvRecords() {
	}

	/**
	 * A page's records.
	 *
	 * @param records the records after the skipped ones, in the page's order
	 * @param rows how many records the page had in all, skipped ones included
	 */
	record Page(List<JsonNode> records, int rows) {
	}

	/**
	 * Reads a page as it streams in, building records only for rows after the first
	 * {@code skip}, which a restarted reader returned before.
	 * @param csv the page's CSV
	 * @param skip how many leading records to leave out
	 * @param what what is being read, for messages
	 * @throws IOException if the body breaks off, so the call counts as one without a
	 * response
	 */
	static Page read(InputStream csv, int skip, String what) throws IOException {
		try (MappingIterator<String[]> rows = ROWS.readValues(csv)) {
			if (!rows.hasNextValue()) {
				return new Page(List.of(), 0);
			}
			String[][] columns = Arrays.stream(rows.nextValue())
				.map((column) -> column.split("\\.", -1))
				.toArray(String[][]::new);
			boolean nested = Arrays.stream(columns).anyMatch((path) -> path.length > 1);
			CsvRow.Header flat = nested ? null
					: CsvRow.Header.of(Arrays.stream(columns).map((path) -> path[0]).toArray(String[]::new));
			List<JsonNode> records = new ArrayList<>();
			int count = 0;
			while (rows.hasNextValue()) {
				String[] row = rows.nextValue();
				count++;
				if (row.length != columns.length) {
					throw malformed(what,
							"row " + count + " has " + row.length + " cells for " + columns.length + " columns");
				}
				if (count > skip) {
					records.add((flat != null) ? new ObjectNode(NODES, new CsvRow(flat, row))
							: record(columns, row, nested));
				}
			}
			return new Page(records, count);
		}
		catch (JacksonIOException ex) {
			throw ex.getCause();
		}
		catch (JacksonException ex) {
			throw malformed(what, String.valueOf(ex.getOriginalMessage()).lines().findFirst().orElse(""));
		}
	}

	/**
	 * A page that is not the CSV it should be. Transient: a page cut short reads whole
	 * when asked again.
	 */
	static SalesforceException malformed(String what, String why) {
		return SalesforceErrors.malformed("Salesforce " + what + " answered CSV that cannot be read: " + why);
	}

	private static ObjectNode record(String[][] columns, String[] row, boolean nested) {
		ObjectNode record = NODES.objectNode();
		for (int i = 0; i < columns.length; i++) {
			String[] path = columns[i];
			ObjectNode parent = record;
			for (int segment = 0; segment < path.length - 1; segment++) {
				JsonNode child = parent.get(path[segment]);
				parent = (child instanceof ObjectNode object) ? object : parent.putObject(path[segment]);
			}
			String field = path[path.length - 1];
			if (row[i].isEmpty()) {
				parent.putNull(field);
			}
			else {
				parent.put(field, row[i]);
			}
		}
		if (nested) {
			collapseEmptyParents(record);
		}
		return record;
	}

	/**
	 * Turns parents whose cells are all empty into null, as REST answers a lookup that is
	 * not set.
	 * @return whether every value under the node is null
	 */
	private static boolean collapseEmptyParents(ObjectNode node) {
		List<String> empty = new ArrayList<>();
		boolean allNull = true;
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			if (entry.getValue() instanceof ObjectNode child && collapseEmptyParents(child)) {
				empty.add(entry.getKey());
			}
			else {
				allNull &= entry.getValue().isNull();
			}
		}
		empty.forEach(node::putNull);
		return allNull;
	}

}
