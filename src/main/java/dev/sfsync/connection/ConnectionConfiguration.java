package dev.sfsync.connection;

import java.time.Clock;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.salesforce.SalesforceAuthenticator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * Connections, their credential encryption and the Salesforce sign-in they share. Turns
 * on {@code @Scheduled} for the API call counts' flush.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ConnectionConfiguration {

	/** Signs in only at Salesforce's login servers and the configured ones. */
	@Bean
	SalesforceAuthenticator salesforceAuthenticator(RestClient.Builder http, ConnectionsProperties properties,
			Clock clock, JsonMapper json) {
		return new SalesforceAuthenticator(http, clock, properties.loginUrls(), json);
	}

	@Bean
	ConnectionCommand connectionCommand(ConnectionService connections, JsonMapper json) {
		return new ConnectionCommand(connections, json);
	}

	@Bean
	ApiCalls apiCalls(JdbcClient jdbc, Clock clock) {
		return new ApiCalls(jdbc, clock);
	}

	@Bean
	ConnectionService connectionService(JdbcClient jdbc, CredentialsProperties credentials,
			ConnectionsProperties connections, JobCatalog catalog, SalesforceAuthenticator authenticator,
			RestClient.Builder http, ObjectProvider<MeterRegistry> meters, ApplicationEventPublisher events,
			ApiCalls apiCalls, PlatformTransactionManager transactions, Clock clock, JsonMapper json) {
		TransactionTemplate ownTransaction = new TransactionTemplate(transactions);
		ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		SecretRoots roots = SecretRoots.of(credentials.allowedRoots());
		return new ConnectionService(new ConnectionRepository(jdbc, json),
				new CredentialCipher(credentials.key(), json), new SecretReference(System::getenv, roots),
				authenticator, http, json, meters.getIfAvailable(SimpleMeterRegistry::new), events,
				new ConnectionInputs(connections.loginUrls(), roots, catalog), connections.usageRecheck(), apiCalls,
				clock, ownTransaction);
	}

}
