package dev.sfsync.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

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
 *
 * <p>
 * Over 400 lines on purpose: every kind of call (query, describe, Collections, Bulk,
 * limits) goes through the same session, budget, retry and error classification here,
 * which is the point of having one client; the call kinds' own logic lives in
 * SalesforceCollections, SalesforceBulkIngest and the readers.
 */
public final class SalesforceClient {

	private static final Log logger = LogFactory.getLog(SalesforceClient.class);

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

	private final SalesforceSession session;

	private final RestClient http;

	private final String apiVersion;

	private final ApiBudget budget;

	private final Retries retries;

	private final JsonMapper json;

	private final AtomicReference<@Nullable Long> usedAtRunStart = new AtomicReference<>();

	private final AtomicInteger calls = new AtomicInteger();

	/** The object type the calls are counted for (the Rate limits view), or null. */
	private volatile @Nullable String objectType;

	public SalesforceClient(SalesforceSession session, RestClient.Builder builder, String apiVersion, ApiBudget budget,
			JsonMapper json) {
		this(session, builder, apiVersion, budget, Retries.DEFAULT, json);
	}

	public SalesforceClient(SalesforceSession session, RestClient.Builder builder, String apiVersion, ApiBudget budget,
			Retries retries, JsonMapper json) {
		if (!ApiVersions.supported(apiVersion)) {
			// The version goes into every URL path: a row saved before versions were
			// checked must not make a request.
			throw new IllegalArgumentException("The connection's apiVersion '" + apiVersion
					+ "' is not a supported Salesforce API version: " + ApiVersions.range());
		}
		this.session = session;
		this.http = builder.build();
		this.apiVersion = apiVersion;
		this.budget = budget;
		this.retries = retries;
		this.json = json;
	}

	/**
	 * Counts this client's calls from now on for an object type: a run's client is its
	 * object type's.
	 */
	public SalesforceClient countedFor(String objectType) {
		this.objectType = objectType;
		return this;
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
		return exchange(what, method, path, body, MediaType.APPLICATION_JSON, headers, recordLevel,
				method != HttpMethod.POST);
	}

	/**
	 * {@code PUT}s a text body, such as a Bulk API 2.0 CSV batch. Not repeated when no
	 * answer came back: the rows may have been taken.
	 */
	public Response upload(String what, String path, MediaType contentType, String body) {
		return exchange(what, HttpMethod.PUT, path, body, contentType, (headers) -> {
		}, false, false);
	}

	private Response exchange(String what, HttpMethod method, String path, @Nullable Object body, MediaType contentType,
			Consumer<HttpHeaders> headers, boolean recordLevel, boolean idempotent) {
		return retrying(what, idempotent, () -> signedIn(what, (token) -> {
			Response response = send(what, method, path, body, contentType, headers, recordLevel, token);
			return (response.status() == 401)
					? Signed.unauthorized((response.body() != null) ? response.body().toString() : "")
					: Signed.of(response);
		}));
	}

	/**
	 * Retries transient failures with backoff; the last failure is what the caller sees.
	 */
	private <T> T retrying(String what, boolean idempotent, Supplier<T> attempt) {
		RetryTemplate retry = new RetryTemplate(this.retries.policy(idempotent));
		try {
			return retry.execute(attempt::get);
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

	/**
	 * One attempt within the budget, with the connection's session; a 401 signs in again
	 * and replays the call once, and a second 401 is an authentication failure.
	 */
	private <T> T signedIn(String what, Function<AccessToken, Signed<T>> send) {
		ApiUsage usage = this.session.apiUsage().orElse(null);
		if (usage != null && this.budget.overTotal(usage) && this.session.claimUsageCheck()) {
			usage = checkUsage();
		}
		this.budget.check(usage, this.usedAtRunStart.get(), this.session.nextUsageCheck());
		AccessToken token = this.session.token();
		Signed<T> outcome = send.apply(token);
		if (outcome.unauthorizedBody() != null) {
			logger.info("Salesforce session of connection " + this.session.connection() + " expired during " + what
					+ "; signing in again and replaying the call once");
			this.session.expire(token);
			outcome = send.apply(this.session.token());
			if (outcome.unauthorizedBody() != null) {
				throw SalesforceErrors.from(this.json, what + " after signing in again", 401, "application/json",
						outcome.unauthorizedBody(), false);
			}
		}
		return outcome.result();
	}

	/**
	 * Reads the usage again with one call to {@code /limits}, outside the budget: the
	 * budget refuses every call while the last usage reported is over it, so only this
	 * call sees the allocation reset. Salesforce reports the usage in its
	 * {@code Sforce-Limit-Info} header, and in the body's {@code DailyApiRequests}; a
	 * refusal (the limit still reached) reports it too.
	 */
	private @Nullable ApiUsage checkUsage() {
		try {
			Response response = send("check API usage", HttpMethod.GET, "limits", null, MediaType.APPLICATION_JSON,
					(headers) -> {
					}, false, this.session.token());
			JsonNode daily = (response.body() != null) ? response.body().path("DailyApiRequests") : null;
			if (daily != null && daily.has("Max") && daily.has("Remaining")) {
				long max = daily.path("Max").asLong();
				this.session.record(new ApiUsage(max - daily.path("Remaining").asLong(), max));
			}
			logger.info("API usage of connection " + this.session.connection() + " read again: "
					+ this.session.apiUsage().map((usage) -> usage.used() + " of " + usage.max()).orElse("unknown"));
		}
		catch (SalesforceException ex) {
			logger.info("API usage of connection " + this.session.connection() + " read again: "
					+ this.session.apiUsage().map((usage) -> usage.used() + " of " + usage.max()).orElse("unknown")
					+ " (" + ex.getMessage() + ")");
		}
		return this.session.apiUsage().orElse(null);
	}

	/** An attempt's outcome: its value, or a 401's body to sign in again on. */
	private record Signed<T>(@Nullable T value, @Nullable String unauthorizedBody) {

		static <T> Signed<T> of(T value) {
			return new Signed<>(value, null);
		}

		static <T> Signed<T> unauthorized(String body) {
			return new Signed<>(null, body);
		}

		T result() {
			if (this.value == null) {
				throw new IllegalStateException("A Salesforce response reader returned null");
			}
			return this.value;
		}

	}

	private Response send(String what, HttpMethod method, String path, @Nullable Object body, MediaType contentType,
			Consumer<HttpHeaders> headers, boolean recordLevel, AccessToken session) {
		this.calls.incrementAndGet();
		this.session.called(this.objectType, path);
		String url = path.startsWith("/") ? session.instanceUrl() + path
				: session.instanceUrl() + "/services/data/" + this.apiVersion + "/" + path;
		try {
			RestClient.RequestBodySpec request = this.http.method(method).uri(java.net.URI.create(url)).headers((h) -> {
				h.setBearerAuth(session.value());
				h.setAccept(java.util.List.of(MediaType.APPLICATION_JSON));
				headers.accept(h);
			});
			if (body != null) {
				request.contentType(contentType).body(body);
			}
			return request.exchange((req, res) -> {
				int status = res.getStatusCode().value();
				ApiUsage.parse(res.getHeaders().getFirst("Sforce-Limit-Info")).ifPresent(this::record);
				String text = new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8);
				String answered = (res.getHeaders().getContentType() != null)
						? res.getHeaders().getContentType().toString() : null;
				if (status == 401) {
					return new Response(401, parseOrNull(text), res.getHeaders());
				}
				if (status >= 400) {
					throw SalesforceErrors.from(this.json, what, status, answered, text, recordLevel);
				}
				if (text.isBlank()) {
					return new Response(status, null, res.getHeaders());
				}
				try {
					return new Response(status, this.json.readTree(text), res.getHeaders());
				}
				catch (JacksonException ex) {
					throw SalesforceErrors.from(this.json, what, 502, answered, text, false);
				}
			});
		}
		catch (ResourceAccessException ex) {
			throw SalesforceErrors.noResponse(what, ex);
		}
	}

	/**
	 * Reads a streamed response body, such as a page of Bulk API 2.0 results, as it
	 * arrives.
	 *
	 * @param <R> what it makes of the body
	 */
	@FunctionalInterface
	public interface BodyReader<R> {

		/**
		 * Reads the body; it is closed after this returns.
		 * @param body the body, already unzipped if the server gzipped it
		 * @param headers the response headers
		 * @return what was read
		 * @throws IOException if the body cannot be read to its end
		 */
		R read(InputStream body, HttpHeaders headers) throws IOException;

	}

	/**
	 * {@code GET} a large body as a stream handed to {@code reader}, never as one string:
	 * a page of 50,000 Bulk results is several megabytes. Signs in, refreshes and replays
	 * on a 401, tracks {@code Sforce-Limit-Info}, checks the budget, counts one call and
	 * classifies errors exactly as {@link #call} does; only a 2xx body reaches the
	 * reader. It asks for gzip, as Salesforce recommends for Bulk results, and unzips
	 * when the server compressed.
	 * @param what what is being done, for messages ("read Bulk results of 750…")
	 * @param path a path under {@code /services/data/vXX.X/}, or a full path
	 * @param headers request headers, such as {@code Accept: text/csv}
	 * @param reader reads the body
	 * @return what the reader made of it
	 */
	public <R> R stream(String what, String path, Consumer<HttpHeaders> headers, BodyReader<R> reader) {
		return retrying(what, true, () -> signedIn(what, (token) -> sendStreamed(what, path, headers, reader, token)));
	}

	private <R> Signed<R> sendStreamed(String what, String path, Consumer<HttpHeaders> headers, BodyReader<R> reader,
			AccessToken session) {
		this.calls.incrementAndGet();
		this.session.called(this.objectType, path);
		String url = path.startsWith("/") ? session.instanceUrl() + path
				: session.instanceUrl() + "/services/data/" + this.apiVersion + "/" + path;
		try {
			return this.http.get().uri(java.net.URI.create(url)).headers((h) -> {
				h.setBearerAuth(session.value());
				h.setAccept(java.util.List.of(MediaType.APPLICATION_JSON));
				h.set(HttpHeaders.ACCEPT_ENCODING, "gzip");
				headers.accept(h);
			}).exchange((req, res) -> {
				int status = res.getStatusCode().value();
				HttpHeaders responseHeaders = res.getHeaders();
				ApiUsage.parse(responseHeaders.getFirst("Sforce-Limit-Info")).ifPresent(this::record);
				// Request factories that unzip for themselves drop the header, so this
				// never unzips twice.
				boolean gzipped = "gzip".equalsIgnoreCase(responseHeaders.getFirst(HttpHeaders.CONTENT_ENCODING));
				try (InputStream body = gzipped ? new GZIPInputStream(res.getBody(), 64 * 1024) : res.getBody()) {
					if (status >= 400) {
						String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
						if (status == 401) {
							return Signed.unauthorized(text);
						}
						String contentType = (responseHeaders.getContentType() != null)
								? responseHeaders.getContentType().toString() : null;
						throw SalesforceErrors.from(this.json, what, status, contentType, text, false);
					}
					return Signed.of(reader.read(body, responseHeaders));
				}
			});
		}
		catch (ResourceAccessException ex) {
			throw SalesforceErrors.noResponse(what, ex);
		}
	}

	private @Nullable JsonNode parseOrNull(String text) {
		try {
			return text.isBlank() ? null : this.json.readTree(text);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static JsonNode require(Response response, String what) {
		if (response.body() == null) {
			throw SalesforceErrors.from(what, 502, List.of(), false);
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
