package dev.sfsync.connection;

import java.time.Duration;
import java.util.List;

import dev.sfsync.salesforce.LoginUrls;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a connection may point at beyond Salesforce's own login servers.
 *
 * @param allowedLoginUrls login URL prefixes allowed besides Salesforce's
 * ({@code https://login.salesforce.com}, {@code https://test.salesforce.com},
 * {@code https://*.my.salesforce.com}, {@code https://*.sandbox.my.salesforce.com}), such
 * as {@code http://127.0.0.1:8089}; plain http only when listed here, and a {@code *}
 * port (any port) is meant for tests
 * @param usageRecheck how long a connection's calls trust the API usage Salesforce last
 * reported once it is over the budget, before one call to {@code /limits} reads it again:
 * a reset allocation is seen within this time, without a human
 */
@ConfigurationProperties("sfsync.connections")
public record ConnectionsProperties(@DefaultValue List<String> allowedLoginUrls,
		@DefaultValue("5m") Duration usageRecheck) {

	public ConnectionsProperties {
		allowedLoginUrls = List.copyOf(allowedLoginUrls);
		if (usageRecheck.isNegative() || usageRecheck.isZero() || usageRecheck.compareTo(Duration.ofDays(1)) > 0) {
			throw new IllegalArgumentException(
					"sfsync.connections.usage-recheck must be above 0 and at most 1d; was " + usageRecheck);
		}
		// Fails startup with the key and the entry when one is not a URL prefix.
		loginUrls(allowedLoginUrls);
	}

	/** Salesforce's login servers and the configured ones. */
	LoginUrls loginUrls() {
		return loginUrls(this.allowedLoginUrls);
	}

	private static LoginUrls loginUrls(List<String> allowed) {
		return LoginUrls.of(allowed, "sfsync.connections.allowed-login-urls");
	}

}
