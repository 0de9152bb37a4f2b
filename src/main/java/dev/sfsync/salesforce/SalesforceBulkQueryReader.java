package dev.sfsync.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Reads an object's records in a window through one Bulk API 2.0 query job, for backfills
 * of up to millions of records, holding one results page at a time. Its saved state is
 * the job's Id, the locator of the page being read and the offset within it, so a
 * restarted step resumes the same job (polling it if it was not done) and never creates a
 * second one. An object Bulk cannot query is read with keyset REST readers instead.
 *
 * <p>
 * While a page's records are processed and written, the next page is already being
 * downloaded, read and made into items on a thread of the reader's own, one page ahead,
 * so that a backfill's reading overlaps its writing; the heap holds two pages at most. A
 * page whose loading failed is loaded again, in order, when it is due, with the client's
 * usual retries.
 *
 * <p>
 * Items come from the same {@link PageEnricher} as the REST reader's, one call per
 * results page. Bulk records are shaped like REST's but every value is a string
 * ({@code "true"}, {@code "12.5"}, dateTimes as {@code 2024-05-01T10:00:00.000Z}); an
 * empty cell is a JSON null (Bulk writes null as empty, and Salesforce stores no empty
 * strings) and dotted columns are nested. Enrichers therefore read values with
 * {@code asString()} and parse them, which also works on REST records.
 *
 * @param <T> the item type, made by the {@link PageEnricher}
 *
 * <p>
 * Over 400 lines on purpose: the job's life (create, poll, resume after a restart), the
 * page-ahead thread and the saved state must agree on one state machine, which reads best
 * in one class.
 */
public final class SalesforceBulkQueryReader<T> implements ItemStreamReader<T> {

	/** The fewest records per results page: the catalog's bounds for a backfill size. */
	public static final int MIN_PAGE_SIZE = 1_000;

	/** The most records per results page. */
	public static final int MAX_PAGE_SIZE = 100_000;

	private static final Log logger = LogFactory.getLog(SalesforceBulkQueryReader.class);

	private static final int REST_PAGE_SIZE = 2000;

	private static final String JOB_COMPLETE = "JobComplete";

	private static final Set<String> OVER = Set.of(JOB_COMPLETE, "Failed", "Aborted");

	private static final String LAST_PAGE = "null";

	private final String name;

	private final SalesforceClient client;

	private final String objectName;

	private final List<String> fields;

	private final Instant from;

	private final Instant to;

	private final Operation operation;

	private final int pageSize;

	private final PageEnricher<T> enricher;

	private final BulkPolling polling;

	private final Deque<T> buffer = new ArrayDeque<>();

	private @Nullable String jobId;

	/** The locator the page being read starts at; null for the first page. */
	private @Nullable String pageLocator;

	/** The locator of the page after it, once it is loaded; null after the last. */
	private @Nullable String nextLocator;

	private boolean pageLoaded;

	/** The records of the page being read that were returned, skipped ones included. */
	private int offset;

	/** The job's state as last seen, for a poll that got no answer. */
	private String lastState = "";

	private @Nullable RestFallbackReader<T> fallback;

	private int calls;

	/** The next page's loading, started when the page before it was loaded. */
	private @Nullable Prefetch<T> prefetch;

	private @Nullable ExecutorService downloader;

	/** Which records a job reads. */
	public enum Operation {

		/** Live records. */
		QUERY("query"),

		/** Live records and those deleted or archived ({@code IsDeleted = true}). */
		QUERY_ALL("queryAll");

		private final String wireName;

		Operation(String wireName) {
			this.wireName = wireName;
		}

		public String wireName() {
			return this.wireName;
		}

	}

	/**
	 * A reader of one object's records.
	 * @param name the reader's name: its saved state is keyed by it
	 * @param client the connection's client
	 * @param objectName the Salesforce object
	 * @param fields the fields to read; {@code Id} and {@code SystemModstamp} are added
	 * @param from the window's start, inclusive ({@link Instant#EPOCH} for all)
	 * @param to the window's end, exclusive
	 * @param operation {@code query} or {@code queryAll}
	 * @param pageSize records per results page and so per enricher call,
	 * {@value #MIN_PAGE_SIZE} to {@value #MAX_PAGE_SIZE}: the job definition's backfill
	 * size
	 * @param enricher turns each page into items, one per record
	 * @param polling how to wait for the job
	 */
	public SalesforceBulkQueryReader(String name, SalesforceClient client, String objectName, List<String> fields,
			Instant from, Instant to, Operation operation, int pageSize, PageEnricher<T> enricher,
			BulkPolling polling) {
		if (pageSize < MIN_PAGE_SIZE || pageSize > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException(
					"pageSize must be from " + MIN_PAGE_SIZE + " to " + MAX_PAGE_SIZE + "; was " + pageSize);
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
		this.operation = operation;
		this.pageSize = pageSize;
		this.enricher = enricher;
		this.polling = polling;
	}

	/**
	 * Creates the job, or resumes the saved one, and waits until it is complete. The Id
	 * of a new job goes into {@code context} at once: a step whose open fails still saves
	 * its context, so its restart polls this job instead of creating another.
	 * @throws ItemStreamException if the saved job no longer exists, the job failed or
	 * was aborted, or it was not complete within the bounded wait
	 */
	@Override
	public void open(ExecutionContext context) {
		this.buffer.clear();
		this.pageLoaded = false;
		this.nextLocator = null;
		this.fallback = null;
		this.prefetch = null;
		if (context.containsKey(key("fallback"))) {
			openFallback(context);
			return;
		}
		this.jobId = context.getString(key("jobId"), null);
		this.pageLocator = context.getString(key("locator"), null);
		this.offset = context.getInt(key("offset"), 0);
		if (this.jobId != null) {
			logger.info("Reader " + this.name + " resumes Bulk query job " + this.jobId + " at "
					+ ((this.pageLocator != null) ? "locator " + this.pageLocator : "the first page") + ", record "
					+ this.offset);
			awaitCompletion(poll(this.jobId));
			return;
		}
		JsonNode job;
		try {
			job = create();
		}
		catch (SalesforceException ex) {
			if (!bulkCannotQuery(ex)) {
				throw ex;
			}
			logger.info("Bulk API 2.0 cannot query " + this.objectName + " (" + ex.getMessage() + "); reader "
					+ this.name + " reads it over REST instead");
			context.putString(key("fallback"), "rest");
			openFallback(context);
			return;
		}
		String created = job.path("id").asString("");
		if (created.isEmpty()) {
			throw SalesforceErrors.from("create Bulk query job on " + this.objectName, 502,
					SalesforceErrors.errors(job), false);
		}
		this.jobId = created;
		context.putString(key("jobId"), created);
		logger.info("Reader " + this.name + " created Bulk " + this.operation.wireName() + " job " + created + ": "
				+ soql());
		this.lastState = job.path("state").asString("");
		awaitCompletion(this.lastState);
	}

	@Override
	public @Nullable T read() {
		if (this.fallback != null) {
			return this.fallback.read();
		}
		String job = this.jobId;
		if (job == null) {
			throw new ItemStreamException("Reader " + this.name + " was not opened");
		}
		while (this.buffer.isEmpty()) {
			if (this.pageLoaded) {
				if (this.nextLocator == null) {
					return null;
				}
				this.pageLocator = this.nextLocator;
				this.offset = 0;
				this.pageLoaded = false;
			}
			loadPage(job);
		}
		this.offset++;
		return this.buffer.poll();
	}

	@Override
	public void update(ExecutionContext context) {
		ApiUsage.save(this.client, context);
		if (this.fallback != null) {
			this.fallback.update(context);
			return;
		}
		if (this.jobId == null) {
			return;
		}
		String locator = this.pageLocator;
		int at = this.offset;
		// A page read to its end is saved as the start of the next one: chunks often end
		// with a page, and a restart would otherwise download it again only to skip it.
		if (this.pageLoaded && this.buffer.isEmpty() && this.nextLocator != null) {
			locator = this.nextLocator;
			at = 0;
		}
		context.putString(key("jobId"), this.jobId);
		if (locator != null) {
			context.putString(key("locator"), locator);
		}
		else {
			context.remove(key("locator"));
		}
		context.putInt(key("offset"), at);
	}

	/**
	 * Lets go of the page in memory. The job is left alone: a restart may still need it,
	 * and Salesforce deletes finished jobs after seven days.
	 */
	@Override
	public void close() {
		this.buffer.clear();
		this.prefetch = null;
		if (this.downloader != null) {
			this.downloader.shutdownNow();
			this.downloader = null;
		}
		if (this.fallback != null) {
			this.fallback.close();
		}
	}

	/** The Bulk job being read, once there is one; null when reading over REST. */
	public @Nullable String jobId() {
		return this.jobId;
	}

	/** Whether the object is read over REST because Bulk cannot query it. */
	public boolean readsOverRest() {
		return this.fallback != null;
	}

	/**
	 * The calls this reader made: the job's creation, polls and results pages, or the
	 * REST queries of the fallback.
	 */
	public int calls() {
		return this.calls + ((this.fallback != null) ? this.fallback.calls() : 0);
	}

	/**
	 * Whether a failed job creation means Bulk cannot query the object at all, so that
	 * REST must: {@code INVALIDENTITY} ("Entity 'X' is not supported by the Bulk API."),
	 * the same words under another code, or compound fields Bulk cannot select. Not a
	 * permission error such as {@code INVALID_TYPE}, which REST would refuse as well.
	 */
	static boolean bulkCannotQuery(SalesforceException failure) {
		if (failure.isTransient()) {
			return false;
		}
		for (SalesforceError error : failure.errors()) {
			String message = error.message().toLowerCase();
			if (error.code().equals("INVALIDENTITY") || message.contains("not supported by the bulk")
					|| message.contains("not supported in bulk query")) {
				return true;
			}
		}
		return false;
	}

	String soql() {
		return "SELECT " + String.join(", ", this.fields) + " FROM " + this.objectName + " WHERE SystemModstamp >= "
				+ SalesforceQueryReader.SOQL_DATE_TIME.format(this.from) + " AND SystemModstamp < "
				+ SalesforceQueryReader.SOQL_DATE_TIME.format(this.to);
	}

	private JsonNode create() {
		// No ORDER BY: it would stop Salesforce from chunking the query by Id range.
		Map<String, String> body = new LinkedHashMap<>();
		body.put("operation", this.operation.wireName());
		body.put("query", soql());
		body.put("contentType", "CSV");
		body.put("columnDelimiter", "COMMA");
		body.put("lineEnding", "LF");
		String what = "create Bulk query job on " + this.objectName;
		this.calls++;
		JsonNode job = this.client.call(what, HttpMethod.POST, "jobs/query", body, (headers) -> {
		}, false).body();
		if (job == null) {
			throw SalesforceErrors.from(what, 502, List.of(), false);
		}
		return job;
	}

	private void awaitCompletion(String known) {
		String job = this.jobId;
		if (job == null) {
			throw new IllegalStateException("No job to wait for");
		}
		BulkPolling.Outcome outcome;
		try {
			outcome = this.polling.await(known, () -> poll(job), OVER::contains);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ItemStreamException("Reader " + this.name + " was interrupted while waiting for Bulk query job "
					+ job + "; the job stays in the step's saved state, so a restart resumes it", ex);
		}
		if (outcome.timedOut()) {
			throw new ItemStreamException("Bulk query job " + job + " on " + this.objectName + " (reader " + this.name
					+ ") is still " + outcome.state() + " after waiting " + this.polling.maxWait()
					+ "; the job stays in the step's saved state, so restarting the step resumes waiting for this job"
					+ " instead of creating another");
		}
		if (!outcome.state().equals(JOB_COMPLETE)) {
			throw new ItemStreamException("Bulk query job " + job + " on " + this.objectName + " (reader " + this.name
					+ ") is " + outcome.state() + ", so its results cannot be read (Salesforce gives no reason for"
					+ " a failed query job: see Bulk Data Load Jobs in Setup); run the backfill again as a new run"
					+ " rather than restarting this one");
		}
		logger.info("Bulk query job " + job + " of reader " + this.name + " is complete");
	}

	/**
	 * The job's state. A transient failure answers the last known state: the next poll
	 * asks again, within the same bounded wait.
	 */
	private String poll(String job) {
		this.calls++;
		try {
			this.lastState = this.client.get("poll Bulk query job " + job, "jobs/query/" + job)
				.path("state")
				.asString("");
			return this.lastState;
		}
		catch (SalesforceException ex) {
			if (ex.status() == 404) {
				throw gone(job, ex);
			}
			if (!ex.isTransient()) {
				throw ex;
			}
			logger.warn("Polling Bulk query job " + job + " failed; polling again: " + ex.getMessage());
			return this.lastState;
		}
	}

	private ItemStreamException gone(String job, SalesforceException ex) {
		return new ItemStreamException("Bulk query job " + job + " on " + this.objectName + " (reader " + this.name
				+ ") no longer exists in Salesforce (" + ex.getMessage() + "; finished jobs are deleted after seven"
				+ " days), so the saved read cannot resume; run the backfill again as a new run rather than"
				+ " restarting this one", ex);
	}

	/** A results page as it arrived: its records and the locator of the next one. */
	private record Fetched(BulkCsvRecords.Page page, @Nullable String next) {
	}

	/**
	 * A results page made into items: how many records it had in all, and the locator of
	 * the next page.
	 */
	private record Loaded<T>(List<T> items, int rows, @Nullable String next) {
	}

	/** The loading of the page at {@code locator}, started ahead of time. */
	private record Prefetch<T>(String locator, CompletableFuture<Loaded<T>> loading) {
	}

	private void loadPage(String job) {
		String locator = this.pageLocator;
		int skip = this.offset;
		Loaded<T> loaded = loadedAhead(locator);
		if (loaded == null) {
			this.calls++;
			loaded = load(job, locator, skip);
		}
		if (loaded.rows() < skip) {
			throw new ItemStreamException("The saved state of reader " + this.name + " is at record " + skip
					+ " of a page of Bulk query job " + job + " that has " + loaded.rows());
		}
		this.nextLocator = loaded.next();
		this.pageLoaded = true;
		if (this.nextLocator != null) {
			loadAhead(job, this.nextLocator);
		}
		this.buffer.addAll(loaded.items());
	}

	/**
	 * Downloads a page, reads its CSV and makes its records after the first {@code skip}
	 * into items with the enricher.
	 */
	private Loaded<T> load(String job, @Nullable String locator, int skip) {
		String what = "read Bulk query results of " + job;
		Fetched fetched;
		try {
			fetched = this.client.stream(what, resultsPath(job, locator), this::acceptCsv,
					(body, headers) -> parse(body, headers, skip, what));
		}
		catch (SalesforceException ex) {
			if (ex.status() == 404) {
				throw gone(job, ex);
			}
			throw ex;
		}
		List<JsonNode> records = fetched.page().records();
		List<T> items = records.isEmpty() ? List.of() : this.enricher.enrich(records);
		if (items.size() != records.size()) {
			throw new ItemStreamException("The page enricher of " + this.name + " returned " + items.size()
					+ " items for " + records.size() + " records; it must return one per record");
		}
		return new Loaded<>(items, fetched.page().rows(), fetched.next());
	}

	/**
	 * The page at {@code locator} if it was loaded ahead; null when it was not, or the
	 * loading failed (the page is then loaded again now, so a failure surfaces in order).
	 */
	private @Nullable Loaded<T> loadedAhead(@Nullable String locator) {
		Prefetch<T> prefetch = this.prefetch;
		this.prefetch = null;
		if (prefetch == null || locator == null || !prefetch.locator().equals(locator)) {
			return null;
		}
		try {
			return prefetch.loading().join();
		}
		catch (RuntimeException ex) {
			logger.info("Loading a Bulk results page ahead for " + this.name + " failed (" + ex.getMessage()
					+ "); loading it now");
			return null;
		}
	}

	/**
	 * Starts loading the next page on the reader's own thread while this one's items are
	 * processed and written. Only the Bulk reader does this: its records are each in one
	 * page only, so what the enricher reads for the next page cannot be changed by the
	 * chunk being written.
	 */
	private void loadAhead(String job, String locator) {
		if (this.downloader == null) {
			this.downloader = Executors.newSingleThreadExecutor((task) -> {
				Thread thread = new Thread(task, "bulk-read-ahead-" + this.name);
				thread.setDaemon(true);
				return thread;
			});
		}
		this.calls++;
		this.prefetch = new Prefetch<>(locator,
				CompletableFuture.supplyAsync(() -> load(job, locator, 0), this.downloader));
	}

	private String resultsPath(String job, @Nullable String locator) {
		return "jobs/query/" + job + "/results?maxRecords=" + this.pageSize
				+ ((locator != null) ? "&locator=" + URLEncoder.encode(locator, StandardCharsets.UTF_8) : "");
	}

	private void acceptCsv(HttpHeaders headers) {
		headers.setAccept(List.of(MediaType.parseMediaType("text/csv")));
	}

	private static Fetched parse(InputStream body, HttpHeaders headers, int skip, String what) throws IOException {
		BulkCsvRecords.Page page = BulkCsvRecords.read(body, skip, what);
		String next = headers.getFirst("Sforce-Locator");
		if (next == null) {
			throw BulkCsvRecords.malformed(what, "no Sforce-Locator header");
		}
		String count = headers.getFirst("Sforce-NumberOfRecords");
		if (count != null && !count.equals(Integer.toString(page.rows()))) {
			throw BulkCsvRecords.malformed(what,
					"Sforce-NumberOfRecords is " + count + " but the page has " + page.rows() + " rows");
		}
		return new Fetched(page, next.equals(LAST_PAGE) ? null : next);
	}

	private void openFallback(ExecutionContext context) {
		List<SalesforceQueryReader<T>> parts = new ArrayList<>();
		parts.add(new SalesforceQueryReader<>(this.name + ".rest", this.client, this.objectName, this.fields, this.from,
				this.to, REST_PAGE_SIZE, SalesforceQueryReader.Scope.LIVE, this.enricher));
		if (this.operation == Operation.QUERY_ALL) {
			parts
				.add(new SalesforceQueryReader<>(this.name + ".rest.deleted", this.client, this.objectName, this.fields,
						this.from, this.to, REST_PAGE_SIZE, SalesforceQueryReader.Scope.DELETED, this.enricher));
		}
		RestFallbackReader<T> rest = new RestFallbackReader<>(this.name + ".rest", parts);
		rest.open(context);
		this.fallback = rest;
	}

	private String key(String suffix) {
		return this.name + ".bulk." + suffix;
	}

}
