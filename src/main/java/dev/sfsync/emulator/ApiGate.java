package dev.sfsync.emulator;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Guards every REST call under {@code /services/data/vXX.X/}: checks the API version and
 * the session, applies injected faults, counts the call against the org's daily
 * allocation and answers {@code Sforce-Limit-Info}, as Salesforce does.
 */
final class ApiGate implements HandlerInterceptor {

	static final String ORG = ApiGate.class.getName() + ".org";

	static final String USER = ApiGate.class.getName() + ".user";

	static final String VERSION = ApiGate.class.getName() + ".version";

	private static final String IN_FLIGHT = ApiGate.class.getName() + ".inFlight";

	private static final Pattern QUERIED_OBJECT = Pattern.compile("(?i)\\bFROM\\s+(\\w+)");

	private final Orgs orgs;

	private final Sessions sessions;

	private final Faults faults;

	ApiGate(Orgs orgs, Sessions sessions, Faults faults) {
		this.orgs = orgs;
		this.sessions = sessions;
		this.faults = faults;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String[] segments = path.split("/");
		// /services/data/vXX.X/...
		if (segments.length < 4 || !ApiVersions.supported(segments[3])) {
			throw SalesforceApiException.notFound();
		}
		request.setAttribute(VERSION, segments[3]);
		Sessions.Session session = this.sessions.use(bearerToken(request))
			.orElseThrow(SalesforceApiException::invalidSession);
		Org org = this.orgs.find(session.grant().orgId()).orElseThrow(SalesforceApiException::invalidSession);
		OrgUser user = org.userById(session.grant().userId()).orElseThrow(SalesforceApiException::invalidSession);
		if (!org.apiEnabled() || !user.apiEnabled()) {
			throw new SalesforceApiException(HttpStatus.FORBIDDEN, "API_DISABLED_FOR_ORG",
					"The REST API is not enabled for this Organization.");
		}
		if (!org.startRequest(request, java.time.Instant.now())) {
			throw new SalesforceApiException(HttpStatus.FORBIDDEN, "REQUEST_LIMIT_EXCEEDED",
					"ConcurrentRequests (Concurrent API Requests) Limit exceeded.");
		}
		request.setAttribute(IN_FLIGHT, org);
		try {
			this.faults.beforeCall(org, response);
			String kind = (handler instanceof HandlerMethod method && method.hasMethodAnnotation(ApiKind.class))
					? method.getMethodAnnotation(ApiKind.class).value() : "other";
			long used = org.countCall(kind, objectType(request));
			if (used < 0) {
				response.setHeader("Sforce-Limit-Info", limitInfo(org.apiRequestsUsed(), org));
				throw new SalesforceApiException(HttpStatus.FORBIDDEN, "REQUEST_LIMIT_EXCEEDED",
						"TotalRequests Limit exceeded.");
			}
			response.setHeader("Sforce-Limit-Info", limitInfo(used, org));
		}
		catch (Exception ex) {
			// Spring calls afterCompletion only when preHandle succeeds: end the request
			// here.
			org.endRequest(request);
			throw ex;
		}
		request.setAttribute(ORG, org);
		request.setAttribute(USER, user);
		return true;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			@org.jspecify.annotations.Nullable Exception ex) {
		if (request.getAttribute(IN_FLIGHT) instanceof Org org) {
			org.endRequest(request);
		}
	}

	/**
	 * The object type a call names: in its path, or after the first FROM of its query.
	 */
	private static @Nullable String objectType(HttpServletRequest request) {
		if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
				&& variables.get("type") instanceof String type) {
			return type;
		}
		String soql = request.getParameter("q");
		Matcher from = (soql != null) ? QUERIED_OBJECT.matcher(soql) : null;
		return (from != null && from.find()) ? from.group(1) : null;
	}

	private static String limitInfo(long used, Org org) {
		return "api-usage=" + used + "/" + org.dailyApiRequests();
	}

	private static String bearerToken(HttpServletRequest request) {
		String authorization = request.getHeader("Authorization");
		if (authorization == null) {
			return "";
		}
		for (String scheme : new String[] { "Bearer ", "OAuth " }) {
			if (authorization.regionMatches(true, 0, scheme, 0, scheme.length())) {
				return authorization.substring(scheme.length()).strip();
			}
		}
		return "";
	}

}
