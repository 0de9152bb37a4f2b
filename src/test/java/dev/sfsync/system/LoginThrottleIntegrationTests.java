package dev.sfsync.system;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed sign-ins over real HTTP, HTTP Basic and the login form: after a few, even the
 * right password is answered 429 until the wait has passed, for the user from any address
 * and for any user from a busy address. Client addresses come from X-Forwarded-For, as
 * behind the ingress.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"server.forward-headers-strategy=native", "sfsync.security.users[0].username=operator",
		"sfsync.security.users[0].password={bcrypt}$2a$04$6.UncRf8DEcohsCobwImCuC3Uzj19NTOg2HagxzGF5SiohD1qmJUm",
		"sfsync.security.users[1].username=tenant",
		"sfsync.security.users[1].password={bcrypt}$2a$04$j.vYF5B8NMYa6apD13Hh3unRdq/01YJfvmmXNCRQndrjZIM8./WO.",
		"sfsync.security.users[2].username=admin",
		"sfsync.security.users[2].password={bcrypt}$2a$04$RWv6ikiw3AzjFhMlQqXJreHWa8kQM9DR6PFIK.ztTWMKLSqUHs6NS" })
@ExtendWith(OutputCaptureExtension.class)
class LoginThrottleIntegrationTests extends IntegrationTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String WRONG = "not-the-password-7f3a";

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void sixtyWrongPasswordsThenTheRightOneIsRefusedUntilTheWaitHasPassed(CapturedOutput output) throws Exception {
		String home = "203.0.113.10";
		String elsewhere = "203.0.113.11";
		List<Integer> wrong = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			wrong.add(basic("operator", WRONG, home).statusCode());
		}
		assertThat(wrong.subList(0, 6)).containsOnly(401);
		assertThat(wrong.subList(6, 60)).containsOnly(429);

		HttpResponse<String> right = basic("operator", "operator-test", home);
		assertThat(right.statusCode()).isEqualTo(429);
		assertThat(right.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(right.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JSON.readTree(right.body());
		assertThat(problem.get("status").asInt()).isEqualTo(429);
		assertThat(problem.get("detail").asString())
			.isEqualTo("Too many failed sign-ins for this user or from this address. Try again in 1 second.");
		assertThat(basic("operator", "operator-test", elsewhere).statusCode()).as("the user, from another address")
			.isEqualTo(429);
		assertThat(basic("tenant", "tenant-test", home).statusCode()).as("another user, from the same address")
			.isEqualTo(200);

		this.clock.advance(Duration.ofSeconds(1));

		assertThat(basic("operator", "operator-test", home).statusCode()).isEqualTo(200);
		assertThat(basic("operator", WRONG, home).statusCode()).as("the success cleared the user's failures")
			.isEqualTo(401);
		assertThat(output)
			.contains("Failed sign-in as 'operator' from 203.0.113.10 (failures in a row: 6 for the user, 6 from"
					+ " the address); the next attempts are refused for 1s")
			.contains("Refused a sign-in as 'operator' from 203.0.113.10 without checking the password")
			.contains("Refused a sign-in as 'operator' from 203.0.113.11 without checking the password")
			.doesNotContain(WRONG)
			.doesNotContain("operator-test")
			.doesNotContain(credentials("operator", WRONG))
			.doesNotContain(credentials("operator", "operator-test"));
	}

	@Test
	void anAddressWithManyFailuresIsRefusedForEveryUserWhileOtherAddressesAreNot() throws Exception {
		String busy = "203.0.113.20";
		for (int i = 1; i <= 21; i++) {
			assertThat(basic("guess-" + i, WRONG, busy).statusCode()).isEqualTo(401);
		}

		assertThat(basic("tenant", "tenant-test", busy).statusCode()).isEqualTo(429);
		assertThat(basic("tenant", "tenant-test", "203.0.113.21").statusCode()).isEqualTo(200);
	}

	@Test
	void theLoginFormIsThrottledToo(CapturedOutput output) throws Exception {
		String home = "203.0.113.30";
		for (int i = 0; i < 6; i++) {
			HttpResponse<String> failed = form("admin", WRONG, home);
			assertThat(failed.statusCode()).isEqualTo(302);
			assertThat(failed.headers().firstValue("Location"))
				.hasValueSatisfying((to) -> assertThat(to).endsWith("/login?error"));
		}

		HttpResponse<String> right = form("admin", "admin-test", home);
		assertThat(right.statusCode()).isEqualTo(429);
		assertThat(right.headers().firstValue("Retry-After")).hasValue("1");

		this.clock.advance(Duration.ofSeconds(1));

		HttpResponse<String> signedIn = form("admin", "admin-test", home);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/"));
		assertThat(output).contains("Refused a sign-in as 'admin' from 203.0.113.30")
			.doesNotContain(WRONG)
			.doesNotContain("admin-test");
	}

	/** A call any signed-in user may make, whatever their roles. */
	private HttpResponse<String> basic(String username, String password, String address) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri("/api/activity/me"))
			.header("Authorization", "Basic " + credentials(username, password))
			.header("X-Forwarded-For", address)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> form(String username, String password, String address) throws Exception {
		// The login page hands out the XSRF-TOKEN cookie the form must send back.
		HttpResponse<String> page = this.http.send(
				HttpRequest.newBuilder(uri("/login")).header("X-Forwarded-For", address).build(),
				HttpResponse.BodyHandlers.ofString());
		String token = page.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("XSRF-TOKEN="))
			.map((cookie) -> cookie.substring("XSRF-TOKEN=".length(), cookie.indexOf(';')))
			.findFirst()
			.orElseThrow();
		String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8);
		return this.http.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", "XSRF-TOKEN=" + token)
			.header("X-XSRF-TOKEN", token)
			.header("X-Forwarded-For", address)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String credentials(String username, String password) {
		return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestClock {

		/** The context's clock in this test: every component reads the time from it. */
		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock();
		}

	}

}
