package dev.sfsync.tenancy;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * A signed-in user as the authorization sees them: their roles (with the roles they
 * imply) and the connections whose data they reach. A {@code PLATFORM} user reaches every
 * connection; anyone else only the connections of their {@code CONNECTION_<id>}
 * authorities, and never through {@code *}. Every query a user triggers is limited to
 * {@link #connectionIds()} unless {@link #all()}.
 *
 * @param name the user's name
 * @param roles the user's roles, implied ones included
 * @param all whether the user reaches every connection (PLATFORM only)
 * @param connectionIds the connections the user reaches when not all
 */
public record Tenant(String name, Set<Role> roles, boolean all, Set<String> connectionIds) {

	/** The prefix of a connection authority: {@code CONNECTION_acme}. */
	public static final String CONNECTION_AUTHORITY_PREFIX = "CONNECTION_";

	/** The command line and the scheduler: the platform itself. */
	public static final Tenant PLATFORM = new Tenant("sfsync", EnumSet.allOf(Role.class), true, Set.of());

	public Tenant {
		roles = Set.copyOf(roles);
		connectionIds = Set.copyOf(connectionIds);
	}

	public static Tenant of(Authentication authentication) {
		return of(authentication.getName(), authentication.getAuthorities());
	}

	public static Tenant of(String name, Collection<? extends GrantedAuthority> authorities) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		Set<String> ids = new TreeSet<>();
		for (GrantedAuthority authority : authorities) {
			String value = authority.getAuthority();
			if (value == null) {
				continue;
			}
			for (Role role : Role.values()) {
				if (value.equals(role.authority())) {
					roles.addAll(role.implied());
				}
			}
			if (value.startsWith(CONNECTION_AUTHORITY_PREFIX)) {
				ids.add(value.substring(CONNECTION_AUTHORITY_PREFIX.length()));
			}
		}
		boolean platform = roles.contains(Role.PLATFORM);
		// "*" stands for every connection for the platform only; for anyone else it is no
		// connection at all.
		ids.remove("*");
		return new Tenant(name, roles, platform, platform ? Set.of() : ids);
	}

	/** Whether this user has the role, directly or through a higher one. */
	public boolean has(Role role) {
		return this.roles.contains(role);
	}

	/** Whether this user reaches the connection's data. */
	public boolean reaches(@Nullable String connectionId) {
		return this.all || (connectionId != null && this.connectionIds.contains(connectionId));
	}

	/** Whether this user reaches no connection at all. */
	public boolean none() {
		return !this.all && this.connectionIds.isEmpty();
	}

}
