package dev.sfsync.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Job catalogs for tests that need one beside the shipped {@code jobs/}: a copy of it in
 * a folder of its own, which a test then changes or adds to, and points
 * {@code sfsync.catalog.location} at.
 */
public final class TestCatalogs {

	private TestCatalogs() {
	}

	/**
	 * A fresh copy of the shipped {@code jobs/*.yaml}, under {@code target/} so that the
	 * build's clean removes it.
	 */
	public static Path copyOfShipped() {
		try {
			Path folder = Files.createTempDirectory(
					Files.createDirectories(Path.of("target", "test-catalogs").toAbsolutePath()), "catalog");
			try (Stream<Path> shipped = Files.list(Path.of("jobs"))) {
				for (Path file : shipped.filter((file) -> file.toString().endsWith(".yaml")).toList()) {
					Files.copy(file, folder.resolve(file.getFileName()));
				}
			}
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Replaces a line of a job file in a copied catalog.
	 * @throws IllegalStateException when the file does not have the line
	 */
	public static void replaceLine(Path catalog, String file, String line, String replacement) {
		try {
			Path path = catalog.resolve(file);
			String text = Files.readString(path, StandardCharsets.UTF_8);
			if (!text.contains(line + "\n")) {
				throw new IllegalStateException(file + " has no line '" + line + "'");
			}
			Files.writeString(path, text.replace(line + "\n", replacement + "\n"), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
