package dev.sfsync.operations;

import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sfsync runs …}: the operator controls on the command line, over the same service
 * as the REST API. Exit codes: 0 done, 1 the run's status does not allow it, 2 bad
 * command line or unknown run; {@code restart} runs the run in this process and exits
 * with its exit code.
 */
public final class RunsCommand {

	/** The usage of {@code runs}. */
	public static final String USAGE = """
			  runs list [--job=<job>] [--connection=<id>] [--status=<status>] [--since=<instant>]
			            [--until=<instant>] [--limit=<n>]
			  runs show <id> | restart <id> | stop <id> | abandon <id> | recover <id>
			                     List and show runs; restart a FAILED or STOPPED run (in this
			                     process, from its last committed chunk); stop a run at its next
			                     chunk boundary; abandon a run; recover a run left STARTED by a
			                     process that is gone, so it can be restarted.
			""";

	private final OperatorService operations;

	private final RunOwners owners;

	RunsCommand(OperatorService operations, RunOwners owners) {
		this.operations = operations;
		this.owners = owners;
	}

	public int run(List<String> args, PrintStream out, PrintStream err) {
		if (args.isEmpty()) {
			err.println("Missing runs command. Usage:\n" + USAGE);
			return 2;
		}
		String action = args.get(0);
		try {
			if (action.equals("list")) {
				return list(args.subList(1, args.size()), out, err);
			}
			if (args.size() != 2 || !args.get(1).matches("\\d{1,18}")) {
				err.println("Expected 'runs " + action + " <id>' with a numeric run id. Usage:\n" + USAGE);
				return 2;
			}
			long id = Long.parseLong(args.get(1));
			String actor = "cli:" + System.getProperty("user.name", "unknown");
			Optional<JobExecutionView> result = switch (action) {
				case "show" -> this.operations.show(id);
				case "restart" -> this.operations.restart(id, actor).map(this::awaitEnd);
				case "stop" -> this.operations.stop(id, actor);
				case "abandon" -> this.operations.abandon(id, actor);
				case "recover" -> this.operations.recover(id, actor);
				default -> null;
			};
			if (result == null) {
				err.println("Unknown runs command '" + action + "'. Usage:\n" + USAGE);
				return 2;
			}
			if (result.isEmpty()) {
				err.println("No run " + id);
				return 2;
			}
			JobExecutionView run = result.get();
			out.println(action.equals("show") ? detail(run) : line(run));
			return action.equals("restart") ? RunExitCode.ofStatus(run.status(), run.exitCode()).code() : 0;
		}
		catch (RunStateException ex) {
			err.println(ex.getMessage());
			return 1;
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			return 2;
		}
	}

	private int list(List<String> options, PrintStream out, PrintStream err) {
		Map<String, String> values = new HashMap<>();
		for (String option : options) {
			if (!option.matches("--(job|connection|status|since|until|limit)=.+")) {
				err.println("Unexpected option '" + option + "'. Usage:\n" + USAGE);
				return 2;
			}
			values.put(option.substring(2, option.indexOf('=')), option.substring(option.indexOf('=') + 1));
		}
		int limit;
		try {
			limit = Integer.parseInt(values.getOrDefault("limit", "50"));
		}
		catch (NumberFormatException ex) {
			err.println("--limit must be a whole number; was '" + values.get("limit") + "'");
			return 2;
		}
		RunQuery query = new RunQuery(values.get("job"), values.get("connection"), values.get("status"),
				instant(values, "since"), instant(values, "until"), limit, null);
		this.operations.list(query).forEach((run) -> out.println(line(run)));
		return 0;
	}

	private static Instant instant(Map<String, String> values, String name) {
		String text = values.get(name);
		try {
			return (text != null) ? Instant.parse(text) : null;
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					"--" + name + "=" + text + " is not a UTC instant such as 2026-11-01T00:00:00Z");
		}
	}

	/** Waits for a run started in this process to end: the process must outlive it. */
	private JobExecutionView awaitEnd(JobExecutionView started) {
		while (this.owners.local().contains(started.id()) || !ended(started.id())) {
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return this.operations.show(started.id()).orElse(started);
	}

	private boolean ended(long id) {
		return this.operations.show(id)
			.map((run) -> !List.of("STARTING", "STARTED", "STOPPING").contains(run.status()))
			.orElse(true);
	}

	static String line(JobExecutionView run) {
		return run.id() + "\t" + run.job() + "\t" + ((run.connection() != null) ? run.connection() : "-") + "\t"
				+ run.status() + "\t" + run.exitCode() + "\t" + ((run.startTime() != null) ? run.startTime() : "-")
				+ "\t" + ((run.endTime() != null) ? run.endTime() : "-");
	}

	static String detail(JobExecutionView run) {
		StringBuilder text = new StringBuilder(line(run)).append('\n');
		if (!run.exitMessage().isBlank()) {
			text.append("  exit message: ").append(run.exitMessage()).append('\n');
		}
		if (run.owner() != null) {
			text.append("  running in: ").append(run.owner()).append('\n');
		}
		run.parameters()
			.forEach((name, value) -> text.append("  ").append(name).append('=').append(value).append('\n'));
		for (JobExecutionView.Step step : run.steps()) {
			text.append("  step ")
				.append(step.name())
				.append(' ')
				.append(step.status())
				.append(" read=")
				.append(step.read())
				.append(" written=")
				.append(step.written())
				.append(" skipped=")
				.append(step.skipped())
				.append(" failed=")
				.append(step.failed())
				.append(" commits=")
				.append(step.commits())
				.append('\n');
		}
		return text.toString().stripTrailing();
	}

}
