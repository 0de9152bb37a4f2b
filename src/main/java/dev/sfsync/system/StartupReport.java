package dev.sfsync.system;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.sfsync.catalog.JobCatalog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says, once the service is up, where to look: the address, the database and the jobs.
 */
@Component
class StartupReport {

	private static final Log logger = LogFactory.getLog(StartupReport.class);

	private final DataSource dataSource;

	private final JobCatalog catalog;

	private final JobRegistry registry;

	private final SecurityProperties security;

	private final EmbeddedDatabaseProperties embeddedDatabase;

	StartupReport(DataSource dataSource, JobCatalog catalog, JobRegistry registry, SecurityProperties security,
			EmbeddedDatabaseProperties embeddedDatabase) {
		this.dataSource = dataSource;
		this.catalog = catalog;
		this.registry = registry;
		this.security = security;
		this.embeddedDatabase = embeddedDatabase;
	}

	@EventListener
	void ready(ApplicationReadyEvent event) {
		if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
			return;
		}
		String database = (this.dataSource instanceof HikariDataSource hikari) ? hikari.getJdbcUrl() : "(DataSource)";
		// Only the local default's demo user is printed; real passwords are never logged.
		String login = this.security.users()
			.stream()
			.filter((user) -> this.embeddedDatabase.enabled())
			.filter((user) -> user.password().startsWith("{noop}"))
			.findFirst()
			.map((user) -> " Demo login: " + user.username() + " / " + user.password().substring("{noop}".length())
					+ ".")
			.orElse("");
		logger.info("sfsync is up at http://localhost:" + web.getWebServer().getPort() + "/ (health: /actuator/health)."
				+ login + " Database: " + database + ". Job catalog: " + this.catalog.definitions().size()
				+ " object types; jobs: " + new java.util.TreeSet<>(this.registry.getJobNames()) + ".");
	}

}
