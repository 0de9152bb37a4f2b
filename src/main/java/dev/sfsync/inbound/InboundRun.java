package dev.sfsync.inbound;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.catalog.SyncRule;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.outcome.OutcomeLog;
import dev.sfsync.salesforce.BulkPolling;
import dev.sfsync.salesforce.DescribeCache;
import dev.sfsync.salesforce.SalesforceBulkQueryReader;
import dev.sfsync.salesforce.SalesforceClient;
import dev.sfsync.salesforce.SalesforceQueryReader;
import dev.sfsync.store.AppTable;
import org.jspecify.annotations.Nullable;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * One inbound or backfill run of an object type for one connection: the steps built for
 * this job execution alone, so runs for different connections never share readers, rules
 * or state. {@code sync-schema} describes the object and decides what the other steps
 * read; it runs again on a restart, the chunk steps resume after their last committed
 * chunk (a backfill resumes its Bulk job).
 */
final class InboundRun {

	/** What every run needs from the application. */
	record Context(JobRepository repository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
			OutcomeLog outcomes, DescribeCache describes, BulkPolling polling, JobExecutionListener failures,
			InboundMetrics metrics, ObservationRegistry observations) {
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

	/** The run's job, named like the registered one so the repository sees one job. */
	Job job(String name) {
		SimpleJobBuilder job = new JobBuilder(name, this.context.repository())
			.observationRegistry(this.context.observations())
			.listener(this.context.failures())
			.start(syncSchema())
			.next(pullUpdates());
		if (!this.backfill) {
			job.next(pullDeletes());
		}
		if (this.definition.rules().contains(SyncRule.SKIP_CONVERTED_LEADS)) {
			job.next(pullConversions());
		}
		return job.next(updateForeignKeys()).build();
	}

	private Step syncSchema() {
		return step("sync-schema").tasklet((contribution, chunk) -> {
			this.schema = InboundSchema.of(this.definition, this.columns,
					this.context.describes().describe(this.client, this.definition.salesforceObject()),
					this.settings.syncRules().get(this.definition.name()));
			return RepeatStatus.FINISHED;
		}, this.context.transactionManager()).allowStartIfComplete(true).build();
	}

	private Step pullUpdates() {
		int chunk = this.backfill ? this.definition.sizes().backfill() : this.definition.sizes().chunk();
		return recordStep("pull-updates", chunk, () -> this.backfill
				? new SalesforceBulkQueryReader<>("pull-updates", this.client, this.definition.salesforceObject(),
						schema().fields(), this.from, this.to, SalesforceBulkQueryReader.Operation.QUERY_ALL,
						this.definition.sizes().backfill(), loader(), this.context.polling())
				: new SalesforceQueryReader<>("pull-updates", this.client, this.definition.salesforceObject(),
						schema().fields(), this.from, this.to, this.definition.sizes().page(), false, loader()));
	}

	private Step pullDeletes() {
		return recordStep("pull-deletes", this.definition.sizes().chunk(),
				() -> schema().deletable() ? new SalesforceQueryReader<>("pull-deletes", this.client,
						this.definition.salesforceObject(), List.of("IsDeleted", "CreatedDate"), this.from, this.to,
						this.definition.sizes().page(), true, loader()) : new EmptyReader<>());
	}

	/** A chunk step of Salesforce records through the rules into the app table. */
	private Step recordStep(String name, int chunk, java.util.function.Supplier<ItemStreamReader<InboundItem>> reader) {
		InboundProcessor processor = new InboundProcessor(() -> new InboundRules(this.definition, this.settings,
				schema().requiredFields(), this.table, schema().doNotSync()));
		FailedRecordListener failed = new FailedRecordListener(this.context.outcomes(), this.connectionId,
				this.definition.name());
		AppRecordWriter writer = new AppRecordWriter(this.context.jdbc(), this.context.outcomes(), this.connectionId,
				this.definition.name(), this.table, processor, this.context.metrics());
		return step(name).<InboundItem, AppChange>chunk(chunk)
			.transactionManager(this.context.transactionManager())
			.reader(new DeferredReader<>(reader, (item) -> !item.irrelevant()))
			.processor(processor)
			.writer(writer)
			.listener(processor)
			.listener(failed)
			.faultTolerant()
			.skipPolicy((failure, count) -> failure instanceof InboundRecordException)
			.skipListener(failed)
			.build();
	}

	private Step pullConversions() {
		LeadConversions conversions = new LeadConversions(new NamedParameterJdbcTemplate(this.context.jdbc()),
				this.context.outcomes(), this.connectionId, this.definition.name());
		return step("pull-conversions").<LeadConversion, LeadConversion>chunk(this.definition.sizes().chunk())
			.transactionManager(this.context.transactionManager())
			.reader(new DeferredReader<>(
					() -> new SalesforceQueryReader<>("pull-conversions", this.client,
							this.definition.salesforceObject(), List.of("ConvertedContactId", "CreatedDate"), this.from,
							this.to, this.definition.sizes().page(), false, "IsConverted = true", conversions),
					LeadConversion::pending))
			.writer(conversions)
			.build();
	}

	private Step updateForeignKeys() {
		return step("update-foreign-keys")
			.tasklet(new ForeignKeysTasklet(this.context.jdbc(), this.table, this.connectionId, this.from),
					this.context.transactionManager())
			.build();
	}

	/** A step builder whose steps report Spring Batch's observations (Micrometer). */
	private StepBuilder step(String name) {
		return new StepBuilder(name, this.context.repository()).observationRegistry(this.context.observations());
	}

	private AppStateLoader loader() {
		return new AppStateLoader(new NamedParameterJdbcTemplate(this.context.jdbc()), this.connectionId, this.table,
				this.columns, this.definition.rules());
	}

	private InboundSchema schema() {
		InboundSchema schema = this.schema;
		if (schema == null) {
			throw new IllegalStateException(
					"sync-schema has not run for " + this.definition.name() + " of connection " + this.connectionId);
		}
		return schema;
	}

	/** A reader of nothing, for objects without a Recycle Bin. */
	private static final class EmptyReader<T> implements ItemStreamReader<T> {

		@Override
		public @Nullable T read() {
			return null;
		}

	}

}
