package dev.sfsync.tenancy;

import dev.sfsync.syncstate.RunRecords;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The authorization component, the audit, and the audit of web requests. */
@Configuration(proxyBeanMethods = false)
class TenancyConfiguration {

	@Bean
	AuditLog auditLog(JdbcTemplate jdbc) {
		return new AuditLog(jdbc);
	}

	@Bean
	Endpoints endpoints() {
		return new Endpoints();
	}

	@Bean
	Authorization authorization(Endpoints endpoints, RunRecords records) {
		return new Authorization(endpoints, new RunConnections(records));
	}

	@Bean
	RequestAudit requestAudit(Endpoints endpoints, AuditLog audit) {
		return new RequestAudit(endpoints, audit);
	}

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	WebMvcConfigurer requestAuditInterceptor(RequestAudit audit) {
		return new WebMvcConfigurer() {
			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(audit);
			}
		};
	}

}
