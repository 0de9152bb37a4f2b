package dev.sfsync.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Checks at startup that local users' passwords are stored as slow hashes. Only the
 * {@code local} profile, which is never deployed, may keep a plain-text password
 * ({@code {noop}demo}, or {@code demo} alone).
 */
final class LocalPasswords {

	/** The encodings accepted everywhere: Spring Security's adaptive hashes. */
	static final List<String> HASHES = List.of("bcrypt", "argon2", "pbkdf2", "scrypt");

	/** As BCryptPasswordEncoder checks it: a truncated hash would never match. */
	private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./0-9A-Za-z]{53}");

	private static final Set<String> PLAIN = Set.of("noop");

	private LocalPasswords() {
	}

	/**
	 * The passwords as Spring Security stores them: a plain-text one (allowed only in
	 * development) becomes {@code {noop}…}.
	 * @param passwords the passwords of {@code sfsync.security.users}, in order
	 * @param development whether plain-text passwords are allowed
	 * @return the stored passwords, in the same order
	 * @throws IllegalStateException naming each refused key
	 */
	static List<String> stored(List<@Nullable String> passwords, boolean development) {
		List<String> problems = new ArrayList<>();
		List<String> stored = new ArrayList<>();
		for (int i = 0; i < passwords.size(); i++) {
			String password = passwords.get(i);
			String key = "sfsync.security.users[" + i + "].password";
			if (password == null || password.isEmpty()) {
				problems.add(key + " is missing");
				continue;
			}
			String id = encoding(password);
			if (id == null && development) {
				stored.add("{noop}" + password);
			}
			else if (id == null || (PLAIN.contains(id) && !development)) {
				problems.add(key + " is " + ((id == null) ? "not encoded" : "{" + id + "}"));
			}
			else if (!PLAIN.contains(id) && !isHash(id)) {
				problems.add(key + " is {" + id + "}, not an accepted encoding");
			}
			else if (id.equals("bcrypt") && !BCRYPT.matcher(password.substring("{bcrypt}".length())).matches()) {
				problems.add(key + " is not a whole bcrypt hash ($2a$<cost>$ and 53 characters)");
			}
			else {
				stored.add(password);
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException(String.join("; ", problems) + ". Local users' passwords must be encoded"
					+ " with {bcrypt}, {argon2}, {pbkdf2} or {scrypt}, for example {bcrypt}$2a$10$…; plain-text"
					+ " passwords ({noop}) are accepted only in the local profile.");
		}
		return stored;
	}

	/** The id of {@code {id}hash}, as DelegatingPasswordEncoder reads it, or null. */
	private static @Nullable String encoding(String password) {
		int end = password.indexOf('}');
		return (password.startsWith("{") && end > 1) ? password.substring(1, end) : null;
	}

	/** {@code pbkdf2@SpringSecurity_v5_8} is pbkdf2 with the newer defaults. */
	private static boolean isHash(String id) {
		return HASHES.stream().anyMatch((hash) -> id.equals(hash) || id.startsWith(hash + "@"));
	}

}
