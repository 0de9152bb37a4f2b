package dev.sfsync.inbound;

import java.time.Clock;

import dev.sfsync.catalog.Direction;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.operations.LaunchClaims;
import dev.sfsync.operations.RunFailureListener;
import dev.sfsync.outbound.OutboxStore;
import dev.sfsync.outcome.OutcomeLog;
import dev.sfsync.salesforce.BulkPolling;
import dev.sfsync.salesforce.DescribeCache;
import dev.sfsync.store.AppTables;
import dev.sfsync.syncstate.SyncStates;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The inbound, backfill and reconcile jobs of every object type, and how their windows
 * are chosen.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InboundProperties.class)
class InboundConfiguration {

	@Bean
	AppTables appTables(JobCatalog catalog, JdbcTemplate jdbc) {
		return new AppTables(catalog, jdbc);
	}

	@Bean
	FailedRecordsResync failedRecordsResync(JdbcTemplate jdbc, Clock clock) {
		return new FailedRecordsResync(jdbc, clock);
	}

	@Bean
	OutcomeLog outcomeLog(JdbcTemplate jdbc, Clock clock, JsonMapper json) {
		return new OutcomeLog(jdbc, clock, json);
	}

	@Bean
	DescribeCache describeCache(InboundProperties properties, Clock clock) {
		return new DescribeCache(clock, properties.describeTtl());
	}

	@Bean
	InboundLaunches inboundLaunches(JobCatalog catalog, SyncStates states, JobRepository repository,
			ConnectionService connections, InboundProperties properties, Clock clock) {
		return new InboundLaunches(catalog, states, repository, connections, properties, clock);
	}

	@Bean
	InboundRun.Context inboundRunContext(JobRepository repository, PlatformTransactionManager transactionManager,
			JdbcTemplate jdbc, OutcomeLog outcomes, DescribeCache describes, RunFailureListener failures,
			ObjectProvider<MeterRegistry> meters, ObjectProvider<ObservationRegistry> observations,
			InboundProperties properties, Clock clock, OutboxStore outbox, JsonMapper json) {
		return new InboundRun.Context(repository, transactionManager, jdbc, outcomes, describes,
				BulkPolling.standard(clock), failures,
				new InboundMetrics(meters.getIfAvailable(SimpleMeterRegistry::new), clock),
				observations.getIfAvailable(() -> ObservationRegistry.NOOP), new FirstPages(), properties.waitingRuns(),
				clock, outbox, json);
	}

	@Bean
	InboundPolls inboundPolls(JobCatalog catalog, InboundLaunches launches, SyncStates states,
			ConnectionService connections, AppTables tables, InboundRun.Context context,
			ObjectProvider<MeterRegistry> meters, LaunchClaims claims, ReconcileLaunches reconciles) {
		return new InboundPolls(catalog, launches, states, connections, tables, context,
				meters.getIfAvailable(SimpleMeterRegistry::new), claims, reconciles);
	}

	@Bean
	InboundJobFactory inboundJobFactory(InboundRun.Context context, AppTables tables, ConnectionService connections,
			InboundLaunches launches, SyncStates states) {
		return new InboundJobFactory(Direction.INBOUND, context, tables, connections, launches, states);
	}

	@Bean
	ReconcileLaunches reconcileLaunches(JobCatalog catalog, JdbcTemplate jdbc, JobRepository repository,
			ConnectionService connections, Clock clock) {
		return new ReconcileLaunches(catalog, jdbc, repository, connections, clock);
	}

	@Bean
	ReconcileJobFactory reconcileJobFactory(InboundRun.Context context, AppTables tables, ConnectionService connections,
			ReconcileLaunches launches, SyncStates states, InboundProperties properties) {
		return new ReconcileJobFactory(context, tables, connections, launches, states, properties);
	}

	@Bean
	InboundJobFactory backfillJobFactory(InboundRun.Context context, AppTables tables, ConnectionService connections,
			InboundLaunches launches, SyncStates states) {
		return new InboundJobFactory(Direction.BACKFILL, context, tables, connections, launches, states);
	}

}
