package dev.sfsync.salesforce;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.sfsync.outcome.RunFailureCause;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Salesforce's error bodies and decides, once, how each failure is handled. HTML
 * error pages and bodies that are not JSON become errors of their own, never parse
 * exceptions.
 */
public final class SalesforceErrors {

	/** Salesforce's error codes: {@code INVALID_FIELD}, OAuth's {@code invalid_grant}. */
	private static final Pattern SALESFORCE_CODE = Pattern.compile("[A-Z][A-Z0-9_]*|[a-z][a-z0-9_]*");

	/** How the errors made up for answers that are not Salesforce's begin. */
	private static final String NOT_SALESFORCE = "Salesforce answered";

	private static final Set<String> TRANSIENT_CODES = Set.of("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE",
			"QUERY_TIMEOUT", "REQUEST_RUNNING_TOO_LONG");

	private static final Set<String> AUTHENTICATION_CODES = Set.of("INVALID_SESSION_ID", "invalid_grant",
			"invalid_client", "invalid_client_id", "INVALID_AUTH_HEADER");

	private static final Set<String> PERMISSION_CODES = Set.of("INSUFFICIENT_ACCESS", "API_DISABLED_FOR_ORG",
			"API_CURRENTLY_DISABLED", "INVALID_TYPE", "INSUFFICIENT_ACCESS_OR_READONLY");

	private SalesforceErrors() {
	}

	/**
	 * The exception for a failed response.
	 * @param json reads the body
	 * @param what what was being done, for the message ("query Contact")
	 * @param status the HTTP status
	 * @param contentType the response's content type, if any
	 * @param body the response body, possibly empty
	 * @param recordLevel whether the call concerned a single record, whose errors are
	 * then the record's outcome rather than the run's
	 */
	public static SalesforceException from(JsonMapper json, String what, int status, @Nullable String contentType,
			String body, boolean recordLevel) {
		return from(what, status, parse(json, status, contentType, body), recordLevel);
	}

	/**
	 * The exception for a failure whose errors are already read: none for an answer
	 * without a body or without what was asked for.
	 * @param what what was being done, for the message ("query Contact")
	 * @param status the HTTP status
	 * @param errors the errors the answer gave, possibly none
	 * @param recordLevel whether the call concerned a single record, whose errors are
	 * then the record's outcome rather than the run's
	 */
	public static SalesforceException from(String what, int status, List<SalesforceError> errors, boolean recordLevel) {
		String code = errors.isEmpty() ? "" : errors.get(0).code();
		String message = errors.isEmpty() ? "" : errors.get(0).message();
		SalesforceException.Handling handling;
		RunFailureCause cause;
		if (status == 401 || AUTHENTICATION_CODES.contains(code)) {
			handling = SalesforceException.Handling.RUN;
			cause = RunFailureCause.AUTHENTICATION_FAILURE;
		}
		else if (code.equals("REQUEST_LIMIT_EXCEEDED") && message.startsWith("ConcurrentRequests")) {
			handling = SalesforceException.Handling.TRANSIENT;
			cause = RunFailureCause.UNKNOWN_ERROR;
		}
		else if (code.equals("REQUEST_LIMIT_EXCEEDED")) {
			handling = SalesforceException.Handling.RUN;
			cause = RunFailureCause.API_LIMIT_EXCEEDED;
		}
		else if (status >= 500 || status == 0 || TRANSIENT_CODES.contains(code)) {
			handling = SalesforceException.Handling.TRANSIENT;
			cause = RunFailureCause.UNKNOWN_ERROR;
		}
		else if (!recordLevel && PERMISSION_CODES.contains(code)) {
			handling = SalesforceException.Handling.RUN;
			cause = RunFailureCause.INSUFFICIENT_PERMISSIONS;
		}
		else if (recordLevel && status >= 400 && status < 500) {
			handling = SalesforceException.Handling.RECORD;
			cause = RunFailureCause.UNKNOWN_ERROR;
		}
		else {
			handling = SalesforceException.Handling.RUN;
			cause = RunFailureCause.UNKNOWN_ERROR;
		}
		String summary = "Salesforce " + what + " failed with HTTP " + status
				+ (code.isEmpty() ? "" : " " + code + ": " + message);
		return new SalesforceException(summary, status, errors, handling, cause);
	}

	/**
	 * Whether a failure is Salesforce's own answer: an HTTP response with an error body
	 * Salesforce's APIs write ({@code errorCode}, {@code statusCode} or OAuth's
	 * {@code error}), whose code is Salesforce's kind ({@code INVALID_SESSION_ID},
	 * {@code invalid_grant}). No response at all, an empty body, an HTML page, a body
	 * that is not JSON and another server's error ({@code "error": "Unauthorized"}) are
	 * not: any server, or none, could have caused them.
	 */
	public static boolean answeredBySalesforce(SalesforceException failure) {
		if (failure.status() == 0 || failure.errors().isEmpty()) {
			return false;
		}
		SalesforceError first = failure.errors().get(0);
		return SALESFORCE_CODE.matcher(first.code()).matches() && !first.message().startsWith(NOT_SALESFORCE);
	}

	/**
	 * An answer that is not the shape it should be (a page cut short, a proxy's page).
	 * Transient: it reads whole when asked again; a run that still gets it fails and
	 * resumes from its last committed chunk when restarted.
	 */
	public static SalesforceException malformed(String message) {
		return new SalesforceException(message, 200,
				List.of(new SalesforceError("MALFORMED_RESPONSE", message, List.of())),
				SalesforceException.Handling.TRANSIENT, RunFailureCause.UNKNOWN_ERROR);
	}

	/** A call that got no response at all: a timeout or a broken connection. Retried. */
	public static SalesforceException noResponse(String what, Throwable failure) {
		return new SalesforceException("Salesforce " + what + " got no response: " + failure.getMessage(), 0, List.of(),
				SalesforceException.Handling.TRANSIENT, RunFailureCause.UNKNOWN_ERROR, failure);
	}

	/**
	 * The errors of a body: REST's array, Collections' items, OAuth's object, or none.
	 */
	static List<SalesforceError> parse(JsonMapper json, int status, @Nullable String contentType, String body) {
		if (body.isBlank()) {
			return List.of();
		}
		if (contentType != null && contentType.toLowerCase().startsWith("text/html")) {
			return List.of(new SalesforceError(status >= 500 ? "SERVER_UNAVAILABLE" : "HTML_ERROR_PAGE",
					NOT_SALESFORCE + " an HTML page instead of JSON (HTTP " + status + ")", List.of()));
		}
		JsonNode root;
		try {
			root = json.readTree(body);
		}
		catch (JacksonException ex) {
			return List.of(new SalesforceError("MALFORMED_RESPONSE",
					NOT_SALESFORCE + " a body that is not JSON (HTTP " + status + "): " + abbreviate(body), List.of()));
		}
		return errors(root);
	}

	/**
	 * The errors of a JSON answer: REST's array, Collections' items, OAuth's object, or
	 * none.
	 */
	static List<SalesforceError> errors(JsonNode root) {
		List<SalesforceError> errors = new ArrayList<>();
		if (root.isArray()) {
			root.forEach((node) -> errors.add(error(node)));
		}
		else if (root.isObject() && root.has("error")) {
			errors.add(new SalesforceError(root.path("error").asString(""), root.path("error_description").asString(""),
					List.of()));
		}
		else if (root.isObject()) {
			errors.add(error(root));
		}
		return errors;
	}

	/**
	 * One error node, keyed {@code errorCode} (REST) or {@code statusCode} (Collections).
	 */
	static SalesforceError error(JsonNode node) {
		String code = node.has("errorCode") ? node.path("errorCode").asString("")
				: node.path("statusCode").asString("");
		List<String> fields = new ArrayList<>();
		node.path("fields").forEach((field) -> fields.add(field.asString("")));
		return new SalesforceError(code, node.path("message").asString(""), fields);
	}

	private static String abbreviate(String body) {
		String flat = body.replaceAll("\\s+", " ").strip();
		return (flat.length() > 200) ? flat.substring(0, 200) + "…" : flat;
	}

}
