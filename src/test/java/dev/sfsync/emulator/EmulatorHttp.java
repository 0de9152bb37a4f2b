package dev.sfsync.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import dev.sfsync.system.EmulatorAdmin;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to a running emulator over real HTTP, as any Salesforce client would, and to its
 * admin API when a test looks at the admin API's own answers. Test-only.
 */
final class EmulatorHttp {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String baseUrl;

	private String accessToken = "";

	EmulatorHttp(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/** A response, with its body parsed when it is JSON. */
	record Response(int status, HttpResponse<String> raw) {

		JsonNode json() {
			return JSON.readTree(this.raw.body());
		}

		String body() {
			return this.raw.body();
		}

		String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

	}

	/**
	 * A new org with a connected app and an integration user (made by the tests' admin
	 * client), signed in with the password flow.
	 */
	EmulatorAdmin.Org newOrg(String name) {
		EmulatorAdmin.Org org = new EmulatorAdmin(this.baseUrl).org(name, Map.of());
		Response token = token(Map.of("grant_type", "password", "client_id", org.consumerKey(), "client_secret",
				org.consumerSecret(), "username", org.username(), "password", org.password()));
		this.accessToken = token.json().get("access_token").asString();
		return org;
	}

	Response token(Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return exchange(HttpRequest.newBuilder(URI.create(this.baseUrl + "/services/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	void useToken(String accessToken) {
		this.accessToken = accessToken;
	}

	Response get(String path) {
		return send("GET", path, null, true);
	}

	Response get(String path, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET();
		request.header("Authorization", "Bearer " + this.accessToken);
		headers.forEach(request::header);
		return exchange(request);
	}

	Response post(String path, Object body) {
		return send("POST", path, body, true);
	}

	Response patch(String path, Object body) {
		return send("PATCH", path, body, true);
	}

	Response delete(String path) {
		return send("DELETE", path, null, true);
	}

	Response admin(String method, String path, Object body) {
		return send(method, path, body, false);
	}

	Response send(String method, String path, Object body, boolean authenticated) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path));
		if (authenticated) {
			request.header("Authorization", "Bearer " + this.accessToken);
		}
		if (body instanceof String text) {
			request.header("Content-Type", "application/json");
			request.method(method, HttpRequest.BodyPublishers.ofString(text));
		}
		else if (body != null) {
			request.header("Content-Type", "application/json");
			request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return exchange(request);
	}

	private Response exchange(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response);
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
