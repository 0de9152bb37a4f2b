package dev.sfsync.emulator;

import java.time.Clock;

import dev.sfsync.catalog.JobCatalog;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.filter.UrlHandlerFilter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The emulator's own web context: only the web server, Spring MVC and Jackson, none of
 * sfsync's database, batch or security. It is started apart from sfsync's context, on its
 * own port, with sfsync's job catalog, whose custom objects every org has.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
		WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
		HttpEncodingAutoConfiguration.class })
// LocalEmulatorAutoConfiguration belongs to sfsync's context, not to the emulator's.
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = AutoConfiguration.class))
class EmulatorConfiguration {

	private final EmulatorProperties properties;

	private final JobCatalog jobs;

	EmulatorConfiguration(EmulatorProperties properties, JobCatalog jobs) {
		this.properties = properties;
		this.jobs = jobs;
	}

	@Bean
	Clock emulatorClock() {
		return Clock.systemUTC();
	}

	@Bean
	Orgs orgs() {
		return new Orgs(this.properties.dailyApiRequests(), this.jobs);
	}

	@Bean
	Sessions sessions(Clock clock) {
		return new Sessions(clock, this.properties.sessionTimeout());
	}

	@Bean
	RecordWriter recordWriter(Clock clock) {
		return new RecordWriter(clock);
	}

	@Bean
	ValidationRules validationRules(Clock clock) {
		return new ValidationRules(clock);
	}

	@Bean
	QueryCursors queryCursors(Clock clock) {
		return new QueryCursors(clock);
	}

	@Bean
	Faults faults() {
		return new Faults();
	}

	@Bean
	ApiGate apiGate(Orgs orgs, Sessions sessions, Faults faults) {
		return new ApiGate(orgs, sessions, faults);
	}

	/**
	 * Salesforce answers {@code …/describe/} and {@code …/describe} alike; clients use
	 * both.
	 */
	@Bean
	UrlHandlerFilter trailingSlashFilter() {
		return UrlHandlerFilter.trailingSlashHandler("/**").wrapRequest().build();
	}

	@Bean
	WebMvcConfigurer apiGateRegistration(ApiGate gate) {
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(gate).addPathPatterns("/services/data/*", "/services/data/*/**");
			}

		};
	}

}
