package dev.sfsync.activity;

import java.time.Clock;

import java.util.List;
import java.util.Optional;

import dev.sfsync.tenancy.Tenant;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The activity API's web adapter without a database: parameters become a filter and a
 * page, the tenant comes from the signed-in user, a bad parameter is a 400 that never
 * reaches the service, and a run the service does not find is a 404.
 */
@WebMvcTest(ActivityController.class)
@Import(ActivityControllerTests.Clocks.class)
class ActivityControllerTests {

	/** The context's one clock, as sfsync's system module provides it. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

	}

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ActivityService activity;

	@MockitoBean
	RunControl control;

	@MockitoBean
	ConsoleService console;

	@Test
	void theRunsListPassesTheFiltersPageAndTheUsersConnectionsToTheService() throws Exception {
		given(this.activity.objectTypes()).willReturn(List.of("account", "contact"));
		given(this.activity.runs(any(), any(), any())).willReturn(new PageOf<>(List.of(), 2, 10, 0));
		this.mvc
			.perform(get("/api/activity/runs").param("direction", "outbound")
				.param("objectType", "contact")
				.param("operation", "push-updates")
				.param("status", "Failed")
				.param("problems", "true")
				.param("sort", "ended")
				.param("from", "2026-12-01")
				.param("page", "2")
				.param("size", "10")
				.principal(admin("acme", "globex")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page").value(2));
		then(this.activity).should()
			.runs(eq(Tenant.of(admin("acme", "globex"))),
					eq(new RunFilter(Tab.OUTBOUND, java.time.Instant.parse("2026-12-01T00:00:00Z"), null, "contact",
							"push-updates", RunStatus.FAILED, true, RunFilter.Sort.ENDED)),
					eq(new Paging(2, 10)));
	}

	@Test
	void aBadParameterIsA400ThatNeverReachesTheService() throws Exception {
		this.mvc.perform(get("/api/activity/runs").param("sort", "size").principal(admin("*")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("sort 'size' is not a sort; use started or ended"));
		this.mvc.perform(get("/api/activity/runs").param("problems", "1 OR 1=1").principal(admin("*")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("problems '1 OR 1=1' is not true or false"));
		this.mvc.perform(get("/api/activity/runs/{id}", "latest").principal(admin("*")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("id 'latest' is not a whole number"));
		then(this.activity).should(never()).runs(any(), any(), any());
		then(this.activity).should(never()).run(any(), anyLong());
	}

	/**
	 * A signed-in ADMIN who sees the connections (this slice has no security filters: the
	 * principal is the request's).
	 */
	private static Authentication admin(String... connections) {
		List<SimpleGrantedAuthority> authorities = new java.util.ArrayList<>();
		authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
		for (String connection : connections) {
			authorities.add(new SimpleGrantedAuthority("CONNECTION_" + connection));
		}
		return UsernamePasswordAuthenticationToken.authenticated("admin", null, authorities);
	}

	@Test
	void aRunTheServiceDoesNotFindIsA404() throws Exception {
		given(this.activity.run(any(), anyLong())).willReturn(Optional.empty());
		given(this.activity.records(any(), anyLong(), any(), any())).willReturn(Optional.empty());
		this.mvc.perform(get("/api/activity/runs/{id}", 42).principal(admin("acme"))).andExpect(status().isNotFound());
		this.mvc.perform(get("/api/activity/runs/{id}/records", 42).principal(admin("acme")))
			.andExpect(status().isNotFound());
	}

}
