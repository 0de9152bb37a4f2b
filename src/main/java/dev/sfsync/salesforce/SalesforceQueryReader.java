package dev.sfsync.salesforce;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads an object's records changed in a window, in keyset pages over REST:
 * {@code WHERE SystemModstamp > :t OR (SystemModstamp = :t AND Id > :id) ORDER BY SystemModstamp,
 * Id}. Rows sharing a SystemModstamp are never lost, and its saved state is the last key
 * read, never a {@code nextRecordsUrl} (those expire after 15 idle minutes), so a
 * restarted step resumes after its last committed chunk. A page shorter than the page
 * size ends the read, so 5,000 changes cost 3 calls and no change costs 1, and the first
 * page can be one a scheduled poll read just before the run ({@link #handOver}); reading
 * {@link Scope#LIVE_AND_DELETED} brings the window's deletes in the same calls.
 *
 * @param <T> the item type, made by the {@link PageEnricher}
 */
public final class SalesforceQueryReader<T> implements ItemStreamReader<T> {

	/** SOQL dateTime literals; milliseconds keep keys exact on orgs that store them. */
	static final DateTimeFormatter SOQL_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter RESPONSE_DATE_TIME = DateTimeFormatter
		.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");

	private final String name;

	private final SalesforceClient client;

	private final String objectName;

	private final List<String> fields;

	private final Instant from;

	private final Instant to;

	private final int pageSize;

	private final Scope scope;

	private final PageEnricher<T> enricher;

	private final Deque<Keyed<T>> buffer = new ArrayDeque<>();

	private @Nullable Key lastRead;

	private boolean exhausted;

	private int calls;

	private @Nullable FirstPage handedOver;

	/**
	 * A reader of one object's changes.
	 * @param name the reader's name: its saved state is keyed by it
	 * @param client the connection's client
	 * @param objectName the Salesforce object
	 * @param fields the fields to read; {@code Id} and {@code SystemModstamp} are added
	 * @param from the window's start (inclusive)
	 * @param to the window's end (exclusive)
	 * @param pageSize records per call, 200 to 2,000
	 * @param scope which of the window's records to read: live ones, deleted ones, or
	 * both
	 * @param enricher turns each page into items
	 */
	public SalesforceQueryReader(String name, SalesforceClient client, String objectName, List<String> fields,
			Instant from, Instant to, int pageSize, Scope scope, PageEnricher<T> enricher) {
		if (pageSize < 200 || pageSize > 2000) {
			throw new IllegalArgumentException("pageSize must be from 200 to 2000; was " + pageSize);
		}
		if (!from.isBefore(to)) {
			throw new IllegalArgumentException("The window must start before it ends: " + from + " to " + to);
		}
		this.name = name;
		this.client = client;
		this.objectName = objectName;
		List<String> selected = new ArrayList<>(List.of("Id", "SystemModstamp"));
		fields.stream().filter((field) -> !selected.contains(field)).forEach(selected::add);
		this.fields = List.copyOf(selected);
		this.from = from;
		this.to = to;
		this.pageSize = pageSize;
		this.scope = scope;
		this.enricher = enricher;
	}

	/** Which of a window's records a reader reads. */
	public enum Scope {

		/** Records that are not deleted ({@code query}). */
		LIVE,

		/** Deleted records only ({@code queryAll … IsDeleted = true}). */
		DELETED,

		/**
		 * Every record changed in the window ({@code queryAll}): live, deleted (with
		 * {@code IsDeleted = true}) and archived activities, in one keyset stream.
		 */
		LIVE_AND_DELETED

	}

	/**
	 * A window's first page read ahead of its run, by a scheduled poll: the query and
	 * Salesforce's answer.
	 *
	 * @param soql the query asked
	 * @param includeDeleted whether it was asked of {@code queryAll}
	 * @param result Salesforce's answer
	 */
	public record FirstPage(String soql, boolean includeDeleted, JsonNode result) {
	}

	/** The key of a record: its SystemModstamp and Id. */
	record Key(Instant systemModstamp, String id) {
	}

	private record Keyed<T>(Key key, T item) {
	}

	@Override
	public void open(ExecutionContext context) {
		String modstamp = context.getString(key("systemModstamp"), null);
		String id = context.getString(key("id"), null);
		this.lastRead = (modstamp != null && id != null) ? new Key(Instant.parse(modstamp), id) : null;
		this.buffer.clear();
		this.exhausted = false;
	}

	@Override
	public @Nullable T read() {
		if (this.buffer.isEmpty() && !this.exhausted) {
			fetch();
		}
		Keyed<T> next = this.buffer.poll();
		if (next == null) {
			return null;
		}
		this.lastRead = next.key();
		return next.item();
	}

	@Override
	public void update(ExecutionContext context) {
		ApiUsage.save(this.client, context);
		if (this.lastRead != null) {
			context.putString(key("systemModstamp"), this.lastRead.systemModstamp().toString());
			context.putString(key("id"), this.lastRead.id());
		}
	}

	/**
	 * Reads the window's first page and keeps nothing: a poll's one call, asked exactly
	 * as the first fetch of a reader with the same arguments asks it.
	 */
	public FirstPage firstPage() {
		if (this.lastRead != null) {
			throw new IllegalStateException("The first page of " + this.name + " was read already");
		}
		String soql = soql();
		boolean includeDeleted = this.scope != Scope.LIVE;
		JsonNode result = this.client.query(soql, this.pageSize, includeDeleted);
		this.calls++;
		records(result);
		return new FirstPage(soql, includeDeleted, result);
	}

	/**
	 * Hands the reader a first page a poll has just read: its first fetch uses it instead
	 * of asking again, when that fetch asks the same query (a restart, which resumes
	 * after its last key, or a reader with other fields asks Salesforce).
	 * @return this reader
	 */
	public SalesforceQueryReader<T> handOver(@Nullable FirstPage page) {
		this.handedOver = page;
		return this;
	}

	/** The query calls made since the reader was created. */
	public int calls() {
		return this.calls;
	}

	private void fetch() {
		String soql = soql();
		boolean includeDeleted = this.scope != Scope.LIVE;
		FirstPage handed = this.handedOver;
		this.handedOver = null;
		JsonNode result;
		if (handed != null && handed.soql().equals(soql) && handed.includeDeleted() == includeDeleted) {
			result = handed.result();
		}
		else {
			result = this.client.query(soql, this.pageSize, includeDeleted);
			this.calls++;
		}
		List<JsonNode> page = new ArrayList<>();
		records(result).forEach(page::add);
		if (page.size() < this.pageSize) {
			this.exhausted = true;
		}
		if (page.isEmpty()) {
			return;
		}
		List<T> items = this.enricher.enrich(page);
		if (items.size() != page.size()) {
			throw new ItemStreamException("The page enricher of " + this.name + " returned " + items.size()
					+ " items for " + page.size() + " records; it must return one per record");
		}
		Key previous = this.lastRead;
		for (int i = 0; i < page.size(); i++) {
			Key key = keyOf(page.get(i), previous);
			this.buffer.add(new Keyed<>(key, items.get(i)));
			previous = key;
		}
	}

	/**
	 * A query answer's records. An answer without a records list is refused rather than
	 * read as a window with no change: that would move the high-water mark past records
	 * never read.
	 */
	private JsonNode records(JsonNode result) {
		JsonNode records = result.path("records");
		if (!records.isArray()) {
			throw SalesforceErrors
				.malformed("Salesforce answered the query of " + this.objectName + " without a records list");
		}
		return records;
	}

	String soql() {
		StringBuilder soql = new StringBuilder("SELECT ").append(String.join(", ", this.fields))
			.append(" FROM ")
			.append(this.objectName)
			.append(" WHERE SystemModstamp < ")
			.append(SOQL_DATE_TIME.format(this.to));
		if (this.lastRead == null) {
			soql.append(" AND SystemModstamp >= ").append(SOQL_DATE_TIME.format(this.from));
		}
		else {
			String at = SOQL_DATE_TIME.format(this.lastRead.systemModstamp());
			soql.append(" AND (SystemModstamp > ")
				.append(at)
				.append(" OR (SystemModstamp = ")
				.append(at)
				.append(" AND Id > '")
				.append(this.lastRead.id())
				.append("'))");
		}
		if (this.scope == Scope.DELETED) {
			soql.append(" AND IsDeleted = true");
		}
		return soql.append(" ORDER BY SystemModstamp, Id LIMIT ").append(this.pageSize).toString();
	}

	/**
	 * A record's key. A record whose SystemModstamp cannot be read keeps the previous
	 * key's time, so paging goes on; the record itself fails later as an invalid
	 * timestamp.
	 */
	private static Key keyOf(JsonNode record, @Nullable Key previous) {
		String id = record.path("Id").asString("");
		try {
			return new Key(Instant.from(RESPONSE_DATE_TIME.parse(record.path("SystemModstamp").asString(""))), id);
		}
		catch (DateTimeParseException ex) {
			return new Key((previous != null) ? previous.systemModstamp() : Instant.EPOCH, id);
		}
	}

	private String key(String suffix) {
		return this.name + ".last." + suffix;
	}

}
