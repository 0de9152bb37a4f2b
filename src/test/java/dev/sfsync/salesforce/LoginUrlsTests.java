package dev.sfsync.salesforce;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The login URL allow-list: matched on the parsed URL, never on text, so lookalikes are
 * refused.
 */
class LoginUrlsTests {

	private final LoginUrls salesforceOnly = LoginUrls.of(List.of(), "key");

	private final LoginUrls withEmulator = LoginUrls
		.of(List.of("http://127.0.0.1:8089", "https://proxy.example.com/sf"), "key");

	private final LoginUrls forTests = LoginUrls.of(List.of("http://localhost:*"), "key");

	@Test
	void allowsSalesforcesLoginServersAndMyDomainsWhateverTheCaseOfTheHost() {
		assertThat(this.salesforceOnly.allows("https://login.salesforce.com")).isTrue();
		assertThat(this.salesforceOnly.allows("https://login.salesforce.com/")).isTrue();
		assertThat(this.salesforceOnly.allows("https://LOGIN.Salesforce.com")).isTrue();
		assertThat(this.salesforceOnly.allows("https://login.salesforce.com:443")).isTrue();
		assertThat(this.salesforceOnly.allows("https://test.salesforce.com")).isTrue();
		assertThat(this.salesforceOnly.allows("https://acme.my.salesforce.com")).isTrue();
		assertThat(this.salesforceOnly.allows("https://acme--uat.sandbox.my.salesforce.com")).isTrue();
	}

	@Test
	void refusesLookalikesOfSalesforcesHosts() {
		assertThat(this.salesforceOnly.refusal("https://login.salesforce.com.evil.com"))
			.hasValue("it is not a Salesforce login server nor one this deployment allows");
		assertThat(this.salesforceOnly.refusal("https://login.salesforce.com@evil.com"))
			.hasValue("it has user info (user@host)");
		assertThat(this.salesforceOnly.allows("https://evil.com#login.salesforce.com")).isFalse();
		assertThat(this.salesforceOnly.allows("https://evil.com/?login.salesforce.com")).isFalse();
		assertThat(this.salesforceOnly.allows("https://evillogin.salesforce.com")).isFalse();
		assertThat(this.salesforceOnly.allows("https://my.salesforce.com")).isFalse();
		assertThat(this.salesforceOnly.allows("https://a.b.my.salesforce.com.evil.com")).isFalse();
		assertThat(this.salesforceOnly.allows("https://evil.com/.my.salesforce.com")).isFalse();
		assertThat(this.salesforceOnly.allows("https://evil.com\\@login.salesforce.com")).isFalse();
		assertThat(this.salesforceOnly.allows("https://l\u043Egin.salesforce.com")).isFalse();
		assertThat(this.salesforceOnly.allows("https://login.salesforce.com.")).isFalse();
	}

	@Test
	void wildcardsStandForOneLabel() {
		assertThat(this.salesforceOnly.allows("https://a.b.my.salesforce.com")).isFalse();
		assertThat(this.salesforceOnly.allows("https://-acme.my.salesforce.com")).isFalse();
		assertThat(this.salesforceOnly.allows("https://.my.salesforce.com")).isFalse();
	}

	@Test
	void salesforceServersAreHttpsOnTheirDefaultPortOnly() {
		assertThat(this.salesforceOnly.refusal("http://login.salesforce.com")).hasValue("plain http is not allowed");
		assertThat(this.salesforceOnly.allows("https://login.salesforce.com:8443")).isFalse();
		assertThat(this.salesforceOnly.allows("ftp://login.salesforce.com")).isFalse();
		assertThat(this.salesforceOnly.allows("//login.salesforce.com")).isFalse();
		assertThat(this.salesforceOnly.allows("login.salesforce.com")).isFalse();
		assertThat(this.salesforceOnly.allows("https:login.salesforce.com")).isFalse();
		assertThat(this.salesforceOnly.allows(null)).isFalse();
		assertThat(this.salesforceOnly.allows(" ")).isFalse();
	}

	@Test
	void refusesUserInfoQueriesAndFragmentsEvenOnAllowedHosts() {
		assertThat(this.salesforceOnly.refusal("https://user:pw@login.salesforce.com"))
			.hasValue("it has user info (user@host)");
		assertThat(this.salesforceOnly.refusal("https://login.salesforce.com?x=1"))
			.hasValue("it has a query or a fragment");
		assertThat(this.salesforceOnly.refusal("https://login.salesforce.com#x"))
			.hasValue("it has a query or a fragment");
		assertThat(this.salesforceOnly.refusal("https://login.salesforce.com/../x"))
			.hasValue("its path is not a plain path");
		assertThat(this.salesforceOnly.refusal("https://login.salesforce.com/%2e%2e/x"))
			.hasValue("its path is not a plain path");
	}

	@Test
	void configuredPrefixesMatchSchemeHostPortAndPathOnASegmentBoundary() {
		assertThat(this.withEmulator.allows("http://127.0.0.1:8089")).isTrue();
		assertThat(this.withEmulator.allows("http://127.0.0.1:8089/")).isTrue();
		assertThat(this.withEmulator.allows("http://127.0.0.1:80899")).isFalse();
		assertThat(this.withEmulator.allows("http://127.0.0.1:808")).isFalse();
		assertThat(this.withEmulator.allows("http://127.0.0.1")).isFalse();
		assertThat(this.withEmulator.allows("https://127.0.0.1:8089")).isFalse();
		assertThat(this.withEmulator.allows("http://127.0.0.10:8089")).isFalse();
		assertThat(this.withEmulator.allows("http://127.0.0.1:8089@evil.com")).isFalse();
		assertThat(this.withEmulator.allows("http://localhost:8089")).isFalse();
		assertThat(this.withEmulator.allows("https://proxy.example.com/sf")).isTrue();
		assertThat(this.withEmulator.allows("https://proxy.example.com/sf/acme")).isTrue();
		assertThat(this.withEmulator.allows("https://proxy.example.com/sfx")).isFalse();
		assertThat(this.withEmulator.allows("https://proxy.example.com/")).isFalse();
		assertThat(this.withEmulator.allows("https://proxy.example.com/sf/../admin")).isFalse();
	}

	@Test
	void anAsteriskPortTakesAnyPortButOnlyARealOne() {
		assertThat(this.forTests.allows("http://localhost:1")).isTrue();
		assertThat(this.forTests.allows("http://localhost:65535")).isTrue();
		assertThat(this.forTests.allows("http://LOCALHOST:8089")).isTrue();
		assertThat(this.forTests.allows("http://localhost")).isTrue();
		assertThat(this.forTests.allows("http://localhost:65536")).isFalse();
		assertThat(this.forTests.allows("http://localhost:0")).isFalse();
		assertThat(this.forTests.allows("http://localhost:80899")).isFalse();
		assertThat(this.forTests.allows("http://localhost.evil.com:8089")).isFalse();
		assertThat(this.forTests.allows("http://127.0.0.1:8089")).isFalse();
	}

	@Test
	void aConfiguredEntryThatIsNotAUrlPrefixStopsStartupNamingTheKey() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoginUrls.of(List.of("http://127.0.0.1:8089", "127.0.0.1:8089"),
					"sfsync.connections.allowed-login-urls"))
			.withMessageStartingWith(
					"sfsync.connections.allowed-login-urls[1] '127.0.0.1:8089' is not a login URL prefix");
		assertThatIllegalArgumentException().isThrownBy(() -> LoginUrls.of(List.of("http://localhost:99999"), "key"))
			.withMessageContaining("port 99999 is not from 1 to 65535");
		assertThatIllegalArgumentException().isThrownBy(() -> LoginUrls.of(List.of("http://x?y"), "key"));
		assertThatIllegalArgumentException().isThrownBy(() -> LoginUrls.of(List.of("http://u@x"), "key"));
	}

	@Test
	void aShownUrlHidesItsUserInfoAndQuery() {
		assertThat(LoginUrls.shown("https://user:hunter2@evil.com/x?token=s3cr3t"))
			.isEqualTo("https://(hidden)@evil.com/x?(hidden)");
		assertThat(LoginUrls.shown("https://login.salesforce.com@evil.com")).isEqualTo("https://(hidden)@evil.com");
	}

	@Test
	void theAuthenticatorRefusesADisallowedLoginUrlBeforeSendingAnything() {
		SalesforceAuthenticator authenticator = new SalesforceAuthenticator(RestClient.builder(), Clock.systemUTC(),
				this.salesforceOnly, JsonMapper.builder().build());
		assertThatExceptionOfType(SalesforceException.class)
			.isThrownBy(() -> authenticator
				.login(new SalesforceLogin.UsernamePassword("http://127.0.0.1:1", "key", "secret", "user", "hunter2")))
			.satisfies((refused) -> {
				assertThat(refused.getMessage())
					.startsWith(
							"The connection's loginUrl http://127.0.0.1:1 is not an allowed login server (plain http is"
									+ " not allowed); nothing was sent to it.")
					.doesNotContain("hunter2");
				assertThat(refused.status()).isZero();
				assertThat(refused.errorCode()).isEqualTo("LOGIN_URL_NOT_ALLOWED");
				assertThat(refused.runFailureCause())
					.isEqualTo(dev.sfsync.outcome.RunFailureCause.AUTHENTICATION_FAILURE);
				assertThat(refused.isTransient()).isFalse();
			});
	}

}
