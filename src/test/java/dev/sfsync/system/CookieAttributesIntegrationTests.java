package dev.sfsync.system;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session and XSRF-TOKEN cookies are SameSite=Lax, and Secure when the request came
 * over TLS, here through a proxy that says so in X-Forwarded-Proto.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"server.forward-headers-strategy=native", "sfsync.security.users[0].username=operator",
		"sfsync.security.users[0].password={bcrypt}$2a$04$6.UncRf8DEcohsCobwImCuC3Uzj19NTOg2HagxzGF5SiohD1qmJUm" })
class CookieAttributesIntegrationTests extends IntegrationTestSupport {

	@LocalServerPort
	int port;

	// No cookie store: each test reads the Set-Cookie headers themselves.
	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void overPlainHttpTheCookiesAreSameSiteLaxButNotSecure() throws Exception {
		HttpResponse<String> page = get(false);
		List<String> xsrf = attributes(page, "XSRF-TOKEN");
		assertThat(xsrf).contains("SameSite=Lax").doesNotContain("Secure");

		HttpResponse<String> login = signIn(value(page, "XSRF-TOKEN"), false);
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/"));
		assertThat(attributes(login, "JSESSIONID")).contains("SameSite=Lax", "HttpOnly").doesNotContain("Secure");
	}

	@Test
	void behindATlsProxyTheCookiesAreSecureToo() throws Exception {
		HttpResponse<String> page = get(true);
		assertThat(attributes(page, "XSRF-TOKEN")).contains("SameSite=Lax", "Secure");

		HttpResponse<String> login = signIn(value(page, "XSRF-TOKEN"), true);
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(attributes(login, "JSESSIONID")).contains("SameSite=Lax", "HttpOnly", "Secure");
		// After the sign-in the token is replaced, with the same attributes.
		assertThat(attributes(login, "XSRF-TOKEN")).contains("SameSite=Lax", "Secure");
	}

	private HttpResponse<String> get(boolean overTls) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/login"));
		if (overTls) {
			request.header("X-Forwarded-Proto", "https");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> signIn(String token, boolean overTls) throws Exception {
		String form = "username=operator&password=" + URLEncoder.encode("operator-test", StandardCharsets.UTF_8);
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", "XSRF-TOKEN=" + token)
			.header("X-XSRF-TOKEN", token)
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (overTls) {
			request.header("X-Forwarded-Proto", "https");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The attributes of the (last, not expired) cookie of that name the response sets.
	 */
	private static List<String> attributes(HttpResponse<?> response, String name) {
		List<String> cookies = response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith(name + "=") && !cookie.contains("Max-Age=0"))
			.toList();
		assertThat(cookies).as(response.headers().allValues("Set-Cookie").toString()).isNotEmpty();
		return Arrays.stream(cookies.get(cookies.size() - 1).split(";")).map(String::trim).toList();
	}

	private static String value(HttpResponse<?> response, String name) {
		String cookie = attributes(response, name).get(0);
		return cookie.substring(name.length() + 1);
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
