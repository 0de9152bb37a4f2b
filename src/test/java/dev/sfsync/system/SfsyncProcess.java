package dev.sfsync.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import static org.awaitility.Awaitility.await;

/**
 * Runs the packaged {@code target/sfsync.jar} as its own process, the way operators and
 * Kubernetes do, so that tests see the real exit code and output. It runs as
 * {@link ProcessImage} prepares it: extracted, with a class-data-sharing archive.
 */
public final class SfsyncProcess {

	private final Process process;

	private final Path output;

	private SfsyncProcess(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	/** Starts the jar with these arguments and environment, in a working directory. */
	public static SfsyncProcess start(Path workingDirectory, Map<String, String> environment, String... args)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(javaCommand());
		command.addAll(ProcessImage.launch());
		command.addAll(List.of(args));
		Path output = Files.createTempFile("sfsync-process", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().putAll(environment);
		return new SfsyncProcess(builder.start(), output);
	}

	/**
	 * The java command and its options, for the test processes and the start that makes
	 * their class-data archive. Only the quick compiler, and the serial collector: these
	 * processes live for seconds, mostly starting up, which the optimizing compiler's and
	 * the parallel collector's threads slow on two cores (the training start took 24 s of
	 * CPU with them, 14 s without).
	 */
	static List<String> javaCommand() {
		return List.of(ProcessImage.java(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
	}

	/**
	 * The environment of a production-shaped process on the test database, whose
	 * connections may sign in at the tests' emulators (on any local port).
	 */
	public static Map<String, String> onTestDatabase() {
		TestDatabase database = TestDatabase.get();
		return Map.of("SPRING_PROFILES_ACTIVE", "production", "SPRING_DATASOURCE_URL", database.jdbcUrl(),
				"SPRING_DATASOURCE_USERNAME", database.username(), "SPRING_DATASOURCE_PASSWORD", database.password(),
				"SFSYNC_CONNECTIONS_ALLOWED_LOGIN_URLS_0", "http://localhost:*");
	}

	/** Waits for the process to end and returns its exit code. */
	public int exitCode(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			this.process.destroyForcibly();
			throw new IllegalStateException("sfsync did not exit within " + timeout + ":\n" + output());
		}
		return this.process.exitValue();
	}

	/** Waits until the output contains a text, failing if the process ends first. */
	public void awaitOutput(String text, Duration timeout) {
		try {
			await("sfsync prints '" + text + "'").atMost(timeout)
				.pollInterval(Duration.ofMillis(200))
				// Alive first: an ended process's output is complete.
				.failFast(() -> !this.process.isAlive() && !output().contains(text))
				.until(() -> output().contains(text));
		}
		catch (TerminalFailureException ex) {
			throw new IllegalStateException(
					"sfsync exited with " + this.process.exitValue() + " before printing '" + text + "':\n" + output());
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException("sfsync did not print '" + text + "' within " + timeout + ":\n" + output());
		}
	}

	/** Whether the process is still running. */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** Stops the process as Kubernetes does (SIGTERM) and waits for it. */
	public int stop(Duration timeout) throws InterruptedException {
		this.process.destroy();
		return exitCode(timeout);
	}

	/** Kills the process at once (SIGKILL), as a crash or an out-of-memory kill would. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	public String output() {
		try {
			return Files.readString(this.output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
