package dev.sfsync.system;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.servlet.DispatcherType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * Every endpoint requires a signed-in user, except the liveness and readiness probes that
 * Kubernetes calls without credentials (they show only UP or DOWN); changing a run
 * (start, restart, stop, abandon, recover) needs the OPERATOR role.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

	private static final Log logger = LogFactory.getLog(SecurityConfiguration.class);

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties,
			ObjectProvider<ClientRegistrationRepository> openIdProviders) throws Exception {
		http.authorizeHttpRequests(
				(requests) -> requests.requestMatchers("/actuator/health/liveness", "/actuator/health/readiness")
					.permitAll()
					// Sync activity: ADMIN views and exports, OPERATOR also restarts and
					// stops runs.
					.requestMatchers(HttpMethod.POST, "/api/activity/runs/*/restart", "/api/activity/runs/*/stop")
					.hasRole("OPERATOR")
					.requestMatchers("/api/activity/**", "/", "/index.html", "/activity.*")
					.hasAnyRole("ADMIN", "OPERATOR")
					.requestMatchers(HttpMethod.POST, "/api/runs", "/api/runs/**")
					.hasRole("OPERATOR")
					.anyRequest()
					.authenticated());
		// State-changing calls need the XSRF-TOKEN cookie's value in an X-XSRF-TOKEN
		// header.
		http.csrf((csrf) -> csrf.spa().csrfTokenRepository(xsrfTokenCookie()));
		// Failed sign-ins of both logins are throttled: LoginThrottleConfiguration.
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

	/**
	 * The XSRF-TOKEN cookie of {@code csrf.spa()}, SameSite=Lax like the session cookie;
	 * Secure when the request came over TLS (directly or as X-Forwarded-Proto says).
	 */
	private static CookieCsrfTokenRepository xsrfTokenCookie() {
		CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
		repository.setCookieCustomizer((cookie) -> cookie.sameSite("Lax"));
		return repository;
	}

	@Bean
	UserDetailsService localUsers(SecurityProperties properties, Environment environment) {
		if (properties.users().isEmpty()) {
			logger.warn("No local users are configured (sfsync.security.users): nobody can sign in");
		}
		// Hashed passwords only, but in the local profile, which is never deployed.
		List<String> passwords = LocalPasswords.stored(
				properties.users().stream().map(SecurityProperties.LocalUser::password).toList(),
				RunningProfiles.onlyAmong(environment, Set.of("local")));
		return new InMemoryUserDetailsManager(properties.users()
			.stream()
			.map((user) -> User.withUsername(user.username())
				.password(passwords.get(properties.users().indexOf(user)))
				.authorities(authorities(user))
				.build())
			.toList());
	}

	/**
	 * The user's roles, and a {@code CONNECTION_<id>} authority for each connection whose
	 * sync activity they see ({@code CONNECTION_*}: every connection).
	 */
	private static String[] authorities(SecurityProperties.LocalUser user) {
		return Stream
			.concat(user.roles().stream().map((role) -> "ROLE_" + role),
					user.connections().stream().map((connection) -> "CONNECTION_" + connection))
			.toArray(String[]::new);
	}

}
