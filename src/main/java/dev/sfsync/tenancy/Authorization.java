package dev.sfsync.tenancy;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The one place that decides who may call what, for every request: the endpoint's rule in
 * {@link Endpoints} says which role it needs (a missing role answers 403) and which
 * connection or run it touches; a connection or run of a connection the user does not
 * reach answers 404, exactly as if it did not exist. A request that no rule classifies is
 * refused. Controllers call it for what only the request body says (a run to start, a
 * credentials reference); the signed-in user's {@link Tenant} limits their queries.
 */
public class Authorization implements AuthorizationManager<RequestAuthorizationContext> {

	/**
	 * The request attribute that holds the connection a request touches, for the audit.
	 */
	static final String CONNECTION_ATTRIBUTE = Authorization.class.getName() + ".connection";

	private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);

	private final Endpoints endpoints;

	private final RunConnections runs;

	private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

	Authorization(Endpoints endpoints, RunConnections runs) {
		this.endpoints = endpoints;
		this.runs = runs;
	}

	/**
	 * A refusal: {@code hidden} answers 404 (the resource is another tenant's or does not
	 * exist), otherwise 403 (the user lacks the role).
	 */
	static final class Denial extends AuthorizationDecision {

		private final boolean hidden;

		private final String reason;

		Denial(boolean hidden, String reason) {
			super(false);
			this.hidden = hidden;
			this.reason = reason;
		}

		boolean hidden() {
			return this.hidden;
		}

		String reason() {
			return this.reason;
		}

	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends @Nullable Authentication> authentication,
			RequestAuthorizationContext context) {
		HttpServletRequest request = context.getRequest();
		// Forwards, error pages and async dispatches continue a request already decided.
		if (request.getDispatcherType() != DispatcherType.REQUEST) {
			return GRANTED;
		}
		Optional<Endpoints.Match> match = this.endpoints.match(request.getMethod(), Endpoints.path(request));
		if (match.isEmpty()) {
			return new Denial(false, "no rule classifies " + request.getMethod() + " " + Endpoints.path(request));
		}
		Endpoints.Rule rule = match.get().rule();
		if (rule.isPublic()) {
			return GRANTED;
		}
		Authentication user = authentication.get();
		if (user == null || !user.isAuthenticated() || this.trust.isAnonymous(user)) {
			return new Denial(false, "not signed in");
		}
		Tenant tenant = Tenant.of(user);
		String target = match.get().target();
		String connection = switch (rule.resource()) {
			case NONE -> null;
			case CONNECTION -> target;
			case RUN -> this.runs.connectionOf(target);
		};
		if (connection != null) {
			request.setAttribute(CONNECTION_ATTRIBUTE, connection);
		}
		if (rule.role() != null && !tenant.has(rule.role())) {
			return new Denial(false, "needs the " + rule.role() + " role");
		}
		return switch (rule.resource()) {
			case NONE -> GRANTED;
			case CONNECTION ->
				tenant.reaches(connection) ? GRANTED : new Denial(true, "connection " + target + " is not theirs");
			// A bad run id reaches no run: the controller answers 400. The platform
			// also reaches runs of no connection (system jobs), and the controller
			// tells it when a run does not exist.
			case RUN -> (!RunConnections.isRunId(target) || tenant.all() || tenant.reaches(connection)) ? GRANTED
					: new Denial(true, "run " + target + " is not theirs");
		};
	}

	/**
	 * Requires a role on a connection named in a request body: another tenant's
	 * connection (or none) answers 404, a missing role 403.
	 */
	public void requireConnection(Authentication authentication, Role role, @Nullable String connectionId) {
		Tenant tenant = Tenant.of(authentication);
		if (!tenant.has(role)) {
			throw new AccessDeniedException("needs the " + role + " role");
		}
		if (!tenant.reaches(connectionId)) {
			throw new AuthorizationDeniedException("Not found",
					new Denial(true, "connection " + connectionId + " is not theirs"));
		}
	}

	/** Requires the PLATFORM role for what a request body asks: 403 otherwise. */
	public void requirePlatform(Authentication authentication, String what) {
		if (!Tenant.of(authentication).has(Role.PLATFORM)) {
			throw new AccessDeniedException(what + " is for the platform's operators only");
		}
	}

}
