package dev.sfsync.system;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Limits request bodies: a filter in front of every filter that reads a body (Spring
 * MVC's form filter and Spring Security's logins included), and its 413 for bodies that
 * Spring MVC reads past the limit.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebLimitsConfiguration {

	@Bean
	RequestBodyLimitFilter requestBodyLimitFilter(WebLimitsProperties properties, JsonMapper json) {
		return new RequestBodyLimitFilter(properties.maxRequestBody(), json);
	}

	@Bean
	WebMvcConfigurer requestBodyLimitResolver(RequestBodyLimitFilter filter) {
		return new WebMvcConfigurer() {

			@Override
			public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
				// Ahead of the resolver that would answer 400 for an unreadable body.
				resolvers.add(0, filter.exceptionResolver());
			}

		};
	}

}
