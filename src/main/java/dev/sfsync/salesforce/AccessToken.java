package dev.sfsync.salesforce;

import java.time.Instant;

/**
 * A session: the bearer token and the instance its API calls go to.
 *
 * @param value the access token
 * @param instanceUrl the org's instance URL
 * @param issuedAt when it was issued
 */
public record AccessToken(String value, String instanceUrl, Instant issuedAt) {

	@Override
	public String toString() {
		return "AccessToken[instanceUrl=" + this.instanceUrl + ", issuedAt=" + this.issuedAt + ", value=(hidden)]";
	}

}
