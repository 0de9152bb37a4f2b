package dev.sfsync.connection;

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
 */
@ConfigurationProperties("sfsync.connections")
public record ConnectionsProperties(@DefaultValue List<String> allowedLoginUrls) {

	public ConnectionsProperties {
		allowedLoginUrls = List.copyOf(allowedLoginUrls);
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
