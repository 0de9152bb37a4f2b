package dev.sfsync.system;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Local users' passwords must be slow hashes outside the local profile, and the refusal
 * names the key and what is accepted.
 */
class LocalPasswordsTests {

	private static final String BCRYPT = "{bcrypt}$2a$04$RWv6ikiw3AzjFhMlQqXJreHWa8kQM9DR6PFIK.ztTWMKLSqUHs6NS";

	@Test
	void hashedPasswordsAreStoredAsTheyAre() {
		List<String> passwords = List.of(BCRYPT, "{argon2}$argon2id$v=19$m=16384,t=2,p=1$c2FsdA$aGFzaA",
				"{pbkdf2@SpringSecurity_v5_8}5f4dcc3b", "{scrypt}$e0801$c2FsdA==$aGFzaA==");

		assertThat(LocalPasswords.stored(passwords, false)).isEqualTo(passwords);
	}

	@Test
	void plainTextPasswordsAreRefusedOutsideTheLocalProfileNamingEachKey() {
		assertThatIllegalStateException()
			.isThrownBy(() -> LocalPasswords.stored(List.of(BCRYPT, "{noop}admin-test", "secret"), false))
			.withMessageStartingWith("sfsync.security.users[1].password is {noop}; sfsync.security.users[2].password"
					+ " is not encoded. Local users' passwords must be encoded with {bcrypt}, {argon2}, {pbkdf2} or"
					+ " {scrypt}")
			.withMessageEndingWith("plain-text passwords ({noop}) are accepted only in the local profile.")
			.withMessageNotContaining("admin-test")
			.withMessageNotContaining("secret");
	}

	@Test
	void weakOrBrokenEncodingsAreRefusedEvenInTheLocalProfile() {
		assertThatIllegalStateException()
			.isThrownBy(() -> LocalPasswords
				.stored(List.of("{MD5}5f4dcc3b5aa765d61d8327deb882cf99", "{bcrypt}$2a$10$truncated", ""), true))
			.withMessageStartingWith("sfsync.security.users[0].password is {MD5}, not an accepted encoding;"
					+ " sfsync.security.users[1].password is not a whole bcrypt hash ($2a$<cost>$ and 53 characters);"
					+ " sfsync.security.users[2].password is missing.");
	}

	@Test
	void theLocalProfileKeepsPlainTextPasswords() {
		assertThat(LocalPasswords.stored(List.of("{noop}demo", "demo", BCRYPT), true)).containsExactly("{noop}demo",
				"{noop}demo", BCRYPT);
	}

}
