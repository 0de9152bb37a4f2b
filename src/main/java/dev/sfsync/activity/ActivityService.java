package dev.sfsync.activity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.sfsync.catalog.Direction;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.outcome.OutcomeReason;
import dev.sfsync.outcome.RunFailureCause;
import dev.sfsync.store.AppTables;
import dev.sfsync.syncstate.RunRecords;
import dev.sfsync.syncstate.SyncState;
import dev.sfsync.syncstate.SyncStates;
import dev.sfsync.tenancy.Tenant;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Reads sync activity for one tenant from the run summaries ({@code sync_run}), the
 * {@code sync_steps} view, the outcome log, and the job repository through
 * {@link RunRecords}. Every query is limited to the tenant's connections, so another
 * tenant's run is simply not found.
 *
 * <p>
 * Over 400 lines on purpose: the runs list, a run, its records, the errors export and the
 * health card share one tenant condition, one run query and one row mapping, and keeping
 * them in one class keeps every tenant-facing query of the activity API in one place to
 * review. What a page of records needs beyond the log is {@link RecordDetails}'.
 */
@Service
class ActivityService {

	/**
	 * A run's start: a run that is only starting has no start time yet. {@code sync_run}
	 * holds it, so that a tenant's runs are an index range on (connection, start time).
	 */
	private static final String STARTED = "r.started_at";

	/**
	 * The runs' summaries, found by index ranges; their executions are then read by
	 * primary key ({@link RunRecords#executions}). The filters ({@link #where}) name only
	 * {@code sync_run} and the {@code sync_steps} view.
	 */
	private static final String RUN_SUMMARY_COLUMNS = "SELECT r.job_execution_id, r.job_name, r.connection_id, "
			+ STARTED + " AS started";

	/** The runs' summaries alone, which the count reads. */
	private static final String RUN_SUMMARIES = " FROM sync_run r";

	private final NamedParameterJdbcTemplate jdbc;

	/** Streams result sets row by row (Connector/J's fetch size for streaming). */
	private final NamedParameterJdbcTemplate streaming;

	private final JobCatalog catalog;

	private final SyncStates states;

	private final RunRecords records;

	private final RecordDetails details;

	ActivityService(NamedParameterJdbcTemplate jdbc, JobCatalog catalog, AppTables tables, SyncStates states,
			RunRecords records) {
		this.records = records;
		this.jdbc = jdbc;
		this.states = states;
		this.catalog = catalog;
		this.details = new RecordDetails(jdbc, catalog, tables);
		JdbcTemplate streaming = new JdbcTemplate(jdbc.getJdbcTemplate().getDataSource());
		streaming.setFetchSize(Integer.MIN_VALUE);
		this.streaming = new NamedParameterJdbcTemplate(streaming);
	}

	/** The catalog names of the object types, such as {@code contact}. */
	List<String> objectTypes() {
		return this.catalog.definitions().stream().map(JobDefinition::name).sorted().toList();
	}

	/** The runs that match the filter, newest first. */
	PageOf<RunView> runs(Tenant tenant, RunFilter filter, Paging paging) {
		if (tenant.none()) {
			return new PageOf<>(List.of(), paging.page(), paging.size(), 0);
		}
		MapSqlParameterSource parameters = new MapSqlParameterSource();
		String where = where(tenant, filter, parameters);
		Long total = this.jdbc.queryForObject("SELECT COUNT(*)" + RUN_SUMMARIES + where, parameters, Long.class);
		parameters.addValue("limit", paging.size()).addValue("offset", paging.offset());
		List<RunView> runs = selectRuns(where + " ORDER BY " + order(filter.sort()) + " LIMIT :limit OFFSET :offset",
				parameters);
		return new PageOf<>(runs, paging.page(), paging.size(), (total != null) ? total : 0);
	}

	/** A run of the tenant's, with its steps. */
	Optional<RunDetail> run(Tenant tenant, long id) {
		return findRun(tenant, id).map((run) -> new RunDetail(run, steps(id)));
	}

	/**
	 * A run's records, in the order they were recorded; empty if the run is not found.
	 */
	Optional<PageOf<RecordView>> records(Tenant tenant, long runId, List<String> outcomes, Paging paging) {
		Optional<RunView> run = findRun(tenant, runId);
		if (run.isEmpty()) {
			return Optional.empty();
		}
		MapSqlParameterSource parameters = new MapSqlParameterSource("run", runId);
		String where = " WHERE job_execution_id = :run";
		if (!outcomes.isEmpty()) {
			where += " AND outcome IN (:outcomes)";
			parameters.addValue("outcomes", outcomes);
		}
		Long total = this.jdbc.queryForObject(
				"SELECT COALESCE(SUM(record_count), 0) FROM sync_record_outcome_log" + where, parameters, Long.class);
		parameters.addValue("limit", paging.size()).addValue("offset", paging.offset());
		// The log rows holding the page's records (a row is a record or a block of many),
		// found by counting records along the run's first offset + size rows, which hold
		// the page as every row holds at least one record. Only those are expanded.
		parameters.addValue("rows", paging.offset() + (long) paging.size());
		String pageRows = """
				SELECT id, upto - record_count AS before_row FROM (
					SELECT id, record_count, SUM(record_count) OVER (ORDER BY id) AS upto FROM (
						SELECT id, record_count FROM sync_record_outcome_log%s ORDER BY id LIMIT :rows) first_rows) c
				WHERE upto > :offset AND upto - record_count < :offset + :limit""".formatted(where);
		List<RecordView> records = this.jdbc.query("""
				SELECT o.id, o.position, s.step_name, o.outcome, o.reason, o.detail, o.salesforce_id, o.app_id,
					o.external_created_at, o.external_updated_at, o.created_at, o.label
				FROM (%s) p
				JOIN sync_record_outcome o ON o.id = p.id
				LEFT JOIN sync_steps s ON s.step_execution_id = o.step_execution_id""".formatted(pageRows)
				+ " WHERE p.before_row + o.position > :offset AND p.before_row + o.position <= :offset + :limit"
				+ " ORDER BY o.id, o.position", parameters, (rs, row) -> record(rs));
		return Optional.of(new PageOf<>(this.details.complete(records, run.get()), paging.page(), paging.size(),
				(total != null) ? total : 0));
	}

	/**
	 * Streams every skipped and failed record of the runs that match the filter (or of
	 * one run), newest run first, to the handler, one row at a time.
	 */
	void errors(Tenant tenant, RunFilter filter, @Nullable Long runId, ErrorRowHandler handler) {
		if (tenant.none()) {
			return;
		}
		MapSqlParameterSource parameters = new MapSqlParameterSource();
		String where = where(tenant, filter, parameters);
		if (runId != null) {
			where += " AND r.job_execution_id = :run";
			parameters.addValue("run", runId);
		}
		String sql = """
				SELECT r.JOB_EXECUTION_ID, r.JOB_NAME, r.connection_id, r.started, s.step_name, o.id, o.position,
					o.outcome,
					o.reason, o.detail, o.salesforce_id, o.app_id, o.external_created_at, o.external_updated_at,
					o.created_at, o.label
				FROM (SELECT r.job_execution_id AS JOB_EXECUTION_ID, r.job_name AS JOB_NAME, r.connection_id,
					%s AS started%s%s) r
				JOIN sync_record_outcome o ON o.job_execution_id = r.JOB_EXECUTION_ID
				LEFT JOIN sync_steps s ON s.step_execution_id = o.step_execution_id
				WHERE o.outcome IN ('SKIPPED', 'FAILED')
				ORDER BY r.JOB_EXECUTION_ID DESC, o.id""".formatted(STARTED, RUN_SUMMARIES, where);
		RowCallbackHandler rows = (rs) -> {
			String jobName = rs.getString("JOB_NAME");
			SyncJob job = SyncJob.of(jobName);
			handler.handle(new ErrorRow(rs.getLong("JOB_EXECUTION_ID"),
					Names.description(job.objectType(), job.direction()), Names.objectLabel(job.objectType()),
					rs.getString("connection_id"), instant(rs, "started"), record(rs)));
		};
		this.streaming.query(sql, parameters, rows);
	}

	/** The last run of each object type and direction, and the object types failing. */
	Health health(Tenant tenant) {
		if (tenant.none()) {
			return new Health(List.of(), List.of());
		}
		// The last execution of each connection, object type and direction is in its sync
		// state: an index range on the tenant's connections, whatever the history.
		Set<String> objects = Set.copyOf(objectTypes());
		List<SyncState> states = tenant.all() ? this.states.all()
				: this.states.forConnections(List.copyOf(tenant.connectionIds()));
		List<Long> ids = states.stream()
			.filter((state) -> objects.contains(state.objectType()))
			.map(SyncState::lastExecutionId)
			.filter(Objects::nonNull)
			.toList();
		if (ids.isEmpty()) {
			return new Health(List.of(), List.of());
		}
		Map<String, RunView> last = new LinkedHashMap<>();
		for (RunView run : selectRuns(" WHERE r.job_execution_id IN (:ids)", new MapSqlParameterSource("ids", ids))) {
			String direction = run.direction().intoTheApp() ? SyncState.INBOUND : SyncState.OUTBOUND;
			last.merge(run.connectionId() + "/" + run.objectType() + "/" + direction, run,
					(a, b) -> (a.id() > b.id()) ? a : b);
		}
		Map<String, SyncState> byKey = new HashMap<>();
		states.forEach(
				(state) -> byKey.put(state.connectionId() + "/" + state.objectType() + "/" + state.direction(), state));
		List<Health.Entry> entries = last.entrySet().stream().map((entry) -> {
			RunView run = entry.getValue();
			SyncState state = byKey.get(entry.getKey());
			boolean failed = run.status().equals(RunStatus.FAILED.label());
			return new Health.Entry(run.connectionId(), run.objectType(), run.objectLabel(),
					run.direction().intoTheApp() ? SyncState.INBOUND : SyncState.OUTBOUND, run, failed,
					failed || run.counts().failed() > 0, (state != null) ? state.lastPollAt() : null);
		})
			.sorted(Comparator.comparing(Health.Entry::objectType)
				.thenComparing(Health.Entry::direction)
				.thenComparing(Health.Entry::connectionId))
			.toList();
		List<String> failing = entries.stream()
			.filter(Health.Entry::failing)
			.map(Health.Entry::objectType)
			.distinct()
			.toList();
		return new Health(entries, failing);
	}

	private Optional<RunView> findRun(Tenant tenant, long id) {
		if (tenant.none()) {
			return Optional.empty();
		}
		MapSqlParameterSource parameters = new MapSqlParameterSource("id", id).addValue("jobNames",
				jobNames(objectTypes(), List.of(Direction.values())));
		String where = " WHERE r.job_execution_id = :id AND r.job_name IN (:jobNames)"
				+ tenantCondition(tenant, parameters);
		return selectRuns(where, parameters).stream().findFirst();
	}

	private List<StepView> steps(long runId) {
		return this.jdbc.query("""
				SELECT v.step_execution_id, v.step_name, v.status, v.start_time, v.end_time, v.read_count,
					v.created_count, v.updated_count, v.deleted_count, v.skipped_count, v.failed_count,
					IF(v.status = 'COMPLETED', NULLIF(v.exit_message, ''), NULL) AS note
				FROM sync_steps v
				WHERE v.job_execution_id = :run ORDER BY v.step_execution_id""",
				new MapSqlParameterSource("run", runId),
				(rs, row) -> new StepView(rs.getLong("step_execution_id"), rs.getString("step_name"),
						Names.operation(rs.getString("step_name")), RunStatus.of(rs.getString("status")).label(),
						counts(rs), instant(rs, "start_time"), instant(rs, "end_time"),
						duration(instant(rs, "start_time"), instant(rs, "end_time")), rs.getString("note")));
	}

	private String where(Tenant tenant, RunFilter filter, MapSqlParameterSource parameters) {
		List<String> objects = (filter.objectType() != null) ? List.of(filter.objectType()) : objectTypes();
		StringBuilder where = new StringBuilder(" WHERE r.job_name IN (:jobNames) AND " + STARTED + " >= :from");
		parameters.addValue("jobNames", jobNames(objects, filter.tab().directions()))
			.addValue("from", utc(filter.from()));
		if (filter.to() != null) {
			where.append(" AND ").append(STARTED).append(" < :to");
			parameters.addValue("to", utc(filter.to()));
		}
		if (filter.status() != null) {
			where.append(" AND r.status IN (:statuses)");
			parameters.addValue("statuses", filter.status().batchStatusNames());
		}
		if (filter.operation() != null) {
			where.append(" AND EXISTS (SELECT 1 FROM sync_steps s WHERE s.job_execution_id = r.job_execution_id"
					+ " AND s.step_name = :operation)");
			parameters.addValue("operation", filter.operation());
		}
		if (filter.problems()) {
			// A failed run, or a step with skipped or failed records: a few steps per
			// run, by the steps' run index.
			where.append(" AND (r.status IN (:failed) OR EXISTS (SELECT 1 FROM sync_steps s"
					+ " WHERE s.job_execution_id = r.job_execution_id AND (s.skipped_count > 0 OR s.failed_count > 0)))");
			parameters.addValue("failed", RunStatus.FAILED.batchStatusNames());
		}
		return where + tenantCondition(tenant, parameters);
	}

	private static String tenantCondition(Tenant tenant, MapSqlParameterSource parameters) {
		if (tenant.all()) {
			return "";
		}
		parameters.addValue("connections", tenant.connectionIds());
		return " AND r.connection_id IN (:connections)";
	}

	private static String order(RunFilter.Sort sort) {
		return switch (sort) {
			case STARTED -> STARTED + " DESC, r.job_execution_id DESC";
			case ENDED -> "r.ended_at IS NULL DESC, r.ended_at DESC, r.job_execution_id DESC";
		};
	}

	private static List<String> jobNames(List<String> objectTypes, List<Direction> directions) {
		List<String> names = new ArrayList<>();
		for (String objectType : objectTypes) {
			for (Direction direction : directions) {
				names.add(direction.jobName(objectType));
			}
		}
		return names;
	}

	/** Runs with their counts, summed over their steps by the {@code sync_steps} view. */
	private List<RunView> selectRuns(String whereAndOrder, MapSqlParameterSource parameters) {
		List<RunSummary> summaries = this.jdbc.query(RUN_SUMMARY_COLUMNS + RUN_SUMMARIES + whereAndOrder, parameters,
				(rs, row) -> new RunSummary(rs.getLong("job_execution_id"), rs.getString("job_name"),
						rs.getString("connection_id"), instant(rs, "started")));
		if (summaries.isEmpty()) {
			return List.of();
		}
		Map<Long, RunRecords.Execution> executions = this.records
			.executions(summaries.stream().map(RunSummary::id).toList());
		// A run that retention deleted since its summary was read is left out.
		List<RunRow> rows = summaries.stream()
			.filter((summary) -> executions.containsKey(summary.id()))
			.map((summary) -> new RunRow(summary, executions.get(summary.id())))
			.toList();
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<Long, Counts> counts = new HashMap<>();
		Map<Long, List<String>> operations = new HashMap<>();
		this.jdbc.query("""
				SELECT job_execution_id, SUM(read_count) AS read_count, SUM(created_count) AS created_count,
					SUM(updated_count) AS updated_count, SUM(deleted_count) AS deleted_count,
					SUM(skipped_count) AS skipped_count, SUM(failed_count) AS failed_count,
					GROUP_CONCAT(step_name ORDER BY step_execution_id SEPARATOR ',') AS steps
				FROM sync_steps WHERE job_execution_id IN (:ids) GROUP BY job_execution_id""",
				new MapSqlParameterSource("ids", rows.stream().map(RunRow::id).toList()), (RowCallbackHandler) (rs) -> {
					counts.put(rs.getLong("job_execution_id"), counts(rs));
					operations.put(rs.getLong("job_execution_id"),
							Arrays.stream(rs.getString("steps").split(",")).map(Names::operation).toList());
				});
		Map<Long, Long> completedBy = new HashMap<>();
		List<Long> unfinished = rows.stream()
			.filter((row) -> row.batchStatus().equals("FAILED") || row.batchStatus().equals("STOPPED"))
			.map(RunRow::id)
			.toList();
		completedBy.putAll(this.records.completedBy(unfinished));
		// An outbound run that did not complete is continued by a later run of its
		// object type: its unsent rows stayed pending, and the next run's range starts
		// at the oldest pending row.
		Map<Long, Long> continuedIn = new HashMap<>();
		for (RunRow row : rows) {
			if (unfinished.contains(row.id()) && !completedBy.containsKey(row.id()) && row.outboxTo() != null
					&& row.started() != null) {
				this.records
					.continuedIn(row.connectionId(), row.jobName(), utc(row.started()), row.id(), row.outboxTo())
					.ifPresent((id) -> continuedIn.put(row.id(), id));
			}
		}
		return rows.stream()
			.map((row) -> row.view(counts.getOrDefault(row.id(), Counts.NONE),
					operations.getOrDefault(row.id(), List.of()),
					completedBy.getOrDefault(row.id(), continuedIn.get(row.id())), continuedIn.containsKey(row.id())))
			.toList();
	}

	private static RecordView record(ResultSet rs) throws SQLException {
		String outcome = rs.getString("outcome");
		String reasonName = rs.getString("reason");
		OutcomeReason reason = (reasonName != null) ? reason(reasonName) : null;
		String status = switch (outcome) {
			case "SKIPPED" -> "Skipped";
			case "FAILED" -> "Failed";
			default -> "Success";
		};
		String message = (reason != null) ? reason.message()
				: (reasonName != null) ? reasonName : Names.objectLabel(outcome);
		String step = rs.getString("step_name");
		Long appId = rs.getObject("app_id", Long.class);
		String detail = rs.getString("detail");
		return new RecordView(rs.getLong("id"), rs.getInt("position"), step,
				(step != null) ? Names.operation(step) : null, outcome, status, message,
				(reason != null) ? reason.explanation() : null, detail, RecordView.field(detail),
				rs.getString("salesforce_id"), appId, rs.getString("label"), null, instant(rs, "external_created_at"),
				instant(rs, "external_updated_at"), instant(rs, "created_at"),
				(reason != null && outcome.equals("SKIPPED")) ? reason.waitsFor() : null, null);
	}

	private static @Nullable OutcomeReason reason(String name) {
		return Arrays.stream(OutcomeReason.values()).filter((r) -> r.name().equals(name)).findFirst().orElse(null);
	}

	private static Counts counts(ResultSet rs) throws SQLException {
		return new Counts(rs.getLong("read_count"), rs.getLong("created_count"), rs.getLong("updated_count"),
				rs.getLong("deleted_count"), rs.getLong("skipped_count"), rs.getLong("failed_count"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		LocalDateTime time = rs.getObject(column, LocalDateTime.class);
		return (time != null) ? time.toInstant(ZoneOffset.UTC) : null;
	}

	private static LocalDateTime utc(Instant instant) {
		return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static @Nullable Long number(@Nullable String text) {
		try {
			return (text != null) ? Long.valueOf(text) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	static @Nullable Double duration(@Nullable Instant start, @Nullable Instant end) {
		return (start != null && end != null) ? Duration.between(start, end).toMillis() / 1000.0 : null;
	}

	/**
	 * A sync job's object type and direction: {@code opportunity-contact-role-backfill}.
	 */
	record SyncJob(String objectType, Direction direction) {

		static SyncJob of(String jobName) {
			Direction direction = Direction.ofJobName(jobName)
				.orElseThrow(() -> new IllegalStateException("Not a sync job: " + jobName));
			return new SyncJob(jobName.substring(0, jobName.length() - direction.suffix().length() - 1), direction);
		}

	}

	/** A run's summary: the row of {@code sync_run} that found it. */
	private record RunSummary(long id, String jobName, String connectionId, @Nullable Instant started) {
	}

	/** A run's summary with its execution: its job, how it ended and its window. */
	private record RunRow(long id, String jobName, String connectionId, String batchStatus, @Nullable String exitCode,
			@Nullable String exitMessage, @Nullable Instant started, @Nullable Instant ended,
			@Nullable String windowFrom, @Nullable String windowTo, @Nullable Long outboxFrom,
			@Nullable Long outboxTo) {

		RunRow(RunSummary summary, RunRecords.Execution execution) {
			this(summary.id(), summary.jobName(), summary.connectionId(), execution.status(), execution.exitCode(),
					execution.exitMessage(), summary.started(),
					(execution.endTime() != null) ? execution.endTime().toInstant(ZoneOffset.UTC) : null,
					execution.windowFrom(), execution.windowTo(), number(execution.outboxFrom()),
					number(execution.outboxTo()));
		}

		RunView view(Counts counts, List<String> operations, @Nullable Long completedBy, boolean continued) {
			SyncJob job = SyncJob.of(this.jobName);
			RunStatus status = RunStatus.of(this.batchStatus);
			return new RunView(this.id, this.jobName, this.connectionId, job.objectType(),
					Names.objectLabel(job.objectType()), job.direction(),
					Names.description(job.objectType(), job.direction()), operations, status.label(), this.batchStatus,
					counts, this.started, this.ended, duration(this.started, this.ended),
					new RunView.Window(this.windowFrom, this.windowTo, this.outboxFrom, this.outboxTo),
					(status == RunStatus.FAILED) ? failure() : null, completedBy, continued);
		}

		private RunView.Failure failure() {
			RunFailureCause cause = Arrays.stream(RunFailureCause.values())
				.filter((c) -> c.name().equals(this.exitCode))
				.findFirst()
				.orElse(RunFailureCause.UNKNOWN_ERROR);
			return new RunView.Failure(cause.name(), cause.message(), cause.explanation(), cause.whatToDo(),
					(this.exitMessage != null && !this.exitMessage.isBlank()) ? this.exitMessage : null);
		}

	}

	/** One skipped or failed record of the errors export, with its run. */
	record ErrorRow(long runId, String runDescription, String objectLabel, String connectionId,
			@Nullable Instant runStartedAt, RecordView record) {

	}

	/** Receives the errors export one row at a time. */
	@FunctionalInterface
	interface ErrorRowHandler {

		void handle(ErrorRow row);

	}

}
