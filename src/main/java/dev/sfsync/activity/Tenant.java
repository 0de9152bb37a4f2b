package dev.sfsync.activity;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The connections whose runs and records a signed-in user may see, from the user's
 * {@code CONNECTION_<id>} authorities ({@code CONNECTION_*} for every connection).
 *
 * @param all whether the user sees every connection
 * @param connectionIds the connections the user sees when not all
 */
record Tenant(boolean all, Set<String> connectionIds) {

	static final String AUTHORITY_PREFIX = "CONNECTION_";

	static Tenant of(Authentication authentication) {
		return of(authentication.getAuthorities());
	}

	static Tenant of(Collection<? extends GrantedAuthority> authorities) {
		Set<String> ids = new TreeSet<>();
		for (GrantedAuthority authority : authorities) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith(AUTHORITY_PREFIX)) {
				ids.add(name.substring(AUTHORITY_PREFIX.length()));
			}
		}
		return ids.contains("*") ? new Tenant(true, Set.of()) : new Tenant(false, Set.copyOf(ids));
	}

	/** Whether this user can see nothing at all. */
	boolean none() {
		return !this.all && this.connectionIds.isEmpty();
	}

}
