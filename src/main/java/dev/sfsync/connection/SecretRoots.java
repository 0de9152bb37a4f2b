package dev.sfsync.connection;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Where a {@code credentialsRef} may point: folders inside configured {@code file:}
 * roots, and variable prefixes that start with a configured {@code env:} prefix. A folder
 * is checked twice: as written (absolute, normalized, inside a root) when it is saved,
 * and by its real path, symbolic links resolved, each time a secret is read from it.
 */
final class SecretRoots {

	static final String KEY = "sfsync.credentials.allowed-roots";

	private static final Pattern PREFIX = Pattern.compile("[A-Z][A-Z0-9_]*");

	private final List<Path> folders;

	private final List<String> prefixes;

	private final List<String> allowed;

	private SecretRoots(List<Path> folders, List<String> prefixes, List<String> allowed) {
		this.folders = List.copyOf(folders);
		this.prefixes = List.copyOf(prefixes);
		this.allowed = List.copyOf(allowed);
	}

	/**
	 * The roots of {@code sfsync.credentials.allowed-roots}.
	 * @throws IllegalArgumentException naming the key and the entry when one is neither
	 * an absolute {@code file:} folder nor an {@code env:} prefix
	 */
	static SecretRoots of(List<String> roots) {
		List<Path> folders = new ArrayList<>();
		List<String> prefixes = new ArrayList<>();
		for (int i = 0; i < roots.size(); i++) {
			String root = roots.get(i).strip();
			if (root.startsWith("env:") && PREFIX.matcher(root.substring(4)).matches()) {
				prefixes.add(root.substring(4));
				continue;
			}
			Path folder = root.startsWith("file:") ? absolute(root.substring(5)) : null;
			if (folder == null) {
				throw new IllegalArgumentException(KEY + "[" + i + "] '" + root + "' is not a root: expected"
						+ " file:/absolute/folder/ or env:PREFIX (capital letters, digits and underscores)");
			}
			folders.add(folder);
		}
		return new SecretRoots(folders, prefixes, roots.stream().map(String::strip).toList());
	}

	/**
	 * Whether text is shaped like a reference at all; what is not may be a secret pasted
	 * in its place, and is never shown.
	 */
	static boolean isReference(String text) {
		return text.startsWith("env:") || text.startsWith("file:");
	}

	/** A reference as a message may show it. */
	static String shown(String reference) {
		return isReference(reference) ? "'" + reference + "'" : "(not a reference, not shown)";
	}

	/** The configured roots, for messages. */
	List<String> allowed() {
		return this.allowed;
	}

	/**
	 * Why a reference may not be used, or empty when it may: {@code env:PREFIX} with a
	 * prefix of capital letters, digits and underscores that starts with an allowed one,
	 * or {@code file:/folder} written absolute and normalized, inside an allowed root.
	 */
	Optional<String> refusal(String reference) {
		if (reference.startsWith("env:")) {
			String prefix = reference.substring(4);
			if (!PREFIX.matcher(prefix).matches()) {
				return Optional.of("an env: prefix is capital letters, digits and underscores, starting with a letter");
			}
			return this.prefixes.stream().anyMatch(prefix::startsWith) ? Optional.empty()
					: Optional.of("its variable prefix does not start with an allowed prefix");
		}
		if (reference.startsWith("file:")) {
			Path folder = absolute(reference.substring(5));
			if (folder == null) {
				return Optional.of("a file: reference is an absolute, normalized folder (no . or .. segments)");
			}
			return inside(folder) ? Optional.empty() : Optional.of("its folder is not inside an allowed root");
		}
		return Optional.of("it is not a reference; expected env:PREFIX or file:/path/to/secret/dir");
	}

	/**
	 * The real path of a referenced folder or of a file in it, once symbolic links are
	 * resolved, checked to be inside an allowed root.
	 * @throws IllegalStateException when it is not (a link leads outside) or cannot be
	 * resolved
	 */
	Path realPathInside(Path path) {
		Path real;
		try {
			real = path.toRealPath();
		}
		catch (IOException ex) {
			throw new IllegalStateException("The secret path " + path + " of credentialsRef cannot be resolved: "
					+ ex.getClass().getSimpleName());
		}
		for (Path root : this.folders) {
			Path realRoot;
			try {
				realRoot = root.toRealPath();
			}
			catch (IOException ex) {
				continue;
			}
			if (real.startsWith(realRoot) && !real.equals(realRoot)) {
				return real;
			}
		}
		throw new IllegalStateException("The secret path " + path + " of credentialsRef leads outside "
				+ String.join(", ", this.allowed) + " once its links are resolved; it is not read");
	}

	private boolean inside(Path folder) {
		return this.folders.stream().anyMatch((root) -> folder.startsWith(root) && !folder.equals(root));
	}

	/** A path written absolute and normalized, or null. */
	private static @Nullable Path absolute(String text) {
		if (text.isBlank() || text.indexOf('\0') >= 0) {
			return null;
		}
		try {
			Path path = Path.of(text);
			if (!path.isAbsolute() || !path.normalize().equals(path)) {
				return null;
			}
			for (Path segment : path) {
				if (segment.toString().equals(".") || segment.toString().equals("..")) {
					return null;
				}
			}
			return path;
		}
		catch (InvalidPathException ex) {
			return null;
		}
	}

}
