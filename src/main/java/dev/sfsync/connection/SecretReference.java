package dev.sfsync.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Reads a connection's secrets from where a reference points: {@code env:PREFIX} or
 * {@code file:/dir} (a Kubernetes Secret mounted as one file per key), only inside the
 * allowed {@link SecretRoots}: a reference saved before they were checked is refused when
 * read, and so is a folder or file whose links lead outside them.
 */
final class SecretReference {

	private final Function<String, @Nullable String> environment;

	private final SecretRoots roots;

	SecretReference(Function<String, @Nullable String> environment, SecretRoots roots) {
		this.environment = environment;
		this.roots = roots;
	}

	SecretRoots roots() {
		return this.roots;
	}

	Credentials read(String reference) {
		this.roots.refusal(reference).ifPresent((reason) -> {
			throw new IllegalStateException("credentialsRef " + SecretRoots.shown(reference) + " is not allowed ("
					+ reason + "); allowed: " + String.join(", ", this.roots.allowed()) + ". Its secrets are not read");
		});
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
		Path real = this.roots.realPathInside(folder);
		return new Credentials(file(real, "clientSecret"), file(real, "password"), file(real, "refreshToken"),
				file(real, "privateKey"));
	}

	private @Nullable String file(Path folder, String name) {
		Path file = folder.resolve(name);
		if (!Files.isRegularFile(file)) {
			return null;
		}
		try {
			return Files.readString(this.roots.realPathInside(file)).strip();
		}
		catch (IOException ex) {
			throw new IllegalStateException("The secret file " + file + " cannot be read: " + ex.getMessage());
		}
	}

}
