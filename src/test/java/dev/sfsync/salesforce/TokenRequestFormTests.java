package dev.sfsync.salesforce;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token request's form goes on the wire url-encoded, and shows its secrets to no one
 * else: its {@code toString()} is what a logger would print.
 */
class TokenRequestFormTests {

	private final TokenRequestForm form = new TokenRequestForm().add("grant_type", "password")
		.add("client_id", "3MVG9key")
		.add("client_secret", "s3cr3t")
		.add("username", "integration@acme.example")
		.add("password", "hunter2&token");

	@Test
	void writesTheFormUrlEncodedAsOftenAsAsked() throws Exception {
		for (int i = 0; i < 2; i++) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			this.form.writeTo(body);
			assertThat(body.toString(StandardCharsets.UTF_8)).isEqualTo("grant_type=password&client_id=3MVG9key"
					+ "&client_secret=s3cr3t&username=integration%40acme.example&password=hunter2%26token");
		}
		assertThat(this.form.repeatable()).isTrue();
	}

	@Test
	void showsTheFieldsButNotTheSecrets() {
		assertThat(this.form).hasToString("TokenRequestForm[grant_type=password, client_id=3MVG9key,"
				+ " client_secret=(hidden), username=integration@acme.example, password=(hidden)]");
		assertThat(new TokenRequestForm().add("refresh_token", "5Aep").add("assertion", "eyJ").toString())
			.doesNotContain("5Aep")
			.doesNotContain("eyJ");
	}

}
