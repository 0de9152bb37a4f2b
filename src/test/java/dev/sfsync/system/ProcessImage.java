package dev.sfsync.system;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.util.FileSystemUtils;

/**
 * The packaged jar as Spring Boot's efficient deployment runs it: extracted
 * ({@code java -Djarmode=tools -jar sfsync.jar extract}), with a class-data-sharing
 * archive recorded by one training start ({@code -XX:ArchiveClassesAtExit} and
 * {@code spring.context.exit=onRefresh}). A test process then starts in about half the
 * time of the fat jar, which matters to a suite that starts some thirty of them. It is
 * made once per packaged jar, under a file lock, and shared by the build's test JVMs.
 */
final class ProcessImage {

	private static final Path JAR = Path.of("target/sfsync.jar").toAbsolutePath();

	private static final Path FOLDER = Path.of("target/sfsync-extracted").toAbsolutePath();

	private static final Duration TRAINING = Duration.ofMinutes(3);

	private static List<String> launch;

	private ProcessImage() {
	}

	/**
	 * The JVM options and jar that start sfsync: the extracted jar with its archive, or
	 * the extracted jar alone when the training start failed (a slower start, not a wrong
	 * one).
	 */
	static synchronized List<String> launch() throws IOException, InterruptedException {
		if (launch == null) {
			if (!Files.exists(JAR)) {
				throw new IllegalStateException(JAR + " is missing: process tests run after 'package' (./mvnw verify)");
			}
			Files.createDirectories(FOLDER.getParent());
			try (FileChannel channel = FileChannel.open(FOLDER.resolveSibling("sfsync-extracted.lock"),
					StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
				launch = prepare();
			}
		}
		return launch;
	}

	private static List<String> prepare() throws IOException, InterruptedException {
		Path jar = FOLDER.resolve("sfsync.jar");
		Path archive = FOLDER.resolve("sfsync.jsa");
		Path stamp = FOLDER.resolve("made-from");
		String madeFrom = Files.size(JAR) + " " + Files.getLastModifiedTime(JAR).toMillis();
		if (!Files.exists(stamp) || !Files.readString(stamp).equals(madeFrom)) {
			FileSystemUtils.deleteRecursively(FOLDER);
			List<String> extract = new ArrayList<>(SfsyncProcess.javaCommand());
			extract.addAll(
					List.of("-Djarmode=tools", "-jar", JAR.toString(), "extract", "--destination", FOLDER.toString()));
			run(extract, Map.of());
			train(jar, archive);
			Files.writeString(stamp, madeFrom);
		}
		List<String> options = new ArrayList<>();
		if (Files.exists(archive)) {
			options.add("-XX:SharedArchiveFile=" + archive);
		}
		options.addAll(List.of("-jar", jar.toString()));
		return List.copyOf(options);
	}

	/**
	 * Starts the service once, on a database of its own, to the end of its context's
	 * refresh: the classes it loaded go into the archive as the JVM exits.
	 */
	private static void train(Path jar, Path archive) throws IOException, InterruptedException {
		TestDatabase database = TestDatabase.get();
		String name;
		try (Connection connection = database.connect()) {
			name = connection.getCatalog();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reach the test database", ex);
		}
		Map<String, String> environment = new HashMap<>(SfsyncProcess.onTestDatabase());
		environment.put("SPRING_DATASOURCE_URL", database.sibling(name + "_training"));
		try {
			List<String> command = new ArrayList<>(SfsyncProcess.javaCommand());
			command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
					"-Dspring.context.exit=onRefresh", "-jar", jar.toString(), "--server.port=0"));
			run(command, environment);
		}
		catch (IllegalStateException ex) {
			Files.deleteIfExists(archive);
			System.getLogger(ProcessImage.class.getName())
				.log(System.Logger.Level.WARNING, "Test processes start without a class-data archive", ex);
		}
	}

	private static void run(List<String> command, Map<String, String> environment)
			throws IOException, InterruptedException {
		Path output = Files.createTempFile("sfsync-image", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		if (!process.waitFor(TRAINING.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
		}
		if (process.isAlive() || process.exitValue() != 0) {
			throw new IllegalStateException(
					String.join(" ", command) + " failed:\n" + Files.readString(output, StandardCharsets.UTF_8));
		}
	}

	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
