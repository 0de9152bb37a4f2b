package dev.sfsync.syncstate;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The sync state's one bean, shared by the jobs that write it and the readers. */
@Configuration(proxyBeanMethods = false)
class SyncStateConfiguration {

	@Bean
	SyncStates syncStates(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
		return new SyncStates(jdbc, new TransactionTemplate(transactionManager), Clock.systemUTC());
	}

}
