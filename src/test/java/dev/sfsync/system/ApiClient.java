package dev.sfsync.system;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * sfsync's REST API over real HTTP as a signed-in browser uses it: Basic credentials, and
 * the {@code XSRF-TOKEN} cookie a GET hands out sent back in the {@code X-XSRF-TOKEN}
 * header of each call.
 */
public final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(this.cookies).build();

	private final String base;

	private final String authorization;

	public ApiClient(int port, String username, String password) {
		this.base = "http://localhost:" + port;
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** The {@code Authorization} header value of this client's user. */
	public String authorization() {
		return this.authorization;
	}

	/** Sends a call with a JSON body (none when null), with the CSRF token. */
	public HttpResponse<String> send(String method, String path, @Nullable Object body) throws Exception {
		// A GET first, as a browser would, to be handed the XSRF-TOKEN cookie.
		this.http.send(HttpRequest.newBuilder(URI.create(this.base + "/api/activity/me"))
			.header("Authorization", this.authorization)
			.build(), HttpResponse.BodyHandlers.discarding());
		String token = this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse("");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Authorization", this.authorization)
			.header("X-XSRF-TOKEN", token)
			.header("Content-Type", "application/json")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))
					: HttpRequest.BodyPublishers.noBody());
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
