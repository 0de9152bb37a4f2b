package dev.sfsync.salesforce;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One connection's REST access to its org: signs in when needed and caches the session,
 * refreshes it once and replays the call on a 401 {@code INVALID_SESSION_ID}, tracks
 * {@code Sforce-Limit-Info}, and turns every failure into a classified
 * {@link SalesforceException}.
 */
public final class SalesforceClient {

	private static final Log logger = LogFactory.getLog(SalesforceClient.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

	private final SalesforceSession session;

	private final RestClient http;

	private final String apiVersion;

	private final ApiBudget budget;

	private final Retries retries;

	private final AtomicReference<@Nullable Long> usedAtRunStart = new AtomicReference<>();

	private final AtomicInteger calls = new AtomicInteger();

	public SalesforceClient(SalesforceSession session, RestClient.Builder builder, String apiVersion,
			ApiBudget budget) {
		this(session, builder, apiVersion, budget, Retries.DEFAULT);
	}

	public SalesforceClient(SalesforceSession session, RestClient.Builder builder, String apiVersion, ApiBudget budget,
			Retries retries) {
		this.session = session;
		this.http = builder.build();
		this.apiVersion = apiVersion;
		this.budget = budget;
		this.retries = retries;
	}

	/** A response: its status, body (JSON, or null for 304 and 204) and headers. */
	public record Response(int status, @Nullable JsonNode body, HttpHeaders headers) {
	}

	/**
	 * {@code GET} a path under {@code /services/data/vXX.X/}, or a full path such as a
	 * {@code nextRecordsUrl}.
	 */
	public JsonNode get(String what, String path) {
		return require(call(what, HttpMethod.GET, path, null, (headers) -> {
		}, false), what);
	}

	/** A SOQL query, in batches of {@code batchSize} (200 to 2,000). */
	public JsonNode query(String soql, int batchSize, boolean includeDeleted) {
		String path = UriComponentsBuilder.fromPath(includeDeleted ? "queryAll" : "query")
			.queryParam("q", soql)
			.encode()
			.build()
			.toUriString();
		return require(call("query", HttpMethod.GET, path, null,
				(headers) -> headers.set("Sforce-Query-Options", "batchSize=" + batchSize), false), "query");
	}

	/**
	 * Describe an object; empty when it has not changed since {@code ifModifiedSince}
	 * (304).
	 */
	public Optional<JsonNode> describe(String objectName, @Nullable Instant ifModifiedSince) {
		Response response = call("describe " + objectName, HttpMethod.GET, "sobjects/" + objectName + "/describe", null,
				(headers) -> {
					if (ifModifiedSince != null) {
						headers.set(HttpHeaders.IF_MODIFIED_SINCE, HTTP_DATE.format(ifModifiedSince));
					}
				}, false);
		return (response.status() == 304) ? Optional.empty() : Optional.ofNullable(response.body());
	}

	/**
	 * Any call. Record-level calls (a single record's write) report 4xx errors as that
	 * record's outcome rather than the run's.
	 */
	public Response call(String what, HttpMethod method, String path, @Nullable Object body,
			Consumer<HttpHeaders> headers, boolean recordLevel) {
		RetryTemplate retry = new RetryTemplate(this.retries.policy(method != HttpMethod.POST));
		try {
			return retry.execute(() -> attempt(what, method, path, body, headers, recordLevel));
		}
		catch (RetryException ex) {
			if (ex.getLastException() instanceof SalesforceException failure) {
				if (failure.isTransient() && ex.getRetryCount() > 0) {
					logger.warn("Salesforce " + what + " for connection " + this.session.connection()
							+ " still failed after " + ex.getRetryCount() + " retries: " + failure.getMessage());
				}
				throw failure;
			}
			throw new IllegalStateException("Salesforce " + what + " failed: " + ex.getLastException(),
					ex.getLastException());
		}
	}

	private Response attempt(String what, HttpMethod method, String path, @Nullable Object body,
			Consumer<HttpHeaders> headers, boolean recordLevel) {
		this.budget.check(this.session.apiUsage().orElse(null), this.usedAtRunStart.get());
		AccessToken token = this.session.token();
		Response response = send(what, method, path, body, headers, recordLevel, token);
		if (response.status() == 401) {
			logger.info("Salesforce session of connection " + this.session.connection() + " expired during " + what
					+ "; signing in again and replaying the call once");
			this.session.expire(token);
			response = send(what, method, path, body, headers, recordLevel, this.session.token());
			if (response.status() == 401) {
				throw SalesforceErrors.from(what + " after signing in again", 401, "application/json",
						(response.body() != null) ? response.body().toString() : "", false);
			}
		}
		return response;
	}

	private Response send(String what, HttpMethod method, String path, @Nullable Object body,
			Consumer<HttpHeaders> headers, boolean recordLevel, AccessToken session) {
		this.calls.incrementAndGet();
		String url = path.startsWith("/") ? session.instanceUrl() + path
				: session.instanceUrl() + "/services/data/" + this.apiVersion + "/" + path;
		try {
			RestClient.RequestBodySpec request = this.http.method(method).uri(java.net.URI.create(url)).headers((h) -> {
				h.setBearerAuth(session.value());
				h.setAccept(java.util.List.of(MediaType.APPLICATION_JSON));
				headers.accept(h);
			});
			if (body != null) {
				request.contentType(MediaType.APPLICATION_JSON).body(body);
			}
			return request.exchange((req, res) -> {
				int status = res.getStatusCode().value();
				ApiUsage.parse(res.getHeaders().getFirst("Sforce-Limit-Info")).ifPresent(this::record);
				String text = new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8);
				String contentType = (res.getHeaders().getContentType() != null)
						? res.getHeaders().getContentType().toString() : null;
				if (status == 401) {
					return new Response(401, parseOrNull(text), res.getHeaders());
				}
				if (status >= 400) {
					throw SalesforceErrors.from(what, status, contentType, text, recordLevel);
				}
				if (text.isBlank()) {
					return new Response(status, null, res.getHeaders());
				}
				try {
					return new Response(status, JSON.readTree(text), res.getHeaders());
				}
				catch (JacksonException ex) {
					throw SalesforceErrors.from(what, 502, contentType, text, false);
				}
			});
		}
		catch (ResourceAccessException ex) {
			throw SalesforceErrors.noResponse(what, ex);
		}
	}

	private static @Nullable JsonNode parseOrNull(String text) {
		try {
			return text.isBlank() ? null : JSON.readTree(text);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static JsonNode require(Response response, String what) {
		if (response.body() == null) {
			throw SalesforceErrors.from(what, 502, "application/json", "", false);
		}
		return response.body();
	}

	private void record(ApiUsage usage) {
		this.session.record(usage);
		// The run's baseline is the usage before its first call.
		this.usedAtRunStart.compareAndSet(null, usage.used() - 1);
	}

	/** The usage Salesforce last reported for the connection. */
	public Optional<ApiUsage> apiUsage() {
		return this.session.apiUsage();
	}

	/** The calls this client made, sign-ins not included. */
	public int calls() {
		return this.calls.get();
	}

	public SalesforceSession session() {
		return this.session;
	}

	public String connection() {
		return this.session.connection();
	}

}
