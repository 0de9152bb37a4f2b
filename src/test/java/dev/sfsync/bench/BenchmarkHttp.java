package dev.sfsync.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A benchmark's calls of sfsync's API over HTTP as a signed-in user: every benchmark user
 * has {@link #PASSWORD} (bcrypt at cost 4, so a sign-in costs next to nothing), and GETs
 * are timed after warm-ups.
 */
final class BenchmarkHttp {

	static final String PASSWORD = "bench-password";

	/**
	 * bcrypt of the password, at cost 4, for {@code sfsync.security.users[n].password}.
	 */
	static final String PASSWORD_HASH = "{bcrypt}$2a$04$yMiM2rDO5gSf0upvbebYRuWMf/H6LkyfELbRURfVQX9RoQxm6xFLi";

	private final HttpClient http = HttpClient.newHttpClient();

	private final String base;

	/**
	 * @param base sfsync's address, such as {@code http://localhost:8080}
	 */
	BenchmarkHttp(String base) {
		this.base = base;
	}

	HttpResponse<String> get(String user, String path) throws Exception {
		String login = Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		return this.http.send(
				HttpRequest.newBuilder(URI.create(this.base + path)).header("Authorization", "Basic " + login).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The nanoseconds of 20 calls after 3 warm-ups, sorted; a call that does not answer
	 * 200 fails the benchmark.
	 */
	long[] times(String user, String path) throws Exception {
		long[] times = new long[20];
		for (int i = -3; i < times.length; i++) {
			long start = System.nanoTime();
			HttpResponse<String> response = get(user, path);
			long elapsed = System.nanoTime() - start;
			if (response.statusCode() != 200) {
				throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
			}
			if (i >= 0) {
				times[i] = elapsed;
			}
		}
		Arrays.sort(times);
		return times;
	}

}
