package dev.sfsync.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator's admin API as every test uses it: orgs with a connected app and an
 * integration user, seeds, records edited as a Salesforce user would, refresh tokens,
 * faults, rules, locks and the API calls an org served. The one admin client of the
 * tests; each test makes orgs of its own.
 */
public record EmulatorAdmin(String baseUrl) {

	/**
	 * The integration user's password in the orgs made here, unless the test gives one.
	 */
	public static final String PASSWORD = "pw-1";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	/**
	 * A new org with a connected app and an integration user, whose settings {@code user}
	 * gives (a {@code password} of its own among them).
	 */
	public Org org(String name, Map<String, Object> user) {
		return org(name, user, Map.of());
	}

	/**
	 * A new org whose connected app has {@code app}'s settings besides its name (a
	 * {@code publicKey} for the JWT bearer flow).
	 */
	public Org org(String name, Map<String, Object> user, Map<String, Object> app) {
		String org = post("/emulator/orgs", Map.of("name", name)).get("id").asString();
		Map<String, Object> appBody = new HashMap<>(app);
		appBody.put("name", "sfsync");
		JsonNode created = post("/emulator/orgs/" + org + "/apps", appBody);
		String username = "integration@" + org.toLowerCase() + ".example";
		Map<String, Object> body = new HashMap<>(user);
		body.put("username", username);
		body.putIfAbsent("password", PASSWORD);
		post("/emulator/orgs/" + org + "/users", body);
		return new Org(org, created.get("consumerKey").asString(), created.get("consumerSecret").asString(), username,
				body.get("password").toString());
	}

	/**
	 * A new org seeded with the given records per object, of which {@code badShare} break
	 * a rule, always the same ones.
	 */
	public Org seededOrg(String name, Map<String, Integer> objects, double badShare) {
		Org org = org(name, Map.of());
		post("/emulator/orgs/" + org.id() + "/seed", Map.of("objects", objects, "badShare", badShare, "seed", 11));
		return org;
	}

	/**
	 * An org on the emulator and how to sign in to it.
	 *
	 * @param password the integration user's password
	 */
	public record Org(String id, String consumerKey, String consumerSecret, String username, String password) {
	}

	/** A refresh token the org's integration user granted the connected app. */
	public String refreshToken(Org org) {
		return post("/emulator/orgs/" + org.id() + "/refresh-tokens",
				Map.of("username", org.username(), "consumerKey", org.consumerKey()))
			.get("refresh_token")
			.asString();
	}

	/** Ends the org's sessions and revokes its refresh tokens, as its admin may. */
	public void revokeAccess(Org org) {
		post("/emulator/orgs/" + org.id() + "/faults/expire-sessions", Map.of());
		post("/emulator/orgs/" + org.id() + "/faults/revoke-refresh-tokens", Map.of());
	}

	/**
	 * The API calls the org served since they were last reset, by kind (query, queryAll,
	 * describe, …), kinds with none left out.
	 */
	public Map<String, Integer> apiCalls(Org org) {
		JsonNode calls = send("GET", "/emulator/orgs/" + org.id() + "/api-calls", null);
		Map<String, Integer> byKind = new TreeMap<>();
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

	/**
	 * Sends an admin request; a body that is a {@code String} is sent as it is, any other
	 * as JSON.
	 * @throws IllegalStateException when the emulator answers with an error
	 */
	public JsonNode send(String method, String path, @Nullable Object body) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
				.header("Content-Type", "application/json")
				.method(method,
						(body != null)
								? HttpRequest.BodyPublishers
									.ofString((body instanceof String text) ? text : JSON.writeValueAsString(body))
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
