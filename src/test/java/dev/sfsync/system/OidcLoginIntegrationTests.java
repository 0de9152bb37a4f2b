package dev.sfsync.system;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With an OpenID Connect provider configured, users can sign in through it next to the
 * local users: the sign-in redirects to the provider's authorization endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
		"spring.security.oauth2.client.registration.corp.client-id=sfsync",
		"spring.security.oauth2.client.registration.corp.client-secret=secret",
		"spring.security.oauth2.client.registration.corp.scope=openid",
		"spring.security.oauth2.client.registration.corp.authorization-grant-type=authorization_code",
		"spring.security.oauth2.client.registration.corp.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
		"spring.security.oauth2.client.provider.corp.authorization-uri=https://idp.example/authorize",
		"spring.security.oauth2.client.provider.corp.token-uri=https://idp.example/token",
		"spring.security.oauth2.client.provider.corp.jwk-set-uri=https://idp.example/jwks",
		"spring.security.oauth2.client.provider.corp.user-info-uri=https://idp.example/userinfo",
		"spring.security.oauth2.client.provider.corp.user-name-attribute=sub" })
@AutoConfigureMockMvc
class OidcLoginIntegrationTests extends IntegrationTestSupport {

	@Autowired
	MockMvc mvc;

	@Test
	void signingInThroughTheProviderRedirectsToItsAuthorizationEndpoint() throws Exception {
		this.mvc.perform(get("/oauth2/authorization/corp"))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", startsWith("https://idp.example/authorize?response_type=code")));
		this.mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("/oauth2/authorization/corp")));
	}

}
