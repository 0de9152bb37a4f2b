package dev.sfsync.outbound;

import java.time.Clock;

import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.outbound.OutboxEntry.Operation;
import dev.sfsync.outcome.OutcomeLog;
import dev.sfsync.salesforce.BulkPolling;
import dev.sfsync.salesforce.SalesforceClient;
import dev.sfsync.store.AppTable;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * One outbound run of an object type for one connection and outbox id range: the steps
 * {@code push-new}, {@code push-updates} and {@code push-deletes}, built for this job
 * execution alone. Each chunk reads outbox rows, maps them and writes them to Salesforce,
 * and commits their outcomes, counters, outbox statuses and the checkpoint together.
 */
final class OutboundRun {

	/** What every run needs from the application. */
	record Context(JobRepository repository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
			OutcomeLog outcomes, BulkPolling polling, JobExecutionListener failures, OutboundProperties properties,
			Clock clock) {
	}

	private final Context context;

	private final JobDefinition definition;

	private final AppTable table;

	private final String connectionId;

	private final ConnectionSettings settings;

	private final SalesforceClient client;

	private final long from;

	private final long to;

	OutboundRun(Context context, JobDefinition definition, AppTable table, String connectionId,
			ConnectionSettings settings, SalesforceClient client, long from, long to) {
		this.context = context;
		this.definition = definition;
		this.table = table;
		this.connectionId = connectionId;
		this.settings = settings;
		this.client = client;
		this.from = from;
		this.to = to;
	}

	/** The run's job, named like the registered one so the repository sees one job. */
	Job job(String name) {
		return new JobBuilder(name, this.context.repository()).listener(this.context.failures())
			.start(push("push-new", Operation.INSERT))
			.next(push("push-updates", Operation.UPDATE))
			.next(push("push-deletes", Operation.DELETE))
			.build();
	}

	private Step push(String name, Operation operation) {
		OutboundMapper mapper = new OutboundMapper(this.definition, this.table.name(), this.settings);
		OutboxStore outbox = new OutboxStore(this.context.jdbc());
		OutboundWriter writer = new OutboundWriter(outbox, this.context.outcomes(),
				new OutboundSender(this.client, this.context.polling(), this.definition, this.context.properties()),
				this.connectionId, this.definition, this.table, mapper, this.context.properties());
		int chunk = this.context.properties().chunk();
		return new StepBuilder(name, this.context.repository()).<OutboxEntry, OutboundRecord>chunk(chunk)
			.transactionManager(this.context.transactionManager())
			.reader(new OutboxReader(name, outbox, new NamedParameterJdbcTemplate(this.context.jdbc()),
					this.connectionId, this.definition.name(), this.table, operation, this.from, this.to, chunk))
			.processor(mapper)
			.writer(writer)
			.listener(mapper)
			.listener(writer)
			.build();
	}

}
