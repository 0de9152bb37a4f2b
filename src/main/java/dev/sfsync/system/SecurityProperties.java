package dev.sfsync.system;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Local users who may sign in. Production sets them from a Secret (with {bcrypt}
 * passwords); the local default has a demo user.
 *
 * @param users the local users
 */
@ConfigurationProperties("sfsync.security")
public record SecurityProperties(@DefaultValue List<LocalUser> users) {

	/**
	 * One local user.
	 *
	 * @param username the login name
	 * @param password the encoded password, for example {@code {bcrypt}$2a$…} or
	 * {@code {noop}demo}
	 * @param roles the roles: ADMIN views and exports, OPERATOR also restarts and stops
	 * runs
	 * @param connections the connections whose sync activity the user sees, {@code *} for
	 * every connection; none by default
	 */
	public record LocalUser(String username, String password, @DefaultValue("ADMIN") List<String> roles,
			@DefaultValue List<String> connections) {

		@Override
		public String toString() {
			return "LocalUser[username=" + this.username + ", roles=" + this.roles + ", connections=" + this.connections
					+ "]";
		}

	}

}
