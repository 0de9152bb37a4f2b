package dev.sfsync.system;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;

/**
 * Gives a user who signs in through OpenID Connect the same authorities as a local user:
 * a role for each value of the roles claim and a connection for each value of the
 * connections claim, so that sync activity is limited to the user's connections.
 */
class OidcAuthoritiesMapper implements GrantedAuthoritiesMapper {

	private final SecurityProperties.Oidc oidc;

	OidcAuthoritiesMapper(SecurityProperties.Oidc oidc) {
		this.oidc = oidc;
	}

	@Override
	public Collection<? extends GrantedAuthority> mapAuthorities(Collection<? extends GrantedAuthority> authorities) {
		Set<GrantedAuthority> mapped = new LinkedHashSet<>();
		for (GrantedAuthority authority : authorities) {
			Map<String, Object> claims = (authority instanceof OidcUserAuthority user) ? user.getIdToken().getClaims()
					: (authority instanceof OAuth2UserAuthority user) ? user.getAttributes() : Map.of();
			values(claims.get(this.oidc.rolesClaim()))
				.forEach((role) -> mapped.add(new SimpleGrantedAuthority("ROLE_" + role)));
			values(claims.get(this.oidc.connectionsClaim()))
				.forEach((connection) -> mapped.add(new SimpleGrantedAuthority("CONNECTION_" + connection)));
			if (authority instanceof OidcUserAuthority user && user.getUserInfo() != null) {
				values(user.getUserInfo().getClaims().get(this.oidc.rolesClaim()))
					.forEach((role) -> mapped.add(new SimpleGrantedAuthority("ROLE_" + role)));
				values(user.getUserInfo().getClaims().get(this.oidc.connectionsClaim()))
					.forEach((connection) -> mapped.add(new SimpleGrantedAuthority("CONNECTION_" + connection)));
			}
		}
		return mapped;
	}

	/** A claim that is a list, or one value, or a space- or comma-separated string. */
	private static List<String> values(Object claim) {
		if (claim instanceof Collection<?> collection) {
			return collection.stream().map(String::valueOf).map(String::trim).filter((v) -> !v.isEmpty()).toList();
		}
		if (claim instanceof String text) {
			return List.of(text.split("[\\s,]+")).stream().filter((v) -> !v.isEmpty()).toList();
		}
		return List.of();
	}

}
