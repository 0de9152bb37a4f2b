package dev.sfsync.tenancy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.authority.SimpleGrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed-in user's roles and connections, from their authorities: higher roles imply
 * lower ones, and only the platform reaches every connection.
 */
class TenantTests {

	@Test
	void aTenantsUserReachesTheConnectionsOfTheirAuthoritiesOnly() {
		Tenant admin = tenant("ROLE_ADMIN", "CONNECTION_acme", "CONNECTION_globex");
		assertThat(admin.connectionIds()).isEqualTo(Set.of("acme", "globex"));
		assertThat(admin.reaches("acme")).isTrue();
		assertThat(admin.reaches("initech")).isFalse();
		assertThat(admin.reaches(null)).isFalse();
		assertThat(admin.has(Role.ADMIN)).isTrue();
		assertThat(admin.has(Role.OPERATOR)).isFalse();
	}

	@Test
	void everyConnectionIsForThePlatformOnly() {
		Tenant star = tenant("ROLE_OPERATOR", "CONNECTION_*");
		assertThat(star.all()).isFalse();
		assertThat(star.none()).isTrue();
		assertThat(star.reaches("acme")).isFalse();
		Tenant platform = tenant("ROLE_PLATFORM");
		assertThat(platform.all()).isTrue();
		assertThat(platform.reaches("acme")).isTrue();
		assertThat(platform.reaches(null)).isTrue();
	}

	@Test
	void higherRolesImplyLowerOnesButMetricsNothingElse() {
		assertThat(tenant("ROLE_PLATFORM").roles()).containsExactlyInAnyOrder(Role.values());
		assertThat(tenant("ROLE_OPERATOR").roles()).containsExactlyInAnyOrder(Role.OPERATOR, Role.ADMIN);
		assertThat(tenant("ROLE_METRICS").roles()).containsExactly(Role.METRICS);
		assertThat(tenant("CONNECTION_acme").roles()).isEmpty();
		assertThat(tenant("ROLE_SUPERUSER").roles()).isEmpty();
	}

	private static Tenant tenant(String... authorities) {
		return Tenant.of("someone", List.of(authorities).stream().map(SimpleGrantedAuthority::new).toList());
	}

}
