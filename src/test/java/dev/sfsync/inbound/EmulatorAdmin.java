package dev.sfsync.inbound;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator's admin API as the inbound tests use it: orgs, users, seeds, edits as a
 * Salesforce user would make them, and faults.
 */
public record EmulatorAdmin(String baseUrl) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A new org with a connected app and an integration user; answers its Id. */
	public Org org(String name, Map<String, Object> user) {
		String org = post("/emulator/orgs", Map.of("name", name)).get("id").asString();
		JsonNode app = post("/emulator/orgs/" + org + "/apps", Map.of("name", "sfsync"));
		String username = "integration@" + org.toLowerCase() + ".example";
		java.util.Map<String, Object> body = new java.util.HashMap<>(user);
		body.put("username", username);
		body.put("password", "pw-1");
		post("/emulator/orgs/" + org + "/users", body);
		return new Org(org, app.get("consumerKey").asString(), app.get("consumerSecret").asString(), username);
	}

	/** An org on the emulator and how to sign in to it. */
	public record Org(String id, String consumerKey, String consumerSecret, String username) {
	}

	public JsonNode post(String path, Object body) {
		return send("POST", path, body);
	}

	public JsonNode send(String method, String path, Object body) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
				.header("Content-Type", "application/json")
				.method(method,
						(body != null) ? HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))
								: HttpRequest.BodyPublishers.noBody())
				.build();
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 400) {
				throw new IllegalStateException(
						method + " " + path + " answered " + response.statusCode() + ": " + response.body());
			}
			return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
