package dev.sfsync.system;

import java.net.URL;
import java.nio.file.Path;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loggers that write raw HTTP traffic log nothing below INFO, whatever level is
 * configured; every other logger keeps its level. {@code logback-spring.xml} registers
 * the filter on top of Spring Boot's console and file defaults.
 */
class HttpTrafficLogFilterTests {

	private final LoggerContext context = new LoggerContext();

	@TempDir
	Path folder;

	private final ListAppender<ILoggingEvent> events = new ListAppender<>();

	HttpTrafficLogFilterTests() {
		this.context.addTurboFilter(new HttpTrafficLogFilter());
		this.events.setContext(this.context);
		this.events.start();
		Logger root = this.context.getLogger(Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.TRACE);
		root.addAppender(this.events);
	}

	@Test
	void tomcatsRequestDumpIsDroppedAtTraceAndDebugButItsWarningsPass() {
		Logger tomcat = this.context.getLogger("org.apache.coyote.http11.Http11InputBuffer");
		tomcat.trace("Received [GET / HTTP/1.1\nAuthorization: Basic YWRtaW46aHVudGVyMg==]");
		tomcat.debug("Received [POST /login HTTP/1.1\n\nusername=admin&password=hunter2]");
		tomcat.warn("The request line was too long");
		assertThat(this.events.list).extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly("The request line was too long");
		assertThat(tomcat.isDebugEnabled()).isFalse();
		assertThat(tomcat.isInfoEnabled()).isTrue();
	}

	@Test
	void bodyLoggingOfRestClientAndSpringMvcAndTheJdkClientIsDropped() {
		for (String name : new String[] { "org.springframework.web.client.DefaultRestClient",
				"org.springframework.web.method.HandlerMethod",
				"org.springframework.web.servlet.mvc.method.annotation.RequestResponseBodyMethodProcessor",
				"org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver",
				"org.apache.tomcat.util.http.Parameters", "jdk.internal.httpclient.debug",
				"org.apache.hc.client5.http.wire", "sun.net.www.protocol.http.HttpURLConnection" }) {
			this.context.getLogger(name).debug("Writing [client_secret=hunter2]");
		}
		assertThat(this.events.list).isEmpty();
	}

	@Test
	void otherLoggersKeepTheirDebugAndTraceEvenWhenTheirNamesStartAlike() {
		this.context.getLogger("dev.sfsync.salesforce.SalesforceAuthenticator").debug("Signing in");
		this.context.getLogger("org.springframework.web.servlet.DispatcherServlet").trace("Completed 200 OK");
		this.context.getLogger("org.apache.coyotes.Elsewhere").debug("Not Tomcat's");
		this.context.getLogger("org.springframework.web.clientele.Other").debug("Not RestClient's");
		assertThat(this.events.list).extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly("Signing in", "Completed 200 OK", "Not Tomcat's", "Not RestClient's");
	}

	@Test
	void theLoggingConfigurationAddsTheFilterAndAFileOnlyWhenOneIsSet() throws Exception {
		LoggerContext consoleOnly = configured(null);
		assertThat(consoleOnly.getTurboFilterList()).hasAtLeastOneElementOfType(HttpTrafficLogFilter.class);
		Logger root = consoleOnly.getLogger(Logger.ROOT_LOGGER_NAME);
		assertThat(root.getLevel()).isEqualTo(Level.INFO);
		assertThat(root.getAppender("CONSOLE")).isNotNull();
		assertThat(root.getAppender("FILE")).isNull();
		LoggerContext withFile = configured(this.folder.resolve("sfsync.log").toString());
		assertThat(withFile.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("FILE")).isNotNull();
		assertThat(withFile.getTurboFilterList()).hasAtLeastOneElementOfType(HttpTrafficLogFilter.class);
		withFile.stop();
	}

	/**
	 * A logger context configured from {@code logback-spring.xml}, as Spring Boot would.
	 */
	private static LoggerContext configured(String logFile) throws Exception {
		LoggerContext configured = new LoggerContext();
		if (logFile != null) {
			// What Spring Boot sets from logging.file.name.
			configured.putProperty("LOG_FILE", logFile);
		}
		JoranConfigurator configurator = new JoranConfigurator();
		configurator.setContext(configured);
		URL configuration = HttpTrafficLogFilterTests.class.getResource("/logback-spring.xml");
		configurator.doConfigure(configuration);
		assertThat(configured.getStatusManager().getCopyOfStatusList())
			.noneMatch((status) -> status.getLevel() >= ch.qos.logback.core.status.Status.WARN);
		return configured;
	}

}
