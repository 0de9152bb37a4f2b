package dev.sfsync.activity;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The Overview tab's card of one connection the user may see: whether it is connected,
 * which org and integration user, and when each object type last synced.
 *
 * @param id the connection's id
 * @param name its display name
 * @param status Connected, Needs reconnect, Paused, API limit reached or Not signed in
 * yet
 * @param whatToDo what to do about the status, or null when there is nothing to do
 * @param apiLimitUntil while the API limit is reached: when sfsync reads the usage again
 * @param org the org's instance URL, from its last sign-in
 * @param integrationUser the user sfsync signs in as
 * @param authFlow how it signs in
 * @param signedInAt when it last signed in
 * @param objects the last successful sync of each object type and direction
 */
record Overview(String id, String name, String status, @Nullable String whatToDo, @Nullable Instant apiLimitUntil,
		@Nullable String org, @Nullable String integrationUser, @Nullable String authFlow, @Nullable Instant signedInAt,
		List<LastSync> objects) {

	static final String CONNECTED = "Connected";

	static final String NEEDS_RECONNECT = "Needs reconnect";

	static final String PAUSED = "Paused";

	static final String API_LIMIT_REACHED = "API limit reached";

	static final String NOT_SIGNED_IN = "Not signed in yet";

	/**
	 * An object type's last successful run in one direction.
	 *
	 * @param at when it ended, or null when none has completed yet
	 */
	record LastSync(String objectType, String objectLabel, String direction, @Nullable Long runId,
			@Nullable Instant at) {
	}

}
