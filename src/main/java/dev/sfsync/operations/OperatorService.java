package dev.sfsync.operations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.syncstate.SyncStates;
import dev.sfsync.tenancy.AuditLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.converter.DefaultJobParametersConverter;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What operators do to runs, whatever the channel (REST or command line): list, show,
 * start now, restart, stop at a chunk boundary, abandon, and recover an orphan. Every
 * state change is audited with who asked; an action the run's status does not allow is a
 * {@link RunStateException}, bad input an {@link IllegalArgumentException}, and an
 * unknown run an empty result.
 * <p>
 * Over 400 lines on purpose: each action checks the run's status, changes it in the job
 * repository and audits it in one transaction, and the REST API and the command line must
 * see the same rules, so all of them live here.
 */
public class OperatorService {

	private static final Log logger = LogFactory.getLog(OperatorService.class);

	private final JobRepository repository;

	private final JobRegistry registry;

	private final JobCatalog catalog;

	private final JobOperator launcher;

	private final JobOperator operator;

	private final List<JobParametersDefaults> defaults;

	private final RunOwners owners;

	private final AuditLog audit;

	private final JdbcTemplate jdbc;

	private final SyncStates states;

	private final OverlappingRuns overlapping;

	private final LaunchClaims claims;

	private final RunRecovery recovery;

	private final Duration staleAfter;

	private final DefaultJobParametersConverter converter = new DefaultJobParametersConverter();

	/**
	 * @param launcher launches runs in the background (start and restart return at once)
	 * @param operator stops, abandons and recovers runs
	 */
	OperatorService(JobRepository repository, JobRegistry registry, JobCatalog catalog, JobOperator launcher,
			JobOperator operator, List<JobParametersDefaults> defaults, RunOwners owners, AuditLog audit,
			JdbcTemplate jdbc, SyncStates states, OverlappingRuns overlapping, LaunchClaims claims,
			RunRecovery recovery, Duration staleAfter) {
		this.repository = repository;
		this.registry = registry;
		this.catalog = catalog;
		this.launcher = launcher;
		this.operator = operator;
		this.defaults = defaults;
		this.owners = owners;
		this.audit = audit;
		this.jdbc = jdbc;
		this.states = states;
		this.overlapping = overlapping;
		this.claims = claims;
		this.recovery = recovery;
		this.staleAfter = staleAfter;
	}

	/** Runs, newest first. */
	public List<JobExecutionView> list(RunQuery query) {
		StringBuilder sql = new StringBuilder("SELECT job_execution_id, job_name, connection_id, status, exit_code,"
				+ " exit_message, start_time, end_time FROM sync_runs WHERE 1 = 1");
		List<Object> args = new ArrayList<>();
		filter(sql, args, " AND job_name = ?", query.job());
		filter(sql, args, " AND connection_id = ?", query.connection());
		if (query.connections() != null) {
			if (query.connections().isEmpty()) {
				return List.of();
			}
			sql.append(" AND connection_id IN (")
				.append(String.join(", ", java.util.Collections.nCopies(query.connections().size(), "?")))
				.append(")");
			args.addAll(query.connections());
		}
		filter(sql, args, " AND status = ?", query.status());
		filter(sql, args, " AND start_time >= ?",
				(query.since() != null) ? java.sql.Timestamp.from(query.since()) : null);
		filter(sql, args, " AND start_time < ?",
				(query.until() != null) ? java.sql.Timestamp.from(query.until()) : null);
		sql.append(" ORDER BY job_execution_id DESC LIMIT ").append(query.limit());
		return this.jdbc.query(sql.toString(),
				(rs, row) -> new JobExecutionView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						String.valueOf(rs.getString(5)), String.valueOf(rs.getString(6)),
						rs.getObject(7, java.time.LocalDateTime.class), rs.getObject(8, java.time.LocalDateTime.class),
						null, Map.of(), List.of()),
				args.toArray());
	}

	private static void filter(StringBuilder sql, List<Object> args, String condition, @Nullable Object value) {
		if (value != null) {
			sql.append(condition);
			args.add(value);
		}
	}

	/** Whether a job of this name exists. */
	public boolean knows(String jobName) {
		return this.registry.getJob(jobName) != null;
	}

	/** One run with its parameters and steps. */
	public Optional<JobExecutionView> show(long id) {
		return execution(id).map(this::view);
	}

	/**
	 * Starts a job now, in the background, with the parameters given and the job's
	 * defaults for the rest (an inbound sync's next window).
	 */
	public JobExecutionView start(String jobName, Map<String, String> parameters, String actor) {
		if (this.registry.getJob(jobName) == null) {
			reject(actor, "start", parameters.get("connection"), null, jobName, "Unknown job '" + jobName + "'");
			throw new IllegalArgumentException("Unknown job '" + jobName + "'. Jobs: " + this.registry.getJobNames());
		}
		String connection = parameters.get("connection");
		LaunchClaims.Claimed claim;
		try {
			claim = (connection != null) ? this.claims.claim(jobName, connection) : this.claims.none();
		}
		catch (RunStateException ex) {
			reject(actor, "start", connection, null, jobName, ex.getMessage());
			throw ex;
		}
		boolean launched = false;
		try {
			JobExecution execution = launch(jobName, parameters, claim, actor);
			launched = true;
			return view(execution);
		}
		finally {
			if (!launched) {
				claim.close();
			}
		}
	}

	/**
	 * Launches a job under its claim: its parameters completed by the job's defaults
	 * (decided now that no other run of its object type can start).
	 */
	private JobExecution launch(String jobName, Map<String, String> parameters, LaunchClaims.Claimed claim,
			String actor) {
		Properties properties = new Properties();
		properties.putAll(parameters);
		JobParametersDefaults.Launch launch;
		try {
			launch = withDefaults(jobName, this.converter.getJobParameters(properties));
		}
		catch (RuntimeException ex) {
			reject(actor, "start", parameters.get("connection"), null, jobName, ex.getMessage());
			throw new IllegalArgumentException("Invalid parameters for " + jobName + ": " + ex.getMessage(), ex);
		}
		Job job = this.registry.getJob(launch.jobName());
		if (job == null) {
			throw new IllegalArgumentException("Unknown job '" + launch.jobName() + "'");
		}
		List<Long> running = this.overlapping.of(launch);
		if (!running.isEmpty()) {
			String reason = launch.jobName() + " for connection " + launch.parameters().getString("connection")
					+ " would overlap execution " + running + ", still running; stop it or wait for it";
			reject(actor, "start", launch.parameters().getString("connection"), null, launch.jobName(), reason);
			throw new RunStateException(reason);
		}
		try {
			job.getJobParametersValidator().validate(launch.parameters());
			JobExecution execution = this.launcher.start(job, claim.parameters(launch.parameters()));
			// The launcher runs it in the background: the guard sees it from now on.
			this.states.started(execution);
			done(actor, "start", execution, launch.note().isEmpty() ? launch.parameters().toString() : launch.note());
			return execution;
		}
		catch (InvalidJobParametersException ex) {
			reject(actor, "start", launch.parameters().getString("connection"), null, launch.jobName(),
					ex.getMessage());
			throw new IllegalArgumentException("Invalid parameters for " + launch.jobName() + ": " + ex.getMessage());
		}
		catch (JobInstanceAlreadyCompleteException | JobExecutionAlreadyRunningException | JobRestartException ex) {
			reject(actor, "start", launch.parameters().getString("connection"), null, launch.jobName(),
					ex.getMessage());
			throw new RunStateException(
					launch.jobName() + " with " + launch.parameters() + " cannot start: " + ex.getMessage());
		}
	}

	/**
	 * Restarts a FAILED or STOPPED run in the background, from its last committed chunk.
	 */
	public Optional<JobExecutionView> restart(long id, String actor) {
		return act(id, actor, "restart", (execution) -> {
			requireStatus(execution, "restart", BatchStatus.FAILED, BatchStatus.STOPPED);
			RunOwners.Owner owner = this.owners.owner(id, this.staleAfter).orElse(null);
			if (owner != null && owner.alive()) {
				throw new RunStateException("Run " + id + " is still finishing in sfsync process " + owner.instanceId()
						+ "; restart it once it has ended");
			}
			String jobName = execution.getJobInstance().getJobName();
			String connection = execution.getJobParameters().getString("connection");
			Job job = this.registry.getJob(jobName);
			if (job == null) {
				throw new RunStateException("Run " + id + " cannot be restarted: this build has no job " + jobName);
			}
			LaunchClaims.Claimed claim = (connection != null) ? this.claims.claim(jobName, connection)
					: this.claims.none();
			boolean launched = false;
			try {
				// The same identifying parameters: Spring Batch restarts the instance's
				// last execution.
				JobExecution restarted = this.launcher.start(job, claim.parameters(execution.getJobParameters()));
				launched = true;
				this.states.started(restarted);
				return restarted;
			}
			catch (JobRestartException | JobInstanceAlreadyCompleteException | JobExecutionAlreadyRunningException
					| InvalidJobParametersException ex) {
				throw new RunStateException("Run " + id + " cannot be restarted: " + ex.getMessage());
			}
			finally {
				if (!launched) {
					claim.close();
				}
			}
		});
	}

	/** Asks a running run to stop at its next chunk boundary; it ends STOPPED. */
	public Optional<JobExecutionView> stop(long id, String actor) {
		return act(id, actor, "stop", (execution) -> {
			requireStatus(execution, "stop", BatchStatus.STARTING, BatchStatus.STARTED);
			// False when it ended meanwhile: the answer shows how.
			this.owners.requestStop(id);
			return this.repository.getJobExecution(id);
		});
	}

	/** Abandons a FAILED or STOPPED run: it is never restarted. */
	public Optional<JobExecutionView> abandon(long id, String actor) {
		return act(id, actor, "abandon", (execution) -> {
			requireStatus(execution, "abandon", BatchStatus.FAILED, BatchStatus.STOPPED, BatchStatus.STOPPING);
			try {
				return this.operator.abandon(execution);
			}
			catch (JobExecutionAlreadyRunningException ex) {
				throw new RunStateException("Run " + id + " is still running; stop it first");
			}
		});
	}

	/**
	 * Marks a run left STARTED by a process that is gone as FAILED, so it can be
	 * restarted. Refused while the process that runs it is alive.
	 */
	public Optional<JobExecutionView> recover(long id, String actor) {
		return act(id, actor, "recover", (execution) -> {
			requireStatus(execution, "recover", BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING,
					BatchStatus.UNKNOWN);
			RunOwners.Owner owner = this.owners.owner(id, this.staleAfter).orElse(null);
			if (owner != null && (owner.alive() || owner.instanceId().equals(this.owners.instanceId()))) {
				throw new RunStateException("Run " + id + " is running in the live sfsync process " + owner.instanceId()
						+ "; stop it instead");
			}
			return this.recovery.recovered(execution, null);
		});
	}

	/** Recovers the orphans of processes that stopped beating; never a live run. */
	public List<Long> recoverOrphans() {
		return this.recovery.recoverOrphans();
	}

	private Optional<JobExecutionView> act(long id, String actor, String action,
			Function<JobExecution, JobExecution> change) {
		Optional<JobExecution> execution = execution(id);
		if (execution.isEmpty()) {
			reject(actor, action, null, id, null, "No run " + id);
			return Optional.empty();
		}
		try {
			JobExecution result = change.apply(execution.get());
			done(actor, action, execution.get(),
					result.getStatus().name() + ((result.getId() != id) ? " as execution " + result.getId() : ""));
			return Optional.of(view(this.repository.getJobExecution(result.getId())));
		}
		catch (RuntimeException ex) {
			reject(actor, action, execution.get().getJobParameters().getString("connection"), id,
					execution.get().getJobInstance().getJobName(), ex.getMessage());
			throw ex;
		}
	}

	private static void requireStatus(JobExecution execution, String action, BatchStatus... allowed) {
		if (!List.of(allowed).contains(execution.getStatus())) {
			throw new RunStateException("Run " + execution.getId() + " is " + execution.getStatus() + "; only a run "
					+ "that is " + List.of(allowed) + " can be "
					+ (action.equals("stop") ? "stopped" : action.equals("abandon") ? "abandoned" : action + "ed"));
		}
	}

	private Optional<JobExecution> execution(long id) {
		try {
			return Optional.ofNullable(this.repository.getJobExecution(id));
		}
		catch (EmptyResultDataAccessException ex) {
			return Optional.empty();
		}
	}

	private void done(String actor, String action, JobExecution execution, String detail) {
		logger.info(actor + " " + action + " run " + execution.getJobInstance().getJobName() + " execution "
				+ execution.getId() + ": " + detail);
		this.audit.record(actor, action, execution.getJobParameters().getString("connection"), execution.getId(),
				execution.getJobInstance().getJobName(), AuditLog.Outcome.DONE, detail);
	}

	private void reject(String actor, String action, @Nullable String connection, @Nullable Long id,
			@Nullable String jobName, @Nullable String reason) {
		this.audit.record(actor, action, connection, id, jobName, AuditLog.Outcome.REJECTED, reason);
	}

	private JobParametersDefaults.Launch withDefaults(String jobName, JobParameters given) {
		return this.defaults.stream()
			.filter((jobDefaults) -> jobDefaults.appliesTo(jobName))
			.findFirst()
			.map((jobDefaults) -> jobDefaults.complete(jobName, given))
			.orElseGet(() -> new JobParametersDefaults.Launch(jobName, given));
	}

	private JobExecutionView view(JobExecution execution) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (JobParameter<?> parameter : execution.getJobParameters()) {
			parameters.put(parameter.name(), String.valueOf(parameter.value()));
		}
		List<JobExecutionView.Step> steps = new ArrayList<>();
		for (StepExecution step : execution.getStepExecutions()) {
			steps.add(new JobExecutionView.Step(step.getStepName(), step.getStatus().name(),
					step.getExitStatus().getExitCode(), step.getReadCount(), step.getWriteCount(),
					step.getFilterCount(), step.getSkipCount(), step.getCommitCount(), step.getRollbackCount(),
					step.getStartTime(), step.getEndTime()));
		}
		String owner = execution.isRunning()
				? this.owners.owner(execution.getId(), this.staleAfter).map(RunOwners.Owner::instanceId).orElse(null)
				: null;
		return new JobExecutionView(execution.getId(), execution.getJobInstance().getJobName(),
				execution.getJobParameters().getString("connection"), execution.getStatus().name(),
				execution.getExitStatus().getExitCode(), execution.getExitStatus().getExitDescription(),
				execution.getStartTime(), execution.getEndTime(), owner, parameters, steps);
	}

}
