package dev.sfsync.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import dev.sfsync.system.EmulatorAdmin;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The Bulk API 2.0 side of a test client: CSV uploads and downloads over real HTTP with
 * its own access token for the org, and polling a job until it reaches a state.
 * Test-only.
 */
final class EmulatorBulkHttp {

	/** How often a test polls a job. */
	private static final Duration POLL_INTERVAL = Duration.ofMillis(10);

	/** How long a test polls a job before giving up. */
	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newHttpClient();

	private final String baseUrl;

	private final EmulatorHttp json;

	private final String accessToken;

	/** Signs in to a test org with the password flow, as {@link EmulatorHttp} does. */
	EmulatorBulkHttp(String baseUrl, EmulatorHttp json, EmulatorAdmin.Org org) {
		this.baseUrl = baseUrl;
		this.json = json;
		this.accessToken = json
			.token(Map.of("grant_type", "password", "client_id", org.consumerKey(), "client_secret",
					org.consumerSecret(), "username", org.username(), "password", org.password()))
			.json()
			.get("access_token")
			.asString();
	}

	EmulatorHttp.Response putCsv(String path, String csv) {
		return putCsv(path, csv, "text/csv");
	}

	EmulatorHttp.Response putCsv(String path, String csv, String contentType) {
		return exchange(
				request(path).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofString(csv)));
	}

	/** A GET asking for CSV, as Bulk clients send for results. */
	EmulatorHttp.Response getCsv(String path) {
		return exchange(request(path).header("Accept", "text/csv").GET());
	}

	/** Gzipped bytes of a GET that accepts gzip. */
	HttpResponse<byte[]> getGzip(String path) {
		try {
			return this.http.send(request(path).header("Accept", "text/csv").header("Accept-Encoding", "gzip").build(),
					HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Polls a job (often, for a bounded time) until it reaches one of the states, and
	 * answers its info then.
	 */
	JsonNode awaitState(String jobPath, String... states) {
		List<String> wanted = Arrays.asList(states);
		return awaitJob(jobPath, (job) -> wanted.contains(job.get("state").asString()), "reached " + wanted);
	}

	/** Polls a job until a condition on its info holds, for a bounded time. */
	JsonNode awaitJob(String jobPath, Predicate<JsonNode> condition) {
		return awaitJob(jobPath, condition, "got there");
	}

	private JsonNode awaitJob(String jobPath, Predicate<JsonNode> condition, String what) {
		AtomicReference<JsonNode> lastSeen = new AtomicReference<>();
		try {
			return await("job " + jobPath + " " + what).atMost(TIMEOUT).pollInterval(POLL_INTERVAL).until(() -> {
				lastSeen.set(this.json.get(jobPath).json());
				return lastSeen.get();
			}, condition);
		}
		catch (ConditionTimeoutException ex) {
			return fail("Job " + jobPath + " never " + what + "; last seen " + lastSeen.get());
		}
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Authorization", "Bearer " + this.accessToken);
	}

	private EmulatorHttp.Response exchange(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new EmulatorHttp.Response(response.statusCode(), response);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
