package dev.sfsync.inbound;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator's admin API as the sync tests use it: orgs, users, seeds, records edited
 * as a Salesforce user would, rules, locks, faults and the API calls an org served.
 */
public record EmulatorAdmin(String baseUrl) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

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

	/**
	 * The API calls the org served since they were last reset, by kind (query, queryAll,
	 * describe, …), kinds with none left out.
	 */
	public Map<String, Integer> apiCalls(Org org) {
		JsonNode calls = send("GET", "/emulator/orgs/" + org.id() + "/api-calls", null);
		Map<String, Integer> byKind = new java.util.TreeMap<>();
		calls.path("byKind").properties().forEach((kind) -> {
			if (kind.getValue().asInt() > 0) {
				byKind.put(kind.getKey(), kind.getValue().asInt());
			}
		});
		if (calls.path("used").asInt() != byKind.values().stream().mapToInt(Integer::intValue).sum()) {
			throw new IllegalStateException(
					"The org counted " + calls.path("used").asInt() + " calls in all but these by kind: " + byKind);
		}
		return byKind;
	}

	/** Starts the org's count of API calls again. */
	public void resetApiCalls(Org org) {
		send("DELETE", "/emulator/orgs/" + org.id() + "/api-calls", null);
	}

	public JsonNode post(String path, Object body) {
		return send("POST", path, body);
	}

	/** Creates a record as a Salesforce user would; answers its Id. */
	public String create(Org org, String type, Map<String, Object> fields) {
		return send("POST", "/emulator/orgs/" + org.id() + "/records/" + type, fields).get("id").asString();
	}

	public JsonNode send(String method, String path, @Nullable Object body) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
				.header("Content-Type", "application/json")
				.method(method,
						(body != null) ? HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))
								: HttpRequest.BodyPublishers.noBody())
				.build();
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
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
