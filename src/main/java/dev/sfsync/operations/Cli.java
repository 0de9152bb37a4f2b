package dev.sfsync.operations;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.sfsync.catalog.InvalidJobDefinitionException;
import dev.sfsync.connection.ConnectionCommand;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * sfsync's command line: {@code serve} (the default) runs the service, {@code run <job>}
 * runs one job in its own process and exits with a code derived from the result,
 * {@code help} lists the commands.
 *
 * @param command what to do
 * @param job the job to run, for {@code run}
 * @param jobParameters the job parameters, for {@code run}: {@code key=value} pairs and
 * {@code --connection}
 * @param springArguments the {@code --property=value} options passed on to Spring; for
 * {@code emulator}, those of sfsync's properties it reads (the job catalog's location)
 * @param error why the command line was not understood, for {@link Command#INVALID}
 * @param arguments the subcommand and its arguments, for {@code connection}; the flags
 * ({@code --poll}), for {@code run}; the options, for {@code emulator}, which the
 * emulator reads itself ({@code EmulatorProperties.standalone}): no production module
 * knows the emulator
 */
public record Cli(Command command, @Nullable String job, Properties jobParameters, String[] springArguments,
		@Nullable String error, List<String> arguments) {

	/**
	 * The {@code run} flag of a scheduled fire (the Kubernetes CronJobs): poll the next
	 * window first, and launch nothing when it has no change.
	 */
	static final String POLL = "--poll";

	/** The commands. */
	public enum Command {

		SERVE, RUN, EMULATOR, CONNECTION, RUNS, HELP, INVALID

	}

	public static Cli parse(String[] args) {
		List<String> list = Arrays.asList(args);
		if (list.isEmpty() || list.get(0).startsWith("--") && !isHelp(list.get(0))) {
			return new Cli(Command.SERVE, null, new Properties(), args, null, List.of());
		}
		String first = list.get(0);
		if (isHelp(first)) {
			return new Cli(Command.HELP, null, new Properties(), new String[0], null, List.of());
		}
		if (first.equals("serve")) {
			return new Cli(Command.SERVE, null, new Properties(), list.subList(1, list.size()).toArray(String[]::new),
					null, List.of());
		}
		if (first.equals("connection")) {
			List<String> rest = new ArrayList<>();
			List<String> spring = new ArrayList<>();
			list.subList(1, list.size())
				.forEach((arg) -> (arg.startsWith("--") && arg.contains("=") ? spring : rest).add(arg));
			return new Cli(Command.CONNECTION, null, new Properties(), spring.toArray(String[]::new), null,
					List.copyOf(rest));
		}
		if (first.equals("runs")) {
			// The list filters look like options: everything but Spring's own properties
			// (dotted names) is the command's.
			List<String> rest = new ArrayList<>();
			List<String> spring = new ArrayList<>();
			list.subList(1, list.size()).forEach((arg) -> (isProperty(arg) ? spring : rest).add(arg));
			return new Cli(Command.RUNS, null, new Properties(), spring.toArray(String[]::new), null,
					List.copyOf(rest));
		}
		if (first.equals("emulator")) {
			// Its own options, and sfsync's properties (dotted names) such as the
			// catalog's location.
			List<String> rest = new ArrayList<>();
			List<String> spring = new ArrayList<>();
			list.subList(1, list.size()).forEach((arg) -> (isProperty(arg) ? spring : rest).add(arg));
			return new Cli(Command.EMULATOR, null, new Properties(), spring.toArray(String[]::new), null,
					List.copyOf(rest));
		}
		if (!first.equals("run")) {
			return invalid("Unknown command '" + first + "'.");
		}
		if (list.size() < 2 || list.get(1).startsWith("-") || list.get(1).contains("=")) {
			return invalid("Missing job name: run <job> [--connection=<id>] [key=value ...].");
		}
		Properties parameters = new Properties();
		List<String> springArguments = new ArrayList<>();
		List<String> flags = new ArrayList<>();
		for (String arg : list.subList(2, list.size())) {
			if (isHelp(arg)) {
				return new Cli(Command.HELP, null, new Properties(), new String[0], null, List.of());
			}
			if (arg.equals(POLL)) {
				flags.add(POLL);
			}
			else if (arg.startsWith("--connection=")) {
				parameters.setProperty("connection", arg.substring("--connection=".length()));
			}
			else if (arg.startsWith("--") && arg.contains("=")) {
				springArguments.add(arg);
			}
			else if (!arg.startsWith("-") && arg.indexOf('=') > 0) {
				parameters.setProperty(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
			}
			else {
				return invalid("Unexpected argument '" + arg + "': job parameters are key=value.");
			}
		}
		if (flags.contains(POLL) && (parameters.getProperty("connection") == null
				|| parameters.stringPropertyNames().stream().anyMatch((name) -> !name.equals("connection")))) {
			return invalid("--poll is a scheduled fire: give --connection=<id> and no other parameters.");
		}
		return new Cli(Command.RUN, list.get(1), parameters, springArguments.toArray(String[]::new), null,
				List.copyOf(flags));
	}

	/** A Spring property option: {@code --name.with.dots=value}. */
	private static boolean isProperty(String arg) {
		return arg.startsWith("--") && arg.contains("=") && arg.substring(0, arg.indexOf('=')).contains(".");
	}

	private static boolean isHelp(String arg) {
		return arg.equals("help") || arg.equals("--help") || arg.equals("-h");
	}

	private static Cli invalid(String error) {
		return new Cli(Command.INVALID, null, new Properties(), new String[0], error, List.of());
	}

	/**
	 * Runs the {@code run} command: starts sfsync without a web server or schedules, runs
	 * the job and returns the process exit code.
	 */
	public int run(Class<?> application, PrintStream out, PrintStream err) {
		// On SIGTERM, Spring's shutdown hook closes the context, whose RunSupervisor
		// stops
		// the run at its next chunk boundary (Batch's JobExecutionShutdownHook, waiting
		// for the run); this hook then ends the process with the run's exit code (6,
		// STOPPED) instead of the JVM's 143.
		CompletableFuture<Integer> exitCode = new CompletableFuture<>();
		Thread hook = new Thread(() -> {
			try {
				Runtime.getRuntime().halt(exitCode.get(115, TimeUnit.SECONDS));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (ExecutionException | TimeoutException ex) {
				// The JVM's own exit code stands.
			}
		}, "sfsync-run-exit-code");
		Runtime.getRuntime().addShutdownHook(hook);
		int code = withContext(application, err,
				(context) -> context.getBean(RunCommand.class)
					.run(this.job, this.jobParameters, this.arguments.contains(POLL), out, err)
					.code());
		exitCode.complete(code);
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException shuttingDown) {
			// SIGTERM: the hook exits with this code.
		}
		return code;
	}

	/** Runs the {@code connection} command in a context without a web server. */
	public int connection(Class<?> application, PrintStream out, PrintStream err) {
		return withContext(application, err,
				(context) -> context.getBean(ConnectionCommand.class).run(this.arguments, out, err));
	}

	/** Runs the {@code runs} command in a context without a web server. */
	public int runs(Class<?> application, PrintStream out, PrintStream err) {
		return withContext(application, err,
				(context) -> context.getBean(RunsCommand.class).run(this.arguments, out, err));
	}

	private int withContext(Class<?> application, PrintStream err,
			java.util.function.ToIntFunction<ConfigurableApplicationContext> command) {
		SpringApplication app = new SpringApplication(application);
		app.setWebApplicationType(WebApplicationType.NONE);
		// One job in its own process: no schedules, no outbound dispatch and no emulator
		// (the service owns them).
		// A property given on the command line is the caller's: given twice, Spring
		// would bind both values as a list.
		List<String> arguments = new ArrayList<>(Stream
			.of("--spring.quartz.auto-startup=false", "--sfsync.outbound.dispatch=false",
					"--sfsync.emulator.enabled=false")
			.filter((fixed) -> Arrays.stream(this.springArguments)
				.noneMatch((given) -> given.startsWith(fixed.substring(0, fixed.indexOf('=') + 1))))
			.toList());
		arguments.addAll(Arrays.asList(this.springArguments));
		try (ConfigurableApplicationContext context = app.run(arguments.toArray(String[]::new))) {
			return command.applyAsInt(context);
		}
		catch (RuntimeException ex) {
			if (findCatalogProblem(ex) != null) {
				err.println(findCatalogProblem(ex).getMessage());
				return RunExitCode.CONFIGURATION_ERROR.code();
			}
			err.println("sfsync could not run " + this.command.name().toLowerCase() + ": " + ex.getMessage());
			return RunExitCode.UNKNOWN_ERROR.code();
		}
	}

	private static @Nullable InvalidJobDefinitionException findCatalogProblem(Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof InvalidJobDefinitionException invalid) {
				return invalid;
			}
		}
		return null;
	}

	/** The usage text of {@code --help}. */
	public static String usage() {
		StringBuilder usage = new StringBuilder("""
				Usage: java -jar sfsync.jar [command] [--property=value ...]

				Commands:
				  serve (default)    Run the sfsync service: web server, schedules and outbound dispatch.
				  run <job> [--connection=<id>] [key=value[,type] ...]
				                     Run one job in this process, without a web server, print a one-line
				                     summary and exit. Launching a failed run again with the same
				                     parameters restarts it from its last committed chunk.
				  run <job> --connection=<id> --poll
				                     A scheduled fire of an inbound job (the Kubernetes CronJobs): poll
				                     the next window first and run only when it has changes; a paused
				                     connection or a run still going runs nothing. Exit 0 when nothing ran.
				  emulator [--port 8089] [--seed demo|none] [--records N] [--sfsync.catalog.location=…]
				                     Run the Salesforce emulator alone, on 127.0.0.1, with the
				                     custom objects of the job catalog.
				  help               Show this help.
				""" + ConnectionCommand.USAGE + RunsCommand.USAGE + """

				Exit codes of run:
				""");
		for (RunExitCode code : RunExitCode.values()) {
			usage.append(String.format("  %3d  %s%n", code.code(), code.meaning()));
		}
		usage.append("""

				Options of the form --property=value configure sfsync, for example
				--spring.datasource.url=jdbc:mysql://db:3306/sfsync or --sfsync.catalog.location=file:/etc/sfsync/jobs/
				""");
		return usage.toString();
	}

}
