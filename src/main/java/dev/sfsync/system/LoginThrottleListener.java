package dev.sfsync.system;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Feeds the {@link LoginThrottle} from Spring Security's authentication events (HTTP
 * Basic and form login: a username and password), and logs each failed sign-in with the
 * user and address, never the password.
 */
class LoginThrottleListener {

	private static final Log logger = LogFactory.getLog(LoginThrottleListener.class);

	private final LoginThrottle throttle;

	LoginThrottleListener(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	@EventListener
	void failed(AuthenticationFailureBadCredentialsEvent event) {
		if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken attempt)) {
			return;
		}
		String address = address(attempt);
		LoginThrottle.Failed failed = this.throttle.failed(attempt.getName(), address);
		logger.warn("Failed sign-in as " + quoted(attempt.getName()) + " from " + address + " (failures in a row: "
				+ failed.userFailures() + " for the user, " + failed.addressFailures() + " from the address); "
				+ (failed.backoff().isZero() ? "the next attempt need not wait"
						: "the next attempts are refused for " + failed.backoff().toSeconds() + "s"));
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken) {
			this.throttle.succeeded(event.getAuthentication().getName());
		}
	}

	private static @Nullable String address(Authentication attempt) {
		return (attempt.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress() : null;
	}

	/**
	 * A username as typed, for the log: quoted, at most 64 characters, line breaks and
	 * other control characters replaced, so that it cannot forge log lines.
	 */
	static String quoted(@Nullable String username) {
		if (username == null) {
			return "(no username)";
		}
		String shown = (username.length() > 64) ? username.substring(0, 64) + "…" : username;
		return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
	}

}
