package dev.sfsync.activity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import dev.sfsync.system.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Measures the activity API over 10,000 runs (30 days of them, 30,000 steps) and
 * 1,000,000 record outcomes, one run holding 50,000 of them: each call's median and
 * slowest time over 20 calls after 3 warm-ups, through the whole MVC stack. Not a test
 * (the build never runs it):
 * {@code SFSYNC_TEST_JDBC_URL=… ./mvnw -o -q -Dtest=ActivityQueryBenchmark -Dsurefire.failIfNoSpecifiedTests=false test};
 * the figures are printed and written to {@code target/activity-benchmark.txt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class ActivityQueryBenchmark extends IntegrationTestSupport {

	private static final int RUNS = 10_000;

	private static final int OUTCOMES = 1_000_000;

	private static final int BIG_RUN_OUTCOMES = 50_000;

	private static final long FIRST_ID = 10_000_000L;

	private static final List<String> OBJECTS = List.of("account", "user", "contact", "lead", "opportunity",
			"opportunity-contact-role", "campaign", "campaign-member", "task", "event", "invoice__c");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	private final List<String> report = new ArrayList<>();

	@Test
	void measure() throws Exception {
		LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
		long plantStart = System.nanoTime();
		plant(now);
		line("planted %,d runs, %,d steps and %,d outcomes in %.1f s", RUNS, RUNS * 3, OUTCOMES,
				(System.nanoTime() - plantStart) / 1e9);
		this.jdbc.execute("ANALYZE TABLE sync_record_outcome, BATCH_JOB_EXECUTION, BATCH_STEP_EXECUTION,"
				+ " BATCH_JOB_EXECUTION_PARAMS, BATCH_JOB_INSTANCE");
		long bigRun = FIRST_ID + 1;
		time("runs list, default (last 5 days, all, first page of 25)", get("/api/activity/runs"));
		time("runs list, one tenant (acme)", get("/api/activity/runs"), ActivityApiIntegrationTests.admin("acme"));
		time("runs list, inbound contacts, Completed, pull-deletes",
				get("/api/activity/runs").param("direction", "inbound")
					.param("objectType", "contact")
					.param("status", "Completed")
					.param("operation", "pull-deletes"));
		time("runs list, sorted by ended, page 40",
				get("/api/activity/runs").param("sort", "ended").param("page", "40"));
		time("runs list, 30 days, last page",
				get("/api/activity/runs").param("from", now.minusDays(31) + "Z").param("page", "399"));
		time("a run with its steps", get("/api/activity/runs/{id}", bigRun));
		time("a run's records, first page of 25 (run of 50,000 outcomes)",
				get("/api/activity/runs/{id}/records", bigRun));
		time("a run's skipped records, first page (run of 50,000 outcomes)",
				get("/api/activity/runs/{id}/records", bigRun).param("outcome", "skipped"));
		time("a run's records, page 1,000 of 50",
				get("/api/activity/runs/{id}/records", bigRun).param("size", "50").param("page", "999"));
		time("recent sync health", get("/api/activity/health"));
		exportTime("errors CSV, last 5 days", get("/api/activity/errors.csv"));
		exportTime("errors CSV, 30 days", get("/api/activity/errors.csv").param("from", now.minusDays(31) + "Z"));
		Files.createDirectories(Path.of("target"));
		Files.write(Path.of("target", "activity-benchmark.txt"), this.report);
	}

	private void time(String name, MockHttpServletRequestBuilder request) throws Exception {
		time(name, request, ActivityApiIntegrationTests.admin("*"));
	}

	private void time(String name, MockHttpServletRequestBuilder request, RequestPostProcessor user) throws Exception {
		RequestBuilder call = request.with(user);
		long[] times = new long[20];
		int status = 0;
		String body = "";
		for (int i = -3; i < times.length; i++) {
			long start = System.nanoTime();
			MvcResult result = this.mvc.perform(call).andReturn();
			long elapsed = System.nanoTime() - start;
			if (i >= 0) {
				times[i] = elapsed;
			}
			status = result.getResponse().getStatus();
			body = result.getResponse().getContentAsString();
		}
		assertThat(status).as(name + ": " + body).isEqualTo(200);
		Arrays.sort(times);
		line("| %s | %.0f ms | %.0f ms | %s |", name, times[times.length / 2] / 1e6, times[times.length - 1] / 1e6,
				summary(body));
	}

	/** The second of two exports (the first warms up), streamed to the end. */
	private void exportTime(String name, MockHttpServletRequestBuilder request) throws Exception {
		RequestBuilder call = request.with(ActivityApiIntegrationTests.admin("*"));
		long elapsed = 0;
		String csv = "";
		for (int i = 0; i < 2; i++) {
			long start = System.nanoTime();
			MvcResult started = this.mvc.perform(call).andReturn();
			started.getAsyncResult(300_000);
			csv = this.mvc.perform(asyncDispatch(started)).andReturn().getResponse().getContentAsString();
			elapsed = System.nanoTime() - start;
		}
		long rows = csv.lines().count() - 1;
		line("| %s | %.0f ms | (one call) | %,d rows, %.1f MB, %,.0f rows/s |", name, elapsed / 1e6, rows,
				csv.length() / 1e6, rows / (elapsed / 1e9));
	}

	private static String summary(String body) {
		int total = body.indexOf("\"total\":");
		return (total >= 0) ? "total " + body.substring(total + 8, body.indexOf('}', total)).replace("}", "")
				: body.length() + " bytes";
	}

	private void line(String format, Object... arguments) {
		String line = String.format(format, arguments);
		this.report.add(line);
		System.out.println(line);
	}

	private void plant(LocalDateTime now) throws IOException {
		List<Object[]> instances = new ArrayList<>();
		List<Object[]> executions = new ArrayList<>();
		List<Object[]> parameters = new ArrayList<>();
		List<Object[]> steps = new ArrayList<>();
		List<Object[]> counts = new ArrayList<>();
		long spacing = 30L * 24 * 3600 / RUNS;
		for (int i = 0; i < RUNS; i++) {
			long id = FIRST_ID + i;
			String object = OBJECTS.get(i % OBJECTS.size());
			String direction = (i % 5 == 4) ? "outbound" : (i == 1) ? "backfill" : "inbound";
			String connection = (i % 10 == 3) ? "globex" : "acme";
			LocalDateTime start = now.minusSeconds(i * spacing + 60);
			String status = (i == 0) ? "STARTED" : (i % 50 == 7) ? "FAILED" : "COMPLETED";
			LocalDateTime end = (i == 0) ? null : start.plusSeconds(20 + i % 40);
			instances.add(new Object[] { id, 0, object + "-" + direction, String.format("%032x", i) });
			executions.add(new Object[] { id, 1, id, ts(start), ts(start), ts(end), status,
					status.equals("FAILED") ? "API_LIMIT_EXCEEDED" : status, "", ts(end) });
			String from = start.minusMinutes(15).toInstant(ZoneOffset.UTC).toString();
			String to = start.minusMinutes(10).toInstant(ZoneOffset.UTC).toString();
			parameters.add(new Object[] { id, "connection", "java.lang.String", connection, "Y" });
			parameters.add(new Object[] { id, "from", "java.lang.String", from, "Y" });
			parameters.add(new Object[] { id, "to", "java.lang.String", to, "Y" });
			int s = 0;
			for (String step : List.of("sync-schema", "pull-updates", "pull-deletes")) {
				long stepId = id * 3 + s++;
				steps.add(new Object[] { stepId, 1, step, id, ts(start), ts(start), ts(end),
						status.equals("STARTED") ? "STARTED" : status, 1, 100, 12, 88, 0, 0, 8, 0, status, "",
						ts(end) });
				counts.add(new Object[] { stepId, 60, 28, step.equals("pull-deletes") ? 5 : 0 });
			}
		}
		this.jdbc.batchUpdate(
				"INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY)" + " VALUES (?, ?, ?, ?)",
				instances);
		this.jdbc.batchUpdate("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID,"
				+ " CREATE_TIME, START_TIME, END_TIME, STATUS, EXIT_CODE, EXIT_MESSAGE, LAST_UPDATED)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", executions);
		this.jdbc.batchUpdate("INSERT INTO BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, PARAMETER_NAME,"
				+ " PARAMETER_TYPE, PARAMETER_VALUE, IDENTIFYING) VALUES (?, ?, ?, ?, ?)", parameters);
		this.jdbc.batchUpdate("INSERT INTO BATCH_STEP_EXECUTION (STEP_EXECUTION_ID, VERSION, STEP_NAME,"
				+ " JOB_EXECUTION_ID, CREATE_TIME, START_TIME, END_TIME, STATUS, COMMIT_COUNT, READ_COUNT, FILTER_COUNT,"
				+ " WRITE_COUNT, READ_SKIP_COUNT, WRITE_SKIP_COUNT, PROCESS_SKIP_COUNT, ROLLBACK_COUNT, EXIT_CODE,"
				+ " EXIT_MESSAGE, LAST_UPDATED) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				steps);
		this.jdbc.batchUpdate("INSERT INTO sync_step_counts (step_execution_id, created_count, updated_count,"
				+ " deleted_count) VALUES (?, ?, ?, ?)", counts);
		Random random = new Random(42);
		List<Object[]> outcomes = new ArrayList<>();
		int perRun = (OUTCOMES - BIG_RUN_OUTCOMES) / (RUNS - 1);
		for (int i = 0; i < RUNS; i++) {
			long run = FIRST_ID + i;
			int n = (i == 1) ? BIG_RUN_OUTCOMES
					: (i == RUNS - 1) ? OUTCOMES - BIG_RUN_OUTCOMES - perRun * (RUNS - 2) : perRun;
			String connection = (i % 10 == 3) ? "globex" : "acme";
			String object = OBJECTS.get(i % OBJECTS.size());
			LocalDateTime at = now.minusSeconds(i * spacing + 50);
			for (int r = 0; r < n; r++) {
				int roll = random.nextInt(100);
				String outcome = (roll < 60) ? "CREATED" : (roll < 80) ? "UPDATED" : (roll < 92) ? "SKIPPED" : "FAILED";
				String reason = outcome.equals("SKIPPED") ? "MISSING_EMAIL_ADDRESS"
						: outcome.equals("FAILED") ? "MALFORMED_DATA" : null;
				outcomes.add(new Object[] { connection, run, run * 3 + 1, object, outcome, reason,
						reason != null ? "Email: not an address" : null, String.format("003A%014d", i * 100000L + r),
						outcome.equals("CREATED") || outcome.equals("UPDATED") ? (long) r : null, ts(at.minusDays(40)),
						ts(at.minusMinutes(20)), ts(at) });
				if (outcomes.size() == 10_000) {
					insertOutcomes(outcomes);
				}
			}
		}
		insertOutcomes(outcomes);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sync_record_outcome", Long.class))
			.isEqualTo(OUTCOMES);
	}

	private void insertOutcomes(List<Object[]> outcomes) {
		this.jdbc.batchUpdate("INSERT INTO sync_record_outcome (connection_id, job_execution_id, step_execution_id,"
				+ " object_type, outcome, reason, detail, salesforce_id, app_id, external_created_at,"
				+ " external_updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", outcomes);
		outcomes.clear();
	}

	private static Timestamp ts(LocalDateTime time) {
		return (time != null) ? Timestamp.valueOf(time) : null;
	}

}
