package dev.sfsync.inbound;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.outbound.OutboxStore;
import dev.sfsync.outcome.OutcomeLog;
import dev.sfsync.salesforce.BulkPolling;
import dev.sfsync.salesforce.DescribeCache;
import dev.sfsync.salesforce.SalesforceBulkQueryReader;
import dev.sfsync.salesforce.SalesforceClient;
import dev.sfsync.salesforce.SalesforceException;
import dev.sfsync.salesforce.PageEnricher;
import dev.sfsync.salesforce.SalesforceQueryReader;
import dev.sfsync.salesforce.SalesforceQueryReader.FirstPage;
import dev.sfsync.store.AppTable;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.dao.DeadlockLoserDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * One inbound or backfill run of an object type for one connection: the steps built for
 * this job execution alone, so runs for different connections never share readers, rules
 * or state. {@code pull-updates} reads the window's changed, deleted and converted
 * records in one stream (one {@code queryAll} keyset stream, or a Bulk {@code queryAll}
 * job for a backfill) and resumes after its last committed chunk. What it reads is
 * decided from the object's describe when its reader opens: a cached one that is still
 * trusted on an incremental run (no call), a fresh one on a backfill and a restart.
 * <p>
 * Runs before this release decided it in a step of its own, {@code sync-schema}: about 40
 * SQL statements of the job repository's bookkeeping for no work of the database's
 * (tenants benchmark), so it became part of the step that needs it.
 */
final class InboundRun {

	/**
	 * The flow status on which {@code retry-waiting} runs: records of the object type
	 * wait.
	 */
	private static final String RETRY_WAITING = "RETRY_WAITING";

	/**
	 * The flow status on which {@code update-foreign-keys} runs: a foreign key to point.
	 */
	private static final String UPDATE_REFERENCES = "UPDATE_REFERENCES";

	/**
	 * How many times a chunk's write is tried again when the database picked it as a
	 * deadlock's victim.
	 */
	static final int DEADLOCK_RETRIES = 3;

	/** What every run needs from the application. */
	record Context(JobRepository repository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
			OutcomeLog outcomes, DescribeCache describes, BulkPolling polling, JobExecutionListener failures,
			InboundMetrics metrics, ObservationRegistry observations, FirstPages firstPages, int waitingRuns,
			Clock clock, OutboxStore outbox, JsonMapper json) {
	}

	private final Context context;

	private final JobDefinition definition;

	private final AppTable table;

	private final String connectionId;

	private final ConnectionSettings settings;

	private final SalesforceClient client;

	private final Instant from;

	private final Instant to;

	private final boolean backfill;

	private final Map<String, String> columns;

	private @Nullable InboundSchema schema;

	private @Nullable FirstPage handedOver;

	private boolean restarted;

	InboundRun(Context context, JobDefinition definition, AppTable table, String connectionId,
			ConnectionSettings settings, SalesforceClient client, Instant from, Instant to, boolean backfill) {
		this.context = context;
		this.definition = definition;
		this.table = table;
		this.connectionId = connectionId;
		this.settings = settings;
		this.client = client;
		this.from = from;
		this.to = to;
		this.backfill = backfill;
		this.columns = InboundRules.inboundColumns(definition, settings);
	}

	/**
	 * Hands the run the first page of its window that a scheduled poll read just before
	 * launching it: {@code pull-updates} reads it instead of asking Salesforce again.
	 * @return this run
	 */
	InboundRun handOver(@Nullable FirstPage page) {
		this.handedOver = page;
		return this;
	}

	/**
	 * Marks the run as the restart of a failed or stopped execution: it describes afresh.
	 * @param restarted whether an earlier execution of the same run exists
	 * @return this run
	 */
	InboundRun restarted(boolean restarted) {
		this.restarted = restarted;
		return this;
	}

	/**
	 * The first page of the window's changes, asked as {@code pull-updates} of an
	 * incremental run asks it: a scheduled poll's one query call. The poll takes the
	 * describe this session last read, however old, so it costs no describe call; when
	 * the run describes afresh and asks for other fields, it asks Salesforce itself.
	 */
	FirstPage firstPage() {
		JsonNode cached = this.context.describes().cached(this.client, this.definition.salesforceObject()).orElse(null);
		InboundSchema polled = null;
		if (cached != null) {
			try {
				polled = schemaOf(cached);
			}
			catch (SchemaDriftException | IllegalArgumentException ex) {
				// Decided on the describe an incremental run would use.
			}
		}
		this.schema = (polled != null) ? polled : resolveSchema(false);
		return queryReader((page) -> List.of()).firstPage();
	}

	/**
	 * Whether a poll's first page holds nothing this run would change: no record, or only
	 * versions the app already holds (re-reads of the overlap, echoes of outbound writes,
	 * deletes already applied), on a page that is not full. One page enrichment, the one
	 * the run makes of its first page.
	 */
	boolean nothingNew(FirstPage page) {
		List<JsonNode> records = new ArrayList<>();
		page.result().path("records").forEach(records::add);
		if (records.isEmpty()) {
			return true;
		}
		return records.size() < this.definition.sizes().page()
				&& loader().enrich(records).stream().allMatch(InboundItem::alreadySynced);
	}

	/**
	 * The run's job, named like the registered one so the repository sees one job.
	 * {@code retry-waiting} runs only when records of the object type wait for a parent,
	 * and {@code update-foreign-keys} only when a row's foreign key does not point at its
	 * parent, so a run with neither records no step for them.
	 */
	Job job(String name) {
		JobExecutionDecider waiting = (execution,
				step) -> UnwrittenRecords.anyWaiting(this.context.jdbc(), this.connectionId, this.definition.name())
						? new FlowExecutionStatus(RETRY_WAITING) : FlowExecutionStatus.COMPLETED;
		JobExecutionDecider references = (execution, step) -> foreignKeys().anyToUpdate()
				? new FlowExecutionStatus(UPDATE_REFERENCES) : FlowExecutionStatus.COMPLETED;
		return new JobBuilder(name, this.context.repository()).observationRegistry(this.context.observations())
			.listener(this.context.failures())
			.start(pullUpdates())
			.next(waiting)
			.on(RETRY_WAITING)
			.to(retryWaiting())
			.next(references)
			.on(UPDATE_REFERENCES)
			.to(updateForeignKeys())
			.from(references)
			.on("*")
			.end()
			.from(waiting)
			.on("*")
			.to(references)
			.end()
			.build();
	}

	/**
	 * Decides what to read. A cached describe is trusted only on an incremental run that
	 * is not a restart, and only while it has every field the run needs: a field the
	 * connection newly maps may be younger than the cached describe, so a mismatch is
	 * decided again on a fresh one before it fails the run.
	 */
	private InboundSchema resolveSchema(boolean fresh) {
		DescribeCache describes = this.context.describes();
		String object = this.definition.salesforceObject();
		if (fresh) {
			return schemaOf(describes.revalidate(this.client, object));
		}
		JsonNode cached = describes.describe(this.client, object);
		try {
			return schemaOf(cached);
		}
		catch (SchemaDriftException | IllegalArgumentException ex) {
			return schemaOf(describes.revalidate(this.client, object));
		}
	}

	private InboundSchema schemaOf(JsonNode describe) {
		return InboundSchema.of(this.definition, this.columns, describe,
				this.settings.syncRules().get(this.definition.name()), this.context.clock());
	}

	/**
	 * Salesforce refused the query for a field it no longer has: the cached describe is
	 * stale. The run fails with the schema drift a fresh describe shows, and its restart
	 * describes afresh too.
	 */
	private RuntimeException invalidField(SalesforceException refusal) {
		this.context.describes().forget(this.client, this.definition.salesforceObject());
		try {
			schemaOf(this.context.describes().revalidate(this.client, this.definition.salesforceObject()));
		}
		catch (SchemaDriftException drift) {
			drift.addSuppressed(refusal);
			return drift;
		}
		return refusal;
	}

	private Step pullUpdates() {
		int chunk = this.backfill ? this.definition.sizes().backfill() : this.definition.sizes().chunk();
		return recordStep("pull-updates", chunk, !this.backfill, () -> new SchemaCheckedReader<>(this.backfill
				? new SalesforceBulkQueryReader<>("pull-updates", this.client, this.definition.salesforceObject(),
						schema().fields(), this.from, this.to, SalesforceBulkQueryReader.Operation.QUERY_ALL,
						this.definition.sizes().backfill(), loader(true), this.context.polling())
				: queryReader(loader()).handOver(this.handedOver), this::invalidField));
	}

	/**
	 * Decides again the records that wait for a parent, from their stored payloads: those
	 * whose parent has arrived are written, in this run, as created.
	 */
	private Step retryWaiting() {
		return recordStep("retry-waiting", this.definition.sizes().chunk(), true,
				() -> new WaitingReader(unwrittenRecords(), loader(), this.context.waitingRuns(),
						new RecordsById(this.client, this.definition.salesforceObject(), schema())));
	}

	private UnwrittenRecords unwrittenRecords() {
		return new UnwrittenRecords(this.context.jdbc(), this.connectionId, this.definition.name(),
				this.context.clock(), this.context.json());
	}

	/** The window's keyset reader over REST: the incremental run's, and a poll's. */
	private SalesforceQueryReader<InboundItem> queryReader(PageEnricher<InboundItem> enricher) {
		return new SalesforceQueryReader<>("pull-updates", this.client, this.definition.salesforceObject(),
				schema().fields(), this.from, this.to, this.definition.sizes().page(),
				schema().deletable() ? SalesforceQueryReader.Scope.LIVE_AND_DELETED : SalesforceQueryReader.Scope.LIVE,
				enricher);
	}

	/**
	 * A chunk step of Salesforce records through the rules into the app table.
	 * @param pointForeignKeys whether each chunk points the foreign keys of the rows it
	 * writes: the small chunks of an incremental run do, so that its run needs no
	 * {@code update-foreign-keys}; a backfill's and a reconcile's chunks of 50,000 leave
	 * it to that step, whose batches walk the connection's index in order (a 1,000,000
	 * record backfill took 1.28 times its write ceiling with pointing in its chunks, 1.15
	 * without, measured the same day; the target is 1.25)
	 */
	Step recordStep(String name, int chunk, boolean pointForeignKeys,
			java.util.function.Supplier<ItemStreamReader<InboundItem>> reader) {
		InboundProcessor processor = new InboundProcessor();
		UnwrittenRecords unwritten = unwrittenRecords();
		FailedRecordListener failed = new FailedRecordListener(this.context.outcomes(), this.connectionId,
				this.definition.name(), unwritten);
		AppRecordWriter writer = new AppRecordWriter(this.context.jdbc(), this.context.outcomes(), this.connectionId,
				this.definition.name(), this.table, processor, this.context.metrics(), unwritten,
				pointForeignKeys ? new ForeignKeys(this.context.jdbc(), this.table, this.connectionId) : null);
		return step(name).<InboundItem, AppChange>chunk(chunk)
			.transactionManager(this.context.transactionManager())
			.reader(new DeferredReader<>(reader, (item) -> !item.nothingToDo()))
			.processor(processor)
			.writer(writer)
			.listener(processor)
			.listener(failed)
			.faultTolerant()
			.skipPolicy((failure, count) -> failure instanceof InboundRecordException)
			// A deadlock victim's transaction is rolled back whole, so the chunk's write
			// is tried again from the start. A lock wait timeout rolls back only its
			// statement: it fails the run (DATABASE_BUSY), which resumes from its last
			// committed chunk.
			.retry(DeadlockLoserDataAccessException.class)
			.retryLimit(DEADLOCK_RETRIES)
			.skipListener(failed)
			.build();
	}

	Step updateForeignKeys() {
		return step("update-foreign-keys").tasklet(foreignKeys(), this.context.transactionManager()).build();
	}

	private ForeignKeysTasklet foreignKeys() {
		return new ForeignKeysTasklet(new ForeignKeys(this.context.jdbc(), this.table, this.connectionId), this.from);
	}

	/** A step builder whose steps report Spring Batch's observations (Micrometer). */
	StepBuilder step(String name) {
		return new StepBuilder(name, this.context.repository()).observationRegistry(this.context.observations());
	}

	AppStateLoader loader() {
		return loader(false);
	}

	/**
	 * @param firstRead whether the records are read for the first time (a backfill): no
	 * run skipped them before, so their last skips are not looked up
	 */
	private AppStateLoader loader(boolean firstRead) {
		return new AppStateLoader(new NamedParameterJdbcTemplate(this.context.jdbc()), this.connectionId,
				this.definition.name(), this.table, this.columns, this.definition.rules(),
				new InboundRules(this.definition, this.settings, schema().requiredFields(), this.table,
						schema().doNotSync()),
				!firstRead, this.context.json());
	}

	/**
	 * What the run reads, decided on a fresh describe the first time it is asked: a
	 * reconcile run's.
	 */
	InboundSchema freshSchema() {
		if (this.schema == null) {
			this.schema = resolveSchema(true);
		}
		return this.schema;
	}

	/**
	 * What the run reads, decided the first time a step's reader asks: afresh on a
	 * backfill and a restart.
	 */
	private InboundSchema schema() {
		InboundSchema schema = this.schema;
		if (schema == null) {
			schema = resolveSchema(this.backfill || this.restarted);
			this.schema = schema;
		}
		return schema;
	}

}
