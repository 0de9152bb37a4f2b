package dev.sfsync.inbound;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the app already knows about a Salesforce record, found by the page enricher in one
 * query per page: the stored row, and the lookups the rules need. The inbound rules never
 * do I/O.
 *
 * @param appId the app row's id, null when the record is new to the app
 * @param storedModstamp the SystemModstamp the app row was written from
 * @param storedColumns the app row's mapped columns, to tell whether anything changed
 * @param accountKnown whether the record's account is in the app
 * @param opportunityKnown whether the record's opportunity is in the app
 * @param contactByEmail the app contact found by the record's email, if any
 * @param contactByUserId the app contact found by the record's user id, if any
 */
public record AppState(@Nullable Long appId, @Nullable Instant storedModstamp,
		Map<String, @Nullable Object> storedColumns, boolean accountKnown, boolean opportunityKnown,
		@Nullable Long contactByEmail, @Nullable Long contactByUserId) {

	/** A record the app has never seen, with nothing known around it. */
	public static final AppState NEW = new AppState(null, null, Map.of(), false, false, null, null);

	public AppState {
		storedColumns = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(storedColumns));
	}

	public boolean exists() {
		return this.appId != null;
	}

}
