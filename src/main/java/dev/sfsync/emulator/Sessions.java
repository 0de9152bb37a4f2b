package dev.sfsync.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access and refresh tokens. An access token expires after the session timeout without
 * use, as a Salesforce session does; refresh tokens last until revoked.
 */
final class Sessions {

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Session> byAccessToken = new ConcurrentHashMap<>();

	private final Map<String, Grant> byRefreshToken = new ConcurrentHashMap<>();

	private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();

	private final Map<String, Code> byCode = new ConcurrentHashMap<>();

	private final Clock clock;

	private final Duration timeout;

	Sessions(Clock clock, Duration timeout) {
		this.clock = clock;
		this.timeout = timeout;
	}

	/** Who is signed in through which app. */
	record Grant(String orgId, String userId, String consumerKey) {
	}

	/** A live session. */
	record Session(String accessToken, Grant grant, Instant issuedAt) {

		@Override
		public String toString() {
			return "Session[grant=" + this.grant + ", issuedAt=" + this.issuedAt + ", accessToken=(hidden)]";
		}

	}

	Session open(Grant grant) {
		String token = grant.orgId().substring(0, 15) + "!" + randomToken(72);
		Session session = new Session(token, grant, this.clock.instant());
		this.byAccessToken.put(token, session);
		touch(token);
		return session;
	}

	String refreshTokenFor(Grant grant) {
		String token = "5Aep" + randomToken(60);
		this.byRefreshToken.put(token, grant);
		return token;
	}

	/** An authorization code of the web-server flow: for one grant and redirect URI. */
	private record Code(Grant grant, String redirectUri, Instant expires) {
	}

	/** A code the user's approval gives the app, good once for 10 minutes. */
	String authorizationCode(Grant grant, String redirectUri) {
		String code = "aPrx" + randomToken(48);
		this.byCode.put(code, new Code(grant, redirectUri, this.clock.instant().plus(Duration.ofMinutes(10))));
		return code;
	}

	/** The grant of a code, once: for the app and redirect URI it was given to. */
	Optional<Grant> redeem(String code, String consumerKey, String redirectUri) {
		Code given = this.byCode.remove(code);
		if (given == null || given.expires().isBefore(this.clock.instant())
				|| !given.grant().consumerKey().equals(consumerKey) || !given.redirectUri().equals(redirectUri)) {
			return Optional.empty();
		}
		return Optional.of(given.grant());
	}

	Optional<Grant> refresh(String refreshToken) {
		return Optional.ofNullable(this.byRefreshToken.get(refreshToken));
	}

	/** The session of a bearer token, if it is known and has not timed out. */
	Optional<Session> use(String accessToken) {
		Session session = this.byAccessToken.get(accessToken);
		if (session == null) {
			return Optional.empty();
		}
		Instant last = this.lastUsed.get(accessToken);
		if (last == null || last.plus(this.timeout).isBefore(this.clock.instant())) {
			this.byAccessToken.remove(accessToken);
			this.lastUsed.remove(accessToken);
			return Optional.empty();
		}
		touch(accessToken);
		return Optional.of(session);
	}

	private void touch(String accessToken) {
		this.lastUsed.put(accessToken, this.clock.instant());
	}

	/** Ends every session of an org now (refresh tokens stay valid), as a fault. */
	int expireAll(String orgId) {
		int before = this.byAccessToken.size();
		this.byAccessToken.values().removeIf((session) -> session.grant().orgId().equals(orgId));
		this.lastUsed.keySet().retainAll(this.byAccessToken.keySet());
		return before - this.byAccessToken.size();
	}

	void revokeRefreshTokens(String orgId) {
		this.byRefreshToken.values().removeIf((grant) -> grant.orgId().equals(orgId));
	}

	private String randomToken(int bytes) {
		byte[] buffer = new byte[bytes];
		this.random.nextBytes(buffer);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer).substring(0, bytes);
	}

}
