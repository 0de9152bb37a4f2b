package dev.sfsync.activity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator's admin API as the activity tests use it: a new org with an integration
 * user, seeded with records of which a share are bad.
 */
record EmulatorOrgs(String baseUrl) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A new org seeded with the given records per object; answers how to sign in. */
	Org seededOrg(String name, Map<String, Integer> objects, double badShare) {
		String org = post("/emulator/orgs", Map.of("name", name)).get("id").asString();
		JsonNode app = post("/emulator/orgs/" + org + "/apps", Map.of("name", "sfsync"));
		String username = "integration@" + org.toLowerCase() + ".example";
		Map<String, Object> user = new HashMap<>();
		user.put("username", username);
		user.put("password", "pw-1");
		post("/emulator/orgs/" + org + "/users", user);
		post("/emulator/orgs/" + org + "/seed", Map.of("objects", objects, "badShare", badShare, "seed", 11));
		return new Org(org, app.get("consumerKey").asString(), app.get("consumerSecret").asString(), username);
	}

	/** A refresh token the org's integration user granted the connected app. */
	String refreshToken(Org org) {
		return post("/emulator/orgs/" + org.id() + "/refresh-tokens",
				Map.of("username", org.username(), "consumerKey", org.consumerKey()))
			.get("refresh_token")
			.asString();
	}

	/** Ends the org's sessions and revokes its refresh tokens, as its admin may. */
	void revokeAccess(Org org) {
		post("/emulator/orgs/" + org.id() + "/faults/expire-sessions", Map.of());
		post("/emulator/orgs/" + org.id() + "/faults/revoke-refresh-tokens", Map.of());
	}

	/** An org on the emulator and how to sign in to it. */
	record Org(String id, String consumerKey, String consumerSecret, String username) {
	}

	private JsonNode post(String path, Object body) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
				.build();
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 400) {
				throw new IllegalStateException(
						"POST " + path + " answered " + response.statusCode() + ": " + response.body());
			}
			return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
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
