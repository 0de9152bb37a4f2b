package dev.sfsync.system;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Local users who may sign in. Production sets them from a Secret (with {bcrypt}
 * passwords) or signs users in through OpenID Connect; the local default has a demo user.
 *
 * @param users the local users
 * @param oidc how users who sign in through OpenID Connect get their roles and
 * connections
 */
@ConfigurationProperties("sfsync.security")
public record SecurityProperties(@DefaultValue List<LocalUser> users, @DefaultValue Oidc oidc) {

	/**
	 * The ID token (or user info) claims that name an OpenID Connect user's roles and
	 * connections.
	 *
	 * @param rolesClaim the claim whose values are roles: PLATFORM, ADMIN, OPERATOR,
	 * METRICS
	 * @param connectionsClaim the claim whose values are connection ids ({@code *} counts
	 * for PLATFORM users only)
	 */
	public record Oidc(@DefaultValue("sfsync_roles") String rolesClaim,
			@DefaultValue("sfsync_connections") String connectionsClaim) {

	}

	/**
	 * One local user.
	 *
	 * @param username the login name
	 * @param password the encoded password, for example {@code {bcrypt}$2a$…} or
	 * {@code {noop}demo}
	 * @param roles the roles, none by default: PLATFORM (every connection, the system
	 * jobs, the metrics), ADMIN (a tenant's activity, settings and reconnect), OPERATOR
	 * (an ADMIN who also runs, stops, restarts and recovers runs and re-queues changes),
	 * METRICS (scrapes the metrics)
	 * @param connections the tenant's connections, whose data the user reaches; none by
	 * default ({@code *}, every connection, only with PLATFORM, which reaches them all
	 * anyway)
	 */
	public record LocalUser(String username, String password, @DefaultValue List<String> roles,
			@DefaultValue List<String> connections) {

		@Override
		public String toString() {
			return "LocalUser[username=" + this.username + ", roles=" + this.roles + ", connections=" + this.connections
					+ "]";
		}

	}

}
