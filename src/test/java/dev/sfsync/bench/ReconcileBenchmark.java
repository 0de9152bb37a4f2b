package dev.sfsync.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.sfsync.inbound.ReconcileLaunches;
import dev.sfsync.store.AsInbound;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.sfsync.bench.BenchmarkEnvironment.seconds;

/**
 * A {@code contact-reconcile} run over the backfilled Contacts (1,000,000 by default),
 * after drift the incremental runs could never see: the app lost some rows and missed
 * changes to others (written in the database as an inbound run writes, so no outbox row
 * is made), and Salesforce users purged some records from the Recycle Bin. Measures the
 * run's wall time, API calls and repairs, then a reconcile with nothing to repair. Runs
 * after {@code backfill}.
 */
final class ReconcileBenchmark implements Benchmark {

	private static final String CONNECTION = BackfillBenchmark.CONNECTION;

	@Override
	public String name() {
		return "reconcile";
	}

	@Override
	public List<BenchmarkResult> run(BenchmarkEnvironment environment) throws Exception {
		int drift = BenchmarkEnvironment.size("drift", 2000);
		try (ConfigurableApplicationContext context = environment.start()) {
			environment.connect(context, CONNECTION);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			int contacts = jdbc.queryForObject(
					"SELECT COUNT(*) FROM contacts WHERE connection_id = ? AND deleted = FALSE", Integer.class,
					CONNECTION);
			List<String> ids = jdbc.queryForList(
					"SELECT salesforce_contact_id FROM contacts WHERE connection_id = ?"
							+ " AND deleted = FALSE ORDER BY salesforce_contact_id DESC LIMIT ?",
					String.class, CONNECTION, 5 * drift / 2);
			List<String> lost = ids.subList(0, drift);
			List<String> stale = ids.subList(drift, 2 * drift);
			List<String> purged = ids.subList(2 * drift, ids.size());
			AsInbound.update(jdbc, "DELETE FROM contacts WHERE connection_id = '" + CONNECTION
					+ "' AND salesforce_contact_id IN (" + AsInbound.quoted(lost) + ")");
			AsInbound.update(jdbc,
					"UPDATE contacts SET title = 'Stale', external_updated_at = external_updated_at -"
							+ " INTERVAL 1 DAY WHERE connection_id = '" + CONNECTION
							+ "' AND salesforce_contact_id IN (" + AsInbound.quoted(stale) + ")");
			for (String id : purged) {
				environment.admin()
					.send("DELETE",
							"/emulator/orgs/" + environment.org().id() + "/records/Contact/" + id + "?purge=true",
							null);
			}
			System.out.printf("reconcile: %,d of %,d Contacts lost by the app, %,d changes missed, %,d purged%n",
					lost.size(), contacts, stale.size(), purged.size());

			double ceiling = BackfillBenchmark.readCeiling(environment, context, name());
			environment.resetCalls();
			long start = System.nanoTime();
			JobExecution repair = reconcile(context);
			double repairSeconds = seconds(start);
			int repairCalls = environment.calls();
			Map<String, Object> repaired = jdbc.queryForMap("SELECT COALESCE(SUM(c.created_count), 0) AS created,"
					+ " COALESCE(SUM(c.updated_count), 0) AS updated, COALESCE(SUM(c.deleted_count), 0) AS deleted"
					+ " FROM sync_step_counts c JOIN BATCH_STEP_EXECUTION s ON s.STEP_EXECUTION_ID ="
					+ " c.step_execution_id WHERE s.JOB_EXECUTION_ID = ?", repair.getId());
			System.out.printf("reconcile: %.1f s, %d API calls %s, repaired %s%n", repairSeconds, repairCalls,
					environment.callsByKind(), repaired);
			long expected = lost.size() + stale.size() + purged.size();
			long total = ((Number) repaired.get("created")).longValue() + ((Number) repaired.get("updated")).longValue()
					+ ((Number) repaired.get("deleted")).longValue();

			environment.resetCalls();
			start = System.nanoTime();
			reconcile(context);
			double cleanSeconds = seconds(start);
			int cleanCalls = environment.calls();
			tools.jackson.databind.JsonNode cleanKinds = environment.callsByKind();
			System.out.printf("reconcile: nothing to repair: %.1f s, %d API calls %s%n", cleanSeconds, cleanCalls,
					cleanKinds);
			double ratio = repairSeconds / ceiling;

			String of = String.format("%,d Contacts", contacts);
			return List.of(BenchmarkResult.target(name(), "contact-reconcile of " + of + ", records repaired",
					String.format("%,d (%s)", total, repaired), String.format("%,d", expected), total == expected),
					BenchmarkResult.figure(name(), "contact-reconcile of " + of + " with drift, wall time",
							String.format("%.1f s, %,.0f Ids/s", repairSeconds, contacts / repairSeconds)),
					BenchmarkResult.figure(name(), "contact-reconcile of " + of + " with drift, API calls",
							String.valueOf(repairCalls)),
					BenchmarkResult.figure(name(), "ceiling: a backfill's Bulk result pages read only",
							String.format("%.1f s", ceiling)),
					BenchmarkResult.target(name(), "contact-reconcile with drift ÷ read ceiling",
							String.format("%.2f", ratio), "≤ 2", ratio <= 2),
					BenchmarkResult.figure(name(), "contact-reconcile of " + of + ", nothing to repair, wall time",
							String.format("%.1f s", cleanSeconds)),
					BenchmarkResult.target(name(), "contact-reconcile of " + of + ", nothing to repair, API calls",
							cleanCalls + " " + cleanKinds, "the Bulk job's only",
							!cleanKinds.has("query") && !cleanKinds.has("queryAll")));
		}
	}

	private static JobExecution reconcile(ConfigurableApplicationContext context) throws Exception {
		JobExecution execution = context.getBean(JobOperator.class)
			.start(context.getBean(JobRegistry.class).getJob("contact-reconcile"),
					ReconcileLaunches.parameters(CONNECTION, Instant.now()));
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			throw new IllegalStateException(
					"contact-reconcile ended " + execution.getStatus() + ": " + execution.getAllFailureExceptions());
		}
		return execution;
	}

}
