package dev.sfsync.system;

import java.util.List;
import java.util.stream.Stream;

import dev.sfsync.tenancy.Authorization;
import dev.sfsync.tenancy.Role;
import dev.sfsync.tenancy.Tenant;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Signs users in (local users, HTTP Basic and form login, or OpenID Connect) and hands
 * every request to the one {@link Authorization}: only the liveness and readiness probes
 * that Kubernetes calls answer without credentials (UP or DOWN only).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

	private static final Log logger = LogFactory.getLog(SecurityConfiguration.class);

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties,
			ObjectProvider<ClientRegistrationRepository> openIdProviders, Authorization authorization,
			AccessDeniedHandler refusals) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().access(authorization));
		// Another tenant's resource answers 404, a missing role 403.
		http.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler(refusals));
		// State-changing calls need the XSRF-TOKEN cookie's value in an X-XSRF-TOKEN
		// header.
		http.csrf((csrf) -> csrf.spa());
		http.httpBasic(Customizer.withDefaults());
		http.formLogin(Customizer.withDefaults());
		// Production may sign users in through an OpenID Connect provider
		// (spring.security.oauth2.client.registration.*) next to the local users.
		if (openIdProviders.getIfAvailable() != null) {
			http.oauth2Login((login) -> login.userInfoEndpoint(
					(userInfo) -> userInfo.userAuthoritiesMapper(new OidcAuthoritiesMapper(properties.oidc()))));
		}
		return http.build();
	}

	@Bean
	UserDetailsService localUsers(SecurityProperties properties) {
		for (int i = 0; i < properties.users().size(); i++) {
			check(i, properties.users().get(i));
		}
		if (properties.users().isEmpty()) {
			logger.warn("No local users are configured (sfsync.security.users): nobody can sign in");
		}
		var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		return new InMemoryUserDetailsManager(properties.users()
			.stream()
			.map((user) -> User.withUsername(user.username())
				.password(user.password())
				.passwordEncoder((raw) -> raw.startsWith("{") ? raw : encoder.encode(raw))
				.authorities(authorities(user))
				.build())
			.toList());
	}

	/**
	 * Refuses a user whose roles are not sfsync's, or who is given every connection
	 * ({@code *}) without being the platform.
	 */
	private static void check(int index, SecurityProperties.LocalUser user) {
		List<String> roles = Stream.of(Role.values()).map(Role::name).toList();
		for (String role : user.roles()) {
			if (!roles.contains(role)) {
				throw new IllegalStateException(
						"sfsync.security.users[" + index + "].roles: '" + role + "' is not a role; roles are " + roles);
			}
		}
		if (user.connections().contains("*") && !user.roles().contains(Role.PLATFORM.name())) {
			throw new IllegalStateException("sfsync.security.users[" + index + "].connections: '*' (every"
					+ " connection) is for PLATFORM users only; list the tenant's connection ids instead");
		}
	}

	/**
	 * The user's roles, and a {@code CONNECTION_<id>} authority for each connection whose
	 * data they reach (a PLATFORM user reaches every connection).
	 */
	private static String[] authorities(SecurityProperties.LocalUser user) {
		return Stream
			.concat(user.roles().stream().map((role) -> Role.valueOf(role).authority()),
					user.connections().stream().map((connection) -> Tenant.CONNECTION_AUTHORITY_PREFIX + connection))
			.toArray(String[]::new);
	}

}
