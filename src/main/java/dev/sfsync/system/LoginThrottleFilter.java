package dev.sfsync.system;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of Spring Security's HTTP Basic and form logins: a sign-in attempt that the
 * {@link LoginThrottle} says must wait is answered 429 with {@code Retry-After}, before
 * its password is checked, so that even the right password does not get through.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(LoginThrottleFilter.class);

	/** The form login's defaults, as {@code formLogin(withDefaults())} sets them. */
	private static final RequestMatcher FORM_LOGIN = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/login");

	private static final String USERNAME_PARAMETER = "username";

	private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();

	private final LoginThrottle throttle;

	private final JsonMapper json;

	LoginThrottleFilter(LoginThrottle throttle, JsonMapper json) {
		this.throttle = throttle;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String username = attemptedUsername(request);
		Optional<Duration> wait = (username != null) ? this.throttle.retryAfter(username, request.getRemoteAddr())
				: Optional.empty();
		if (wait.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
		logger.warn("Refused a sign-in as " + LoginThrottleListener.quoted(username) + " from "
				+ request.getRemoteAddr() + " without checking the password: too many failed sign-ins for the user or"
				+ " from the address; answered 429, retry after " + seconds + "s");
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
		ProblemResponses.write(this.json, request, response, HttpStatus.TOO_MANY_REQUESTS,
				"Too many failed sign-ins for this user or from this address. Try again in " + seconds
						+ ((seconds == 1) ? " second." : " seconds."));
	}

	/** The user a request signs in as, with HTTP Basic or the login form, if it does. */
	private @Nullable String attemptedUsername(HttpServletRequest request) {
		if (FORM_LOGIN.matches(request)) {
			return request.getParameter(USERNAME_PARAMETER);
		}
		try {
			var attempt = this.basic.convert(request);
			return (attempt != null) ? attempt.getName() : null;
		}
		catch (AuthenticationException ex) {
			// A malformed header: the Basic filter answers it without checking a
			// password.
			return null;
		}
	}

}
