package dev.sfsync.syncstate;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sync state, shared by the jobs that write it and the readers, and what sfsync reads
 * of runs in the job repository.
 */
@Configuration(proxyBeanMethods = false)
class SyncStateConfiguration {

	@Bean
	RunRecords runRecords(JdbcTemplate jdbc) {
		return new RunRecords(jdbc);
	}

	@Bean
	SyncStates syncStates(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
		return new SyncStates(jdbc, new TransactionTemplate(transactionManager), clock);
	}

}
