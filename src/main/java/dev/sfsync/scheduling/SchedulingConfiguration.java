package dev.sfsync.scheduling;

import java.time.Clock;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.connection.ConnectionChanged;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.syncstate.SyncStates;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.quartz.Scheduler;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The inbound schedules, kept in step with the connections and the job catalog. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulingProperties.class)
class SchedulingConfiguration {

	@Bean
	InboundSchedules inboundSchedules(Scheduler scheduler, ConnectionService connections, JobCatalog catalog,
			JobRegistry registry, PlatformTransactionManager transactionManager) {
		return new InboundSchedules(scheduler, connections, catalog, registry,
				new TransactionTemplate(transactionManager));
	}

	@Bean
	ScheduledLaunches scheduledLaunches(JobRepository repository, JobRegistry registry, SyncStates states,
			SchedulingProperties properties, ObjectProvider<MeterRegistry> meters) throws Exception {
		return new ScheduledLaunches(repository, registry, states, properties,
				meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	ScheduleMetrics scheduleMetrics(ObjectProvider<MeterRegistry> meters, Clock clock) {
		return new ScheduleMetrics(meters.getIfAvailable(SimpleMeterRegistry::new), clock);
	}

	@Bean
	ScheduleReconciler scheduleReconciler(InboundSchedules schedules) {
		return new ScheduleReconciler(schedules);
	}

	/** Reconciles all schedules at startup and one connection's when it changes. */
	static final class ScheduleReconciler {

		private static final Log logger = LogFactory.getLog(ScheduleReconciler.class);

		private final InboundSchedules schedules;

		ScheduleReconciler(InboundSchedules schedules) {
			this.schedules = schedules;
		}

		@EventListener(ApplicationReadyEvent.class)
		void atStartup() {
			this.schedules.reconcileAll();
		}

		@EventListener
		void connectionChanged(ConnectionChanged event) {
			try {
				this.schedules.reconcile(event.connectionId());
			}
			catch (RuntimeException ex) {
				// The change itself is saved; the next startup's reconciliation catches
				// up.
				logger.error("Cannot update the inbound schedules of connection " + event.connectionId()
						+ " after it changed; they are reconciled at the next startup", ex);
			}
		}

	}

}
