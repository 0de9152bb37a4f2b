package dev.sfsync.salesforce;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * A connection's signed-in session, shared by all its runs: the cached access token
 * (signed in on first use, again when it expires) and the API usage Salesforce last
 * reported.
 */
public final class SalesforceSession {

	private final String connection;

	private final SalesforceLogin login;

	private final SalesforceAuthenticator authenticator;

	private final AtomicReference<@Nullable AccessToken> token = new AtomicReference<>();

	private final AtomicReference<@Nullable ApiUsage> usage = new AtomicReference<>();

	private final AtomicInteger logins = new AtomicInteger();

	public SalesforceSession(String connection, SalesforceLogin login, SalesforceAuthenticator authenticator) {
		this.connection = connection;
		this.login = login;
		this.authenticator = authenticator;
	}

	public String connection() {
		return this.connection;
	}

	/** The current token, signing in if there is none. */
	AccessToken token() {
		AccessToken current = this.token.get();
		if (current != null) {
			return current;
		}
		synchronized (this.token) {
			current = this.token.get();
			if (current == null) {
				current = this.authenticator.login(this.login);
				this.logins.incrementAndGet();
				this.token.set(current);
			}
			return current;
		}
	}

	/** Forgets a token Salesforce refused, so that the next call signs in again. */
	void expire(AccessToken refused) {
		this.token.compareAndSet(refused, null);
	}

	void record(ApiUsage reported) {
		this.usage.set(reported);
	}

	/** The usage Salesforce last reported, if any call answered it yet. */
	public Optional<ApiUsage> apiUsage() {
		return Optional.ofNullable(this.usage.get());
	}

	/** How many times this connection signed in: once, plus once per expired session. */
	public int logins() {
		return this.logins.get();
	}

}
