package dev.sfsync.system;

import java.io.ByteArrayInputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies over {@code sfsync.web.max-request-body} (1 MB) are answered 413 with a
 * problem, whether the Content-Length says so or a chunked body runs past the limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestBodyLimitIntegrationTests extends IntegrationTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A connection whose name makes the body half a megabyte over the limit. */
	private static final byte[] TOO_LARGE = ("{\"id\":\"huge\",\"name\":\"" + "x".repeat(1536 * 1024) + "\"}")
		.getBytes(StandardCharsets.UTF_8);

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(this.cookies).build();

	@Test
	void aBodyWhoseContentLengthIsOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
		HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofByteArray(TOO_LARGE));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(413);
		assertThat(problem.get("detail").asString())
			.isEqualTo("The request body is larger than 1 MB, the most sfsync accepts.");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/connections");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM connections WHERE id = 'huge'", Integer.class))
			.isZero();
	}

	@Test
	void aChunkedBodyIsRefusedOnceItRunsPastTheLimit() throws Exception {
		HttpResponse<String> response = post(chunked(TOO_LARGE));

		assertThat(response.request().headers().firstValue("Content-Length")).isEmpty();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JSON.readTree(response.body()).get("detail").asString())
			.isEqualTo("The request body is larger than 1 MB, the most sfsync accepts.");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM connections WHERE id = 'huge'", Integer.class))
			.isZero();
	}

	@Test
	void aChunkedBodyWithinTheLimitIsReadAsBefore() throws Exception {
		HttpResponse<String> response = post(
				chunked("{\"id\":\"small\",\"name\":\"Small\"}".getBytes(StandardCharsets.UTF_8)));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).get("detail").asString())
			.isEqualTo("authFlow is required: JWT_BEARER, REFRESH_TOKEN or USERNAME_PASSWORD");
	}

	@Test
	void aChunkedLoginFormOverTheLimitIsRefusedByTomcat() throws Exception {
		String form = "username=admin&password=admin-test&filler=" + "x".repeat(1536 * 1024);
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(chunked(form.getBytes(StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());

		// Tomcat parses forms itself, within server.tomcat.max-http-form-post-size (1 MB,
		// not its default 2 MB), and answers with its own page.
		assertThat(response.statusCode()).isEqualTo(413);
	}

	private static HttpRequest.BodyPublisher chunked(byte[] body) {
		// No known length: the client sends Transfer-Encoding: chunked.
		return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
	}

	private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
		// A GET first, as a browser would, to be handed the XSRF-TOKEN cookie.
		this.http.send(HttpRequest.newBuilder(uri("/api/connections")).header("Authorization", basic()).build(),
				HttpResponse.BodyHandlers.discarding());
		String token = this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElseThrow();
		return this.http.send(HttpRequest.newBuilder(uri("/api/connections"))
			.header("Authorization", basic())
			.header("X-XSRF-TOKEN", token)
			.header("Content-Type", "application/json")
			.POST(body)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static String basic() {
		return "Basic " + Base64.getEncoder().encodeToString("admin:admin-test".getBytes(StandardCharsets.UTF_8));
	}

}
