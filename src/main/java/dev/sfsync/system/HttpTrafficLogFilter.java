package dev.sfsync.system;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;

/**
 * Drops DEBUG and TRACE events of the loggers that write HTTP traffic as it is, whatever
 * level is configured: their requests carry {@code Authorization} headers, sign-in forms
 * and Salesforce tokens. sfsync's own log lines never show a secret; this keeps the
 * servers, clients and frameworks it does not own from showing one when someone turns
 * logging up. Registered in {@code logback-spring.xml}; INFO and above pass.
 */
public class HttpTrafficLogFilter extends TurboFilter {

	/** The loggers (and their children) that are never allowed below INFO. */
	static final List<String> HTTP_TRAFFIC_LOGGERS = List.of(
			// Tomcat: raw request lines, headers and bodies (http11), HTTP/2 headers.
			"org.apache.coyote",
			// Tomcat: query strings and form bodies as parsed, cookies.
			"org.apache.tomcat.util.http",
			// Tomcat: requested session ids.
			"org.apache.catalina.connector",
			// Spring MVC: request and response bodies, controller arguments, and
			// resolved exceptions whose messages quote what a request sent.
			"org.springframework.web.method", "org.springframework.web.servlet.mvc.method.annotation",
			"org.springframework.web.servlet.mvc.support", "org.springframework.web.filter.CommonsRequestLoggingFilter",
			// RestClient and RestTemplate: request and response bodies.
			"org.springframework.web.client",
			// The JDK HTTP client (RestClient's here) and HttpURLConnection: headers.
			"jdk.internal.httpclient", "jdk.httpclient", "sun.net.www.protocol.http",
			// Apache HttpClient 5 and 4, Jetty and Reactor Netty clients: wire logs.
			"org.apache.hc.client5.http.wire", "org.apache.hc.client5.http.headers", "org.apache.http.wire",
			"org.apache.http.headers", "org.eclipse.jetty.client", "reactor.netty.http.client");

	@Override
	public FilterReply decide(@Nullable Marker marker, Logger logger, @Nullable Level level, @Nullable String format,
			@Nullable Object @Nullable [] params, @Nullable Throwable thrown) {
		if (level != null && !level.isGreaterOrEqual(Level.INFO) && carriesHttpTraffic(logger.getName())) {
			return FilterReply.DENY;
		}
		return FilterReply.NEUTRAL;
	}

	static boolean carriesHttpTraffic(String loggerName) {
		for (String traffic : HTTP_TRAFFIC_LOGGERS) {
			if (loggerName.startsWith(traffic) && (loggerName.length() == traffic.length()
					|| loggerName.charAt(traffic.length()) == '.' || loggerName.charAt(traffic.length()) == '$')) {
				return true;
			}
		}
		return false;
	}

}
