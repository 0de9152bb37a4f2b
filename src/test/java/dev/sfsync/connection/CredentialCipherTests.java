package dev.sfsync.connection;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CredentialCipherTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	private final CredentialCipher cipher = new CredentialCipher(KEY, JSON);

	@Test
	void encryptsAndDecryptsWithoutTheSecretInTheStoredBytes() {
		Credentials credentials = new Credentials("consumer-secret", "hunter2", null, null);
		byte[] stored = this.cipher.encrypt(credentials);
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("hunter2")
			.doesNotContain("consumer");
		assertThat(this.cipher.decrypt(stored)).isEqualTo(credentials);
		assertThat(this.cipher.encrypt(credentials)).isNotEqualTo(stored);
	}

	@Test
	void anAlteredValueOrAnotherKeyFailsLoudly() {
		byte[] stored = this.cipher.encrypt(new Credentials("s", "p", null, null));
		stored[stored.length - 1] ^= 1;
		assertThatIllegalStateException().isThrownBy(() -> this.cipher.decrypt(stored))
			.withMessageContaining("the key changed or the value was altered");
		byte[] other = new CredentialCipher(
				Base64.getEncoder()
					.encodeToString(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
							21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 }),
				JSON)
			.encrypt(new Credentials("s", "p", null, null));
		assertThatIllegalStateException().isThrownBy(() -> this.cipher.decrypt(other));
	}

	@Test
	void theKeyMustBeThirtyTwoBase64BytesAndIsNeededOnlyToStoreSecrets() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CredentialCipher("c2hvcnQ=", JSON))
			.withMessage("sfsync.credentials.key must be 32 bytes (AES-256), base64; it has 5 bytes");
		assertThatIllegalStateException()
			.isThrownBy(() -> new CredentialCipher(null, JSON).encrypt(new Credentials("s", null, null, null)))
			.withMessageStartingWith("sfsync.credentials.key is not set");
	}

}
