package dev.sfsync.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every endpoint sfsync serves, classified: the role it needs, the connection or run its
 * {@code {id}} names, and for a state-changing call the action the audit records. A
 * request that matches no rule is refused, and a test fails for any mapping no rule
 * classifies, so a new endpoint must be added here.
 */
public final class Endpoints {

	/** What the {@code {id}} of an endpoint's path names. */
	public enum Resource {

		NONE, CONNECTION, RUN

	}

	/**
	 * One endpoint.
	 *
	 * @param method the HTTP method, {@code *} for any (HEAD is served as GET)
	 * @param pattern the path pattern; {@code {id}} names the resource
	 * @param isPublic whether it answers without sign-in
	 * @param role the role it needs; none: any signed-in user
	 * @param resource what {@code {id}} names
	 * @param action what the audit calls a state-changing call, {@code null} for reads
	 * @param auditedByService whether the service records the call in the audit itself
	 * (with more detail) instead of the request audit
	 */
	public record Rule(String method, String pattern, boolean isPublic, @Nullable Role role, Resource resource,
			@Nullable String action, boolean auditedByService) {

		boolean matchesMethod(String requestMethod) {
			return this.method.equals("*") || this.method.equals(requestMethod)
					|| (this.method.equals("GET") && requestMethod.equals("HEAD"));
		}

	}

	/** A request's rule and the value of its {@code {id}}, if it has one. */
	record Match(Rule rule, @Nullable String target) {
	}

	private record Compiled(Rule rule, PathPattern pattern) {
	}

	private final List<Compiled> rules = new ArrayList<>();

	Endpoints() {
		PathPatternParser parser = new PathPatternParser();
		for (Rule rule : table()) {
			this.rules.add(new Compiled(rule, parser.parse(rule.pattern())));
		}
	}

	private static List<Rule> table() {
		List<Rule> rules = new ArrayList<>();
		// Kubernetes probes: UP or DOWN only.
		rules.add(new Rule("GET", "/actuator/health/liveness", true, null, Resource.NONE, null, false));
		rules.add(new Rule("GET", "/actuator/health/readiness", true, null, Resource.NONE, null, false));
		// Metrics show every connection's series: the platform or a scraper only.
		for (String path : List.of("/actuator", "/actuator/health", "/actuator/health/{*path}", "/actuator/info",
				"/actuator/prometheus")) {
			rules.add(read(path, Role.METRICS, Resource.NONE));
		}
		// The sync activity page and its API.
		for (String path : List.of("/", "/index.html", "/activity.css", "/activity.js", "/favicon.svg",
				"/api/activity/filters", "/api/activity/overview", "/api/activity/rate-limits", "/api/activity/runs",
				"/api/activity/health", "/api/activity/errors.csv")) {
			rules.add(read(path, Role.ADMIN, Resource.NONE));
		}
		rules.add(new Rule("GET", "/api/activity/me", false, null, Resource.NONE, null, false));
		rules.add(read("/api/activity/runs/{id}", Role.ADMIN, Resource.RUN));
		rules.add(read("/api/activity/runs/{id}/records", Role.ADMIN, Resource.RUN));
		rules.add(change("POST", "/api/activity/runs/{id}/stop", Role.OPERATOR, Resource.RUN, "stop", false));
		rules.add(change("POST", "/api/activity/runs/{id}/restart", Role.OPERATOR, Resource.RUN, "restart", false));
		rules.add(change("POST", "/api/activity/runs/{id}/resync", Role.OPERATOR, Resource.RUN, "resync", false));
		// Connections: the platform creates and deletes them; a tenant's admins test them
		// and change their settings, its operators pause, resume and re-queue.
		rules.add(read("/api/connections", Role.ADMIN, Resource.NONE));
		rules.add(change("POST", "/api/connections", Role.PLATFORM, Resource.NONE, "connection-create", false));
		rules.add(read("/api/connections/{id}", Role.ADMIN, Resource.CONNECTION));
		rules.add(change("PUT", "/api/connections/{id}", Role.ADMIN, Resource.CONNECTION, "connection-update", false));
		rules.add(change("DELETE", "/api/connections/{id}", Role.PLATFORM, Resource.CONNECTION, "connection-delete",
				false));
		rules.add(change("POST", "/api/connections/{id}/test", Role.ADMIN, Resource.CONNECTION, "connection-test",
				false));
		// Reconnect through the OAuth web-server flow: to the login server, and back.
		rules.add(read("/api/connections/{id}/oauth/authorize", Role.ADMIN, Resource.CONNECTION));
		rules.add(read("/api/connections/oauth/outcome", Role.ADMIN, Resource.NONE));
		rules.add(change("GET", "/api/connections/oauth/callback", Role.ADMIN, Resource.NONE, "connection-authorize",
				false));
		rules.add(change("POST", "/api/connections/{id}/pause", Role.OPERATOR, Resource.CONNECTION, "connection-pause",
				false));
		rules.add(change("POST", "/api/connections/{id}/resume", Role.OPERATOR, Resource.CONNECTION,
				"connection-resume", false));
		rules.add(change("POST", "/api/connections/{id}/outbound/requeue", Role.OPERATOR, Resource.CONNECTION,
				"requeue", false));
		// Run controls: the operator service audits them, with the executions they made.
		rules.add(read("/api/runs", Role.ADMIN, Resource.NONE));
		rules.add(change("POST", "/api/runs", Role.OPERATOR, Resource.NONE, "start", true));
		rules.add(read("/api/runs/{id}", Role.ADMIN, Resource.RUN));
		for (String action : List.of("restart", "stop", "abandon", "recover")) {
			rules.add(change("POST", "/api/runs/{id}/" + action, Role.OPERATOR, Resource.RUN, action, true));
		}
		// Spring Boot's error page.
		rules.add(new Rule("*", "/error", false, null, Resource.NONE, null, false));
		return List.copyOf(rules);
	}

	private static Rule read(String pattern, Role role, Resource resource) {
		return new Rule("GET", pattern, false, role, resource, null, false);
	}

	private static Rule change(String method, String pattern, Role role, Resource resource, String action,
			boolean auditedByService) {
		return new Rule(method, pattern, false, role, resource, action, auditedByService);
	}

	/**
	 * The first rule whose method and pattern match, with the value of its {@code {id}}.
	 */
	Optional<Match> match(String method, String path) {
		PathContainer container = PathContainer.parsePath(path);
		for (Compiled compiled : this.rules) {
			if (!compiled.rule().matchesMethod(method)) {
				continue;
			}
			PathPattern.PathMatchInfo info = compiled.pattern().matchAndExtract(container);
			if (info != null) {
				return Optional.of(new Match(compiled.rule(), info.getUriVariables().get("id")));
			}
		}
		return Optional.empty();
	}

	/** The request's path within the application. */
	static String path(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String context = request.getContextPath();
		return (!context.isEmpty() && uri.startsWith(context)) ? uri.substring(context.length()) : uri;
	}

}
