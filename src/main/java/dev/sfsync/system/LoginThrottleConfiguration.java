package dev.sfsync.system;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * Throttles failed sign-ins (Spring Security has no throttling of its own): the counts,
 * the listener that feeds them, and the filter in front of every security filter chain's
 * logins.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class LoginThrottleConfiguration {

	@Bean
	LoginThrottle loginThrottle(LoginThrottleProperties properties, Clock clock) {
		return new LoginThrottle(properties, clock);
	}

	@Bean
	LoginThrottleListener loginThrottleListener(LoginThrottle throttle) {
		return new LoginThrottleListener(throttle);
	}

	/**
	 * Spring Security applies {@code Customizer<HttpSecurity>} beans to every chain it
	 * builds: the throttle runs before the form login's and HTTP Basic's filters (the
	 * Basic filter comes after the form login's).
	 */
	@Bean
	Customizer<HttpSecurity> loginThrottling(LoginThrottle throttle, JsonMapper json) {
		return (http) -> http.addFilterBefore(new LoginThrottleFilter(throttle, json),
				UsernamePasswordAuthenticationFilter.class);
	}

}
