package dev.sfsync.outbound;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.operations.LaunchClaims;
import dev.sfsync.operations.RunFailureListener;
import dev.sfsync.outcome.OutcomeLog;
import dev.sfsync.salesforce.BulkPolling;
import dev.sfsync.store.AppTables;
import dev.sfsync.syncstate.SyncStates;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.launch.JobLaunchRequest;
import org.springframework.batch.integration.launch.JobLaunchingGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;
import org.springframework.integration.handler.advice.AbstractRequestHandlerAdvice;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The outbound jobs and their dispatch: a Spring Integration poller claims pending outbox
 * rows every {@code sfsync.outbound.poll-interval}, and each claimed connection and
 * object type is launched through a {@link JobLaunchingGateway} on a pool of
 * {@code sfsync.outbound.concurrency} threads, its claim released when the run ends.
 */
@Configuration(proxyBeanMethods = false)
@EnableIntegration
@EnableConfigurationProperties(OutboundProperties.class)
class OutboundConfiguration {

	@Bean
	OutboundRun.Context outboundRunContext(JobRepository repository, PlatformTransactionManager transactionManager,
			JdbcTemplate jdbc, OutcomeLog outcomes, RunFailureListener failures, OutboundProperties properties,
			Clock clock) {
		return new OutboundRun.Context(repository, transactionManager, jdbc, outcomes, BulkPolling.standard(clock),
				failures, properties, clock);
	}

	@Bean
	OutboundJobFactory outboundJobFactory(OutboundRun.Context context, AppTables tables, ConnectionService connections,
			SyncStates states) {
		return new OutboundJobFactory(context, tables, connections, states);
	}

	@Bean
	OutboxDispatcher outboxDispatcher(JdbcTemplate jdbc, JobCatalog catalog, JobRegistry registry,
			OutboundProperties properties, LaunchClaims claims, OutboxTriggers triggers) {
		String owner = ManagementFactory.getRuntimeMXBean().getName() + "/"
				+ UUID.randomUUID().toString().substring(0, 8);
		return new OutboxDispatcher(jdbc, catalog, registry, properties, owner, claims);
	}

	/** Made before the dispatcher: no app change goes uncaptured once sfsync runs. */
	@Bean
	OutboxTriggers outboxTriggers(JdbcTemplate jdbc, JobCatalog catalog, AppTables tables) {
		OutboxTriggers triggers = new OutboxTriggers(jdbc);
		triggers.ensure(catalog, tables);
		return triggers;
	}

	@Bean
	OutboxStore outboxStore(JdbcTemplate jdbc) {
		return new OutboxStore(jdbc);
	}

	@Bean
	OutboxRequeue outboxRequeue(OutboxStore outbox) {
		return new OutboxRequeue(outbox);
	}

	@Bean
	ThreadPoolTaskExecutor outboundRunExecutor(OutboundProperties properties) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix("outbound-");
		executor.setCorePoolSize(properties.concurrency());
		executor.setMaxPoolSize(properties.concurrency());
		// Runs finish their chunk before the process ends; unfinished ones restart later.
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(30);
		return executor;
	}

	@Bean
	IntegrationFlow outboxDispatch(OutboxDispatcher dispatcher, JobOperator operator,
			ThreadPoolTaskExecutor outboundRunExecutor, OutboundProperties properties) {
		return IntegrationFlow
			.fromSupplier(dispatcher::claim,
					(source) -> source.poller(Pollers.fixedDelay(properties.pollInterval()))
						.autoStartup(properties.dispatch()))
			.split()
			.channel((channels) -> channels.executor(outboundRunExecutor))
			.handle(new JobLaunchingGateway(operator), (gateway) -> gateway.advice(new ReleaseClaim(dispatcher)))
			.handle(JobExecution.class, (execution, headers) -> {
				dispatcher.finished(execution);
				return null;
			})
			.get();
	}

	/** Releases a run's claim when its launch returns or throws. */
	static final class ReleaseClaim extends AbstractRequestHandlerAdvice {

		private final OutboxDispatcher dispatcher;

		ReleaseClaim(OutboxDispatcher dispatcher) {
			this.dispatcher = dispatcher;
		}

		@Override
		protected Object doInvoke(ExecutionCallback callback, Object target, Message<?> message) {
			boolean completed = false;
			try {
				Object reply = callback.execute();
				Object execution = (reply instanceof Message<?> replyMessage) ? replyMessage.getPayload() : reply;
				completed = execution instanceof JobExecution run && run.getStatus() == BatchStatus.COMPLETED;
				return reply;
			}
			finally {
				this.dispatcher.release((JobLaunchRequest) message.getPayload(), completed);
			}
		}

	}

}
