package dev.sfsync.system;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import dev.sfsync.connection.AuthFlow;
import dev.sfsync.connection.ConnectionRequest;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.connection.Credentials;
import dev.sfsync.emulator.Emulator;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Base of the sync jobs' integration tests: the real database, an emulator reached over
 * HTTP, connections to its orgs and jobs launched through the job operator.
 */
public abstract class SyncIntegrationTestSupport extends IntegrationTestSupport {

	protected static Emulator emulator;

	protected static EmulatorAdmin admin;

	@Autowired
	protected ConnectionService connections;

	@Autowired
	protected JobRegistry registry;

	@Autowired
	protected JobOperator operator;

	@Autowired
	protected JdbcTemplate jdbc;

	@BeforeAll
	static void startEmulator() {
		emulator = TestEmulator.get();
		admin = new EmulatorAdmin(emulator.baseUrl());
	}

	/** A connection to an org as its integration user. */
	protected void connect(String id, EmulatorAdmin.Org org, @Nullable ConnectionSettings settings) {
		this.connections.create(new ConnectionRequest(id, id, emulator.baseUrl(), AuthFlow.USERNAME_PASSWORD,
				org.consumerKey(), org.username(), new Credentials(org.consumerSecret(), org.password(), null, null),
				null, null, settings));
	}

	/** Runs a job to its end in this thread. */
	protected JobExecution start(String job, JobParameters parameters) {
		try {
			return this.operator.start(this.registry.getJob(job), parameters);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not launch " + job + " with " + parameters, ex);
		}
	}

	/**
	 * Until a window ending now reaches past a settle delay of one second, on a whole
	 * second: what a record made before this call needs before a run's window holds it.
	 * Windows end on a whole second, so that is two seconds after the call's second
	 * began.
	 */
	public static void settled() {
		Instant ready = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
		awaitUntil(Duration.ofSeconds(10), "the clock passes " + ready, () -> Instant.now().isAfter(ready));
	}

	/**
	 * Until the clock is in a later whole second than at this call: a run launched now
	 * has a window other than that of a run that ended before the call, and a record
	 * changed now has another SystemModstamp second.
	 */
	public static void nextSecond() {
		Instant next = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
		awaitUntil(Duration.ofSeconds(5), "the clock passes " + next, () -> !Instant.now().isBefore(next));
	}

	/** Waits until a condition holds, failing the test with what it waited for. */
	public static void awaitUntil(Duration timeout, String what, BooleanSupplier condition) {
		try {
			await(what).atMost(timeout).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
		}
		catch (ConditionTimeoutException ex) {
			fail("Not within " + timeout + ": " + what, ex);
		}
	}

	/** A run's steps, in the order they ran. */
	protected List<String> stepNames(JobExecution execution) {
		return this.jdbc.queryForList(
				"SELECT STEP_NAME FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? ORDER BY STEP_EXECUTION_ID",
				String.class, execution.getId());
	}

	/** A step's counts, as the activity page and the metadata views read them. */
	protected Map<String, Object> stepCounts(JobExecution execution, String step) {
		return this.jdbc.queryForMap("SELECT s.READ_COUNT AS `read`, COALESCE(c.created_count, 0) AS created,"
				+ " COALESCE(c.updated_count, 0) AS updated, COALESCE(c.deleted_count, 0) AS deleted,"
				+ " s.FILTER_COUNT AS skipped, s.READ_SKIP_COUNT + s.PROCESS_SKIP_COUNT + s.WRITE_SKIP_COUNT AS failed"
				+ " FROM BATCH_STEP_EXECUTION s LEFT JOIN sync_step_counts c ON c.step_execution_id ="
				+ " s.STEP_EXECUTION_ID WHERE s.JOB_EXECUTION_ID = ? AND s.STEP_NAME = ?", execution.getId(), step);
	}

	/** A run's outcome rows by outcome. */
	protected Map<String, Integer> outcomeCounts(JobExecution execution) {
		Map<String, Integer> outcomes = new TreeMap<>();
		this.jdbc.query("SELECT outcome, COUNT(*) FROM sync_record_outcome WHERE job_execution_id = ? GROUP BY outcome",
				(rs) -> {
					outcomes.put(rs.getString(1), rs.getInt(2));
				}, execution.getId());
		return outcomes;
	}

}
