package dev.sfsync.salesforce;

import org.jspecify.annotations.Nullable;

/**
 * What a connection's session tells the application as it works: each sign-in and each
 * refused one (the Overview's Connected and Needs reconnect), and each API call (the Rate
 * limits view).
 */
public interface SessionEvents {

	/** Tells nothing. */
	SessionEvents NONE = new SessionEvents() {
	};

	/** Signed in to the org at this instance URL. */
	default void signedIn(String instanceUrl) {
	}

	/** Salesforce refused the sign-in: the connection needs reconnecting. */
	default void signInRefused(SalesforceException failure) {
	}

	/**
	 * One call to the org.
	 * @param objectType the object type of the run that made it, or null
	 * @param kind {@code query}, {@code bulk}, {@code collections}, {@code describe},
	 * {@code limits} or {@code other}
	 */
	default void called(@Nullable String objectType, String kind) {
	}

	/** Salesforce reported the org's API usage (Sforce-Limit-Info, or /limits). */
	default void usageReported(ApiUsage usage) {
	}

	/** The kind of call of a path under {@code /services/data/vXX.X/} or a full path. */
	static String kind(String path) {
		String p = path.replaceFirst("^/services/data/v[0-9.]+/", "");
		if (p.startsWith("query") || p.startsWith("queryAll")) {
			return "query";
		}
		if (p.startsWith("jobs/")) {
			return "bulk";
		}
		if (p.startsWith("composite/")) {
			return "collections";
		}
		if (p.startsWith("sobjects/") && (p.endsWith("/describe") || p.endsWith("/describe/"))) {
			return "describe";
		}
		if (p.startsWith("limits")) {
			return "limits";
		}
		return "other";
	}

}
