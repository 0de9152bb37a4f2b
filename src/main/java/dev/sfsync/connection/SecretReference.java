package dev.sfsync.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Reads a connection's secrets from where a reference points: {@code env:PREFIX} or
 * {@code file:/dir} (a Kubernetes Secret mounted as one file per key).
 */
final class SecretReference {

	private final Function<String, @Nullable String> environment;

	SecretReference(Function<String, @Nullable String> environment) {
		this.environment = environment;
	}

	static void validate(String reference) {
		if (!reference.startsWith("env:") && !reference.startsWith("file:")) {
			// Not quoted: what was given may be the secret itself.
			throw new IllegalArgumentException(
					"credentialsRef is not a reference; expected env:PREFIX or file:/path/to/secret/dir");
		}
		if (reference.substring(reference.indexOf(':') + 1).isBlank()) {
			throw new IllegalArgumentException("credentialsRef '" + reference + "' names no variable prefix or folder");
		}
	}

	Credentials read(String reference) {
		validate(reference);
		String target = reference.substring(reference.indexOf(':') + 1);
		if (reference.startsWith("env:")) {
			return new Credentials(this.environment.apply(target + "_CLIENT_SECRET"),
					this.environment.apply(target + "_PASSWORD"), this.environment.apply(target + "_REFRESH_TOKEN"),
					this.environment.apply(target + "_PRIVATE_KEY"));
		}
		Path folder = Path.of(target);
		if (!Files.isDirectory(folder)) {
			throw new IllegalStateException("The Secret folder " + folder + " of credentialsRef does not exist");
		}
		return new Credentials(file(folder, "clientSecret"), file(folder, "password"), file(folder, "refreshToken"),
				file(folder, "privateKey"));
	}

	private static @Nullable String file(Path folder, String name) {
		Path file = folder.resolve(name);
		if (!Files.isRegularFile(file)) {
			return null;
		}
		try {
			return Files.readString(file).strip();
		}
		catch (IOException ex) {
			throw new IllegalStateException("The secret file " + file + " cannot be read: " + ex.getMessage());
		}
	}

}
