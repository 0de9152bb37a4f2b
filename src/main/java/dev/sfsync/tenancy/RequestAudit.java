package dev.sfsync.tenancy;

import java.io.IOException;
import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Answers and audits the requests {@link Authorization} refuses (404 for another tenant's
 * resource, 403 for a missing role or CSRF token), and audits every state-changing call
 * that was let through once it has been answered.
 */
class RequestAudit implements AccessDeniedHandler, HandlerInterceptor {

	private static final Log logger = LogFactory.getLog(RequestAudit.class);

	private final Endpoints endpoints;

	private final AuditLog audit;

	RequestAudit(Endpoints endpoints, AuditLog audit) {
		this.endpoints = endpoints;
		this.audit = audit;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		boolean hidden = denied instanceof AuthorizationDeniedException authorization
				&& authorization.getAuthorizationResult() instanceof Authorization.Denial denial && denial.hidden();
		String reason = (denied instanceof AuthorizationDeniedException authorization
				&& authorization.getAuthorizationResult() instanceof Authorization.Denial denial) ? denial.reason()
						: denied.getMessage();
		if (changes(request)) {
			String action = this.endpoints.match(request.getMethod(), Endpoints.path(request))
				.map((match) -> match.rule().action())
				.orElse(null);
			this.audit.record(actor(request), (action != null) ? action : request.getMethod(), connection(request),
					null, null, AuditLog.Outcome.DENIED, request.getMethod() + " " + Endpoints.path(request) + ": "
							+ (hidden ? "404" : "403") + ", " + reason);
		}
		logger.debug("Refused " + request.getMethod() + " " + Endpoints.path(request) + " for " + actor(request) + ": "
				+ reason);
		if (hidden) {
			// Exactly what a resource that does not exist answers.
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		}
		else {
			response.sendError(HttpServletResponse.SC_FORBIDDEN, "Forbidden");
		}
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable Exception ex) {
		if (!changes(request)) {
			return;
		}
		Endpoints.Match match = this.endpoints.match(request.getMethod(), Endpoints.path(request)).orElse(null);
		if (match == null || match.rule().action() == null || match.rule().auditedByService()) {
			return;
		}
		int status = (ex != null) ? 500 : response.getStatus();
		AuditLog.Outcome outcome = (status < 400) ? AuditLog.Outcome.DONE : (status == 403 || status == 404)
				? AuditLog.Outcome.DENIED : (status < 500) ? AuditLog.Outcome.REJECTED : AuditLog.Outcome.FAILED;
		Object detail = request.getAttribute(AuditLog.DETAIL_ATTRIBUTE);
		this.audit.record(actor(request), match.rule().action(), connection(request), run(match), null, outcome,
				request.getMethod() + " " + Endpoints.path(request) + ": " + status
						+ ((detail != null) ? ", " + detail : ""));
	}

	/**
	 * Whether a request changes state: every method but GET, HEAD and OPTIONS, and a GET
	 * the endpoints give an action (the OAuth callback, which a redirect must reach).
	 */
	private boolean changes(HttpServletRequest request) {
		if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")
				&& !request.getMethod().equals("OPTIONS")) {
			return true;
		}
		return request.getMethod().equals("GET") && this.endpoints.match("GET", Endpoints.path(request))
			.map((match) -> match.rule().action() != null)
			.orElse(false);
	}

	private static String actor(HttpServletRequest request) {
		Principal user = request.getUserPrincipal();
		return (user != null) ? user.getName() : "anonymous";
	}

	private static @Nullable String connection(HttpServletRequest request) {
		Object connection = request.getAttribute(Authorization.CONNECTION_ATTRIBUTE);
		return (connection != null) ? connection.toString() : null;
	}

	private static @Nullable Long run(Endpoints.Match match) {
		return (match.rule().resource() == Endpoints.Resource.RUN && RunConnections.isRunId(match.target()))
				? Long.valueOf(match.target()) : null;
	}

}
