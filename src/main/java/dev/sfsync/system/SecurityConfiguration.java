package dev.sfsync.system;

import jakarta.servlet.DispatcherType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

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
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(
				(requests) -> requests.requestMatchers("/actuator/health/liveness", "/actuator/health/readiness")
					.permitAll()
					.requestMatchers(HttpMethod.POST, "/api/runs", "/api/runs/**")
					.hasRole("OPERATOR")
					.anyRequest()
					.authenticated());
		// State-changing calls need the XSRF-TOKEN cookie's value in an X-XSRF-TOKEN
		// header.
		http.csrf((csrf) -> csrf.spa());
		http.httpBasic(Customizer.withDefaults());
		http.formLogin(Customizer.withDefaults());
		return http.build();
	}

	@Bean
	UserDetailsService localUsers(SecurityProperties properties) {
		if (properties.users().isEmpty()) {
			logger.warn("No local users are configured (sfsync.security.users): nobody can sign in");
		}
		var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		return new InMemoryUserDetailsManager(properties.users()
			.stream()
			.map((user) -> User.withUsername(user.username())
				.password(user.password())
				.passwordEncoder((raw) -> raw.startsWith("{") ? raw : encoder.encode(raw))
				.roles(user.roles().toArray(String[]::new))
				.build())
			.toList());
	}

}
