package dev.sfsync.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.sfsync.inbound.InboundLaunches;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.sfsync.bench.BenchmarkEnvironment.seconds;

/**
 * A {@code contact-inbound} run after the backfill: Salesforce users change some of the
 * backfilled Contacts (5,000 of 1,000,000 by default), and the run's wall time and API
 * calls are measured, then those of a run whose window holds no change. Each run's window
 * starts where the previous one ended, so the overlap a scheduled run reaches back does
 * not read the same changes again. A run in a freshly started sfsync reads the object's
 * describe first; it is measured on its own before, and the two measured runs trust it,
 * as runs of a long-running service do.
 */
final class IncrementalInboundBenchmark implements Benchmark {

	private static final String CONNECTION = BackfillBenchmark.CONNECTION;

	@Override
	public String name() {
		return "incremental";
	}

	@Override
	public List<BenchmarkResult> run(BenchmarkEnvironment environment) throws Exception {
		int changes = BenchmarkEnvironment.size("changed", 5000);
		try (ConfigurableApplicationContext context = environment.start()) {
			environment.connect(context, CONNECTION);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			int contacts = jdbc.queryForObject("SELECT COUNT(*) FROM contacts WHERE connection_id = ?", Integer.class,
					CONNECTION);
			Instant previous = Instant.parse(jdbc.queryForObject("SELECT p.PARAMETER_VALUE FROM"
					+ " BATCH_JOB_EXECUTION_PARAMS p JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID ="
					+ " p.JOB_EXECUTION_ID JOIN BATCH_JOB_EXECUTION_PARAMS c ON c.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
					+ " AND c.PARAMETER_NAME = 'connection' AND c.PARAMETER_VALUE = ? WHERE p.PARAMETER_NAME = 'to'"
					+ " AND e.STATUS = 'COMPLETED' ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 1", String.class,
					CONNECTION));

			// A freshly started sfsync: the first run describes the object.
			Thread.sleep(1100);
			environment.resetCalls();
			Instant warmed = now();
			Run first = run(context, previous, warmed);
			int firstCalls = environment.calls();
			System.out.printf("incremental: first run in a new process, no change: %.2f s, %d API calls %s%n",
					first.seconds(), firstCalls, environment.callsByKind());

			// Salesforce users change Contacts.
			List<String> changed = jdbc.queryForList(
					"SELECT salesforce_contact_id FROM contacts WHERE"
							+ " connection_id = ? AND deleted = FALSE ORDER BY salesforce_contact_id LIMIT ?",
					String.class, CONNECTION, changes);
			long editing = System.nanoTime();
			for (String id : changed) {
				environment.admin()
					.send("PATCH", "/emulator/orgs/" + environment.org().id() + "/records/Contact/" + id,
							Map.of("Title", "Benchmarked " + id));
			}
			System.out.printf("incremental: changed %,d Contacts in the emulator in %.1f s%n", changed.size(),
					seconds(editing));
			Thread.sleep(1100);
			environment.resetCalls();
			Instant afterChanges = now();
			Run changedRun = run(context, warmed, afterChanges);
			int changedCalls = environment.calls();
			System.out.printf("incremental: %,d changes: %.2f s, %,d updated, %d API calls %s%n", changed.size(),
					changedRun.seconds(), changedRun.updated(), changedCalls, environment.callsByKind());
			if (changedRun.updated() != changed.size()) {
				throw new IllegalStateException("The run updated " + changedRun.updated() + " Contacts of "
						+ changed.size() + " changed in Salesforce");
			}

			Thread.sleep(1100);
			environment.resetCalls();
			Run quiet = run(context, afterChanges, now());
			int quietCalls = environment.calls();
			System.out.printf("incremental: no change: %.2f s, %d API calls %s%n", quiet.seconds(), quietCalls,
					environment.callsByKind());

			String of = String.format("%,d changed of %,d Contacts", changed.size(), contacts);
			int expected = (changed.size() + 1999) / 2000 + ((changed.size() % 2000 == 0) ? 1 : 0);
			return List.of(
					BenchmarkResult.figure(name(), "contact-inbound, " + of + ", wall time",
							String.format("%.2f s, %,.0f records/s", changedRun.seconds(),
									changed.size() / changedRun.seconds())),
					BenchmarkResult.target(name(), "contact-inbound, " + of + ", API calls",
							String.valueOf(changedCalls), String.valueOf(expected), changedCalls == expected),
					BenchmarkResult.target(name(), "contact-inbound without changes, API calls",
							String.valueOf(quietCalls), "1", quietCalls == 1),
					BenchmarkResult.figure(name(), "contact-inbound without changes, wall time",
							String.format("%.2f s", quiet.seconds())),
					BenchmarkResult.figure(name(), "first run in a new sfsync process (describe + query), API calls",
							String.valueOf(firstCalls)));
		}
	}

	/** A run's wall time and the Contacts it updated. */
	private record Run(double seconds, long updated) {
	}

	/** Runs {@code contact-inbound} over a window, in this thread. */
	private static Run run(ConfigurableApplicationContext context, Instant from, Instant to) throws Exception {
		long start = System.nanoTime();
		JobExecution execution = context.getBean(JobOperator.class)
			.start(context.getBean(JobRegistry.class).getJob("contact-inbound"),
					InboundLaunches.parameters(CONNECTION, from, to));
		double seconds = seconds(start);
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			throw new IllegalStateException("contact-inbound from " + from + " to " + to + " ended "
					+ execution.getStatus() + ": " + execution.getAllFailureExceptions());
		}
		Long updated = context.getBean(JdbcTemplate.class)
			.queryForObject("SELECT COALESCE(SUM(c.updated_count), 0) FROM sync_step_counts c JOIN"
					+ " BATCH_STEP_EXECUTION s ON s.STEP_EXECUTION_ID = c.step_execution_id WHERE"
					+ " s.JOB_EXECUTION_ID = ?", Long.class, execution.getId());
		return new Run(seconds, (updated != null) ? updated : 0);
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.SECONDS);
	}

}
