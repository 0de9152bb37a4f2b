package dev.sfsync.salesforce;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SalesforceLoginTests {

	@Test
	void eachFlowNamesTheFieldsItNeedsAndWhichAreMissing() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SalesforceLogin.JwtBearer("https://login.salesforce.com", "key", "", null, null))
			.withMessage(
					"The jwt-bearer login needs loginUrl, clientId, username, privateKey; missing: username, privateKey");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SalesforceLogin.RefreshToken("https://login.salesforce.com", "key", null, " "))
			.withMessage("The refresh-token login needs loginUrl, clientId, refreshToken; missing: refreshToken");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SalesforceLogin.UsernamePassword(null, "key", "secret", "user", "pw"))
			.withMessage("The username-password login needs loginUrl, clientId, clientSecret, username, password;"
					+ " missing: loginUrl");
	}

	@Test
	void noLoginOrTokenShowsItsSecrets() {
		String pem = "-----BEGIN PRIVATE KEY-----\nMIIEsecret\n-----END PRIVATE KEY-----";
		assertThat(new SalesforceLogin.JwtBearer("https://login.salesforce.com", "key", "user", pem, null).toString())
			.doesNotContain("MIIEsecret");
		assertThat(new SalesforceLogin.RefreshToken("https://x", "key", "s3cr3t", "5Aeptoken").toString())
			.doesNotContain("s3cr3t")
			.doesNotContain("5Aeptoken");
		assertThat(new SalesforceLogin.UsernamePassword("https://x", "key", "s3cr3t", "user", "hunter2").toString())
			.doesNotContain("s3cr3t")
			.doesNotContain("hunter2");
		assertThat(new AccessToken("00D!secret", "https://x", java.time.Instant.EPOCH).toString())
			.doesNotContain("00D!secret");
	}

}
