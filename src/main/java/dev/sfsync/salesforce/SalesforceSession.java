package dev.sfsync.salesforce;

import java.time.Duration;
import java.time.Instant;
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

	/** When Salesforce last reported the usage, or sfsync last asked for it. */
	private final AtomicReference<@Nullable Instant> usageSeen = new AtomicReference<>();

	private final Duration usageRecheck;

	private final SessionEvents events;

	public SalesforceSession(String connection, SalesforceLogin login, SalesforceAuthenticator authenticator) {
		this(connection, login, authenticator, Duration.ofMinutes(5), SessionEvents.NONE);
	}

	/**
	 * @param usageRecheck how long calls trust a reported usage that is over the budget
	 * before asking Salesforce again
	 * @param events told of each sign-in, refused sign-in and call
	 */
	public SalesforceSession(String connection, SalesforceLogin login, SalesforceAuthenticator authenticator,
			Duration usageRecheck, SessionEvents events) {
		this.connection = connection;
		this.login = login;
		this.authenticator = authenticator;
		this.usageRecheck = usageRecheck;
		this.events = events;
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
				try {
					current = this.authenticator.login(this.login);
				}
				catch (SalesforceException ex) {
					if (ex.runFailureCause() == dev.sfsync.outcome.RunFailureCause.AUTHENTICATION_FAILURE) {
						this.events.signInRefused(ex);
					}
					throw ex;
				}
				this.logins.incrementAndGet();
				this.token.set(current);
				this.events.signedIn(current.instanceUrl());
			}
			return current;
		}
	}

	/** Forgets a token Salesforce refused, so that the next call signs in again. */
	void expire(AccessToken refused) {
		this.token.compareAndSet(refused, null);
	}

	/** Counts one call of the session's connection. */
	void called(@Nullable String objectType, String path) {
		this.events.called(objectType, SessionEvents.kind(path));
	}

	void record(ApiUsage reported) {
		this.events.usageReported(reported);
		this.usage.set(reported);
		this.usageSeen.set(this.authenticator.clock().instant());
	}

	/**
	 * When the usage is to be read again: {@code usageRecheck} after Salesforce last
	 * reported it or sfsync last asked. A usage over the budget refuses every call before
	 * it is sent, so without this nothing would see the allocation reset.
	 */
	Instant nextUsageCheck() {
		Instant seen = this.usageSeen.get();
		return (seen != null) ? seen.plus(this.usageRecheck) : Instant.MIN;
	}

	/**
	 * Claims the usage check that is due, for one caller: true when this caller should
	 * ask Salesforce now.
	 */
	boolean claimUsageCheck() {
		Instant now = this.authenticator.clock().instant();
		Instant seen = this.usageSeen.get();
		return (seen == null || !now.isBefore(seen.plus(this.usageRecheck))) && this.usageSeen.compareAndSet(seen, now);
	}

	/**
	 * While the usage Salesforce last reported is over the budget's total: when sfsync
	 * reads it again (runs resume once it is below).
	 */
	public Optional<Instant> overBudgetUntil(ApiBudget budget) {
		ApiUsage current = this.usage.get();
		return (current != null && budget.overTotal(current)) ? Optional.of(nextUsageCheck()) : Optional.empty();
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
