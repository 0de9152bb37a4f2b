package dev.sfsync.system;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An OpenID Connect user's roles and connections come from the configured claims.
 */
class OidcAuthoritiesMapperTests {

	@Test
	void rolesAndConnectionsComeFromTheConfiguredClaims() {
		OidcIdToken token = new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60),
				Map.of("sub", "ada", "groups", List.of("ADMIN", "OPERATOR"), "tenants", "acme globex"));
		OidcAuthoritiesMapper mapper = new OidcAuthoritiesMapper(new SecurityProperties.Oidc("groups", "tenants"));
		assertThat(mapper.mapAuthorities(List.of(new OidcUserAuthority(token)))
			.stream()
			.map(GrantedAuthority::getAuthority))
			.containsExactly("ROLE_ADMIN", "ROLE_OPERATOR", "CONNECTION_acme", "CONNECTION_globex");
	}

	@Test
	void aUserWithoutTheClaimsGetsNoRoleAndNoConnection() {
		OidcIdToken token = new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60),
				Map.of("sub", "bob"));
		OidcAuthoritiesMapper mapper = new OidcAuthoritiesMapper(
				new SecurityProperties.Oidc("sfsync_roles", "sfsync_connections"));
		assertThat(mapper.mapAuthorities(List.of(new OidcUserAuthority(token)))).isEmpty();
	}

}
