package dev.sfsync.operations;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

import dev.sfsync.catalog.JobCatalog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.converter.DefaultJobParametersConverter;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Runs one job in this process ({@code sfsync run <job>}), prints a one-line summary and
 * returns the exit code. Launching a failed or stopped run again with the same
 * identifying parameters restarts it from its last committed chunk.
 */
public final class RunCommand {

	private static final Log logger = LogFactory.getLog(RunCommand.class);

	private final JobRegistry registry;

	private final JobOperator operator;

	private final JobRepository repository;

	private final JobCatalog catalog;

	private final List<JobParametersDefaults> defaults;

	private final List<ScheduledPolls> polls;

	private final OverlappingRuns overlapping;

	private final LaunchClaims claims;

	private final DefaultJobParametersConverter converter = new DefaultJobParametersConverter();

	public RunCommand(JobRegistry registry, JobOperator operator, JobRepository repository, JobCatalog catalog,
			List<JobParametersDefaults> defaults, List<ScheduledPolls> polls, OverlappingRuns overlapping,
			LaunchClaims claims) {
		this.registry = registry;
		this.operator = operator;
		this.repository = repository;
		this.catalog = catalog;
		this.defaults = defaults;
		this.polls = polls;
		this.overlapping = overlapping;
		this.claims = claims;
	}

	public RunExitCode run(String requestedJob, Properties rawParameters, PrintStream out, PrintStream err) {
		return run(requestedJob, rawParameters, false, out, err);
	}

	/**
	 * Runs a job, or with {@code poll} makes a scheduled fire of it: the fire's poll
	 * decides whether a run is launched at all.
	 */
	public RunExitCode run(String requestedJob, Properties rawParameters, boolean poll, PrintStream out,
			PrintStream err) {
		if (this.registry.getJob(requestedJob) == null) {
			err.println(unknownJob(requestedJob));
			return RunExitCode.USAGE;
		}
		if (poll) {
			return fire(requestedJob, rawParameters.getProperty("connection", ""), out, err);
		}
		String connection = rawParameters.getProperty("connection");
		LaunchClaims.Claimed claim;
		try {
			claim = (connection != null) ? this.claims.claim(requestedJob, connection) : this.claims.none();
		}
		catch (LaunchClaims.AlreadyRunningException ex) {
			err.println(ex.getMessage() + " If the process that ran it is gone, its claim is taken over once its"
					+ " lease runs out (sfsync.operations.stale-after) and the run resumes.");
			return RunExitCode.ALREADY_RUNNING;
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			return RunExitCode.USAGE;
		}
		// Decided under the claim: no other run of the object type starts meanwhile.
		try (claim) {
			JobParametersDefaults.Launch launch;
			try {
				launch = withDefaults(requestedJob, this.converter.getJobParameters(rawParameters));
			}
			catch (RuntimeException ex) {
				err.println("Invalid parameters for " + requestedJob + ": " + ex.getMessage()
						+ ". Write them as key=value, or key=value,type for a typed value.");
				return RunExitCode.USAGE;
			}
			return launch(launch, claim, out, err);
		}
	}

	/** A scheduled fire: the poll's run, or nothing when the poll says so (exit 0). */
	private RunExitCode fire(String jobName, String connectionId, PrintStream out, PrintStream err) {
		ScheduledPolls polls = this.polls.stream()
			.filter((candidate) -> candidate.appliesTo(jobName))
			.findFirst()
			.orElse(null);
		if (polls == null) {
			err.println("--poll applies to the {object}-inbound jobs; " + jobName + " is not one.");
			return RunExitCode.USAGE;
		}
		try (ScheduledPolls.Poll poll = polls.poll(jobName, connectionId)) {
			JobParametersDefaults.Launch launch = poll.launch();
			if (launch == null) {
				out.println(poll.summary());
				return RunExitCode.COMPLETED;
			}
			// The poll holds the claim, in the launch's parameters.
			return launch(launch, this.claims.none(), out, err);
		}
	}

	private RunExitCode launch(JobParametersDefaults.Launch launch, LaunchClaims.Claimed claim, PrintStream out,
			PrintStream err) {
		if (!launch.note().isEmpty()) {
			out.println(launch.note());
		}
		String jobName = launch.jobName();
		JobParameters parameters = launch.parameters();
		Job job = this.registry.getJob(jobName);
		if (job == null) {
			err.println(unknownJob(jobName));
			return RunExitCode.USAGE;
		}
		try {
			// Batch creates the job instance before it validates: validate first so a
			// typo leaves no trace.
			job.getJobParametersValidator().validate(parameters);
		}
		catch (InvalidJobParametersException ex) {
			err.println("Invalid parameters for " + jobName + ": " + ex.getMessage());
			return RunExitCode.USAGE;
		}
		List<Long> overlapping = this.overlapping.of(launch);
		if (!overlapping.isEmpty()) {
			err.println(jobName + " for connection " + parameters.getString("connection") + " would overlap execution "
					+ overlapping + ", still running. Nothing was run; wait for it, or stop it. If the process that"
					+ " ran it is gone, recover the run first.");
			return RunExitCode.ALREADY_RUNNING;
		}
		JobExecution previous = this.repository.getLastJobExecution(jobName, parameters);
		if (previous != null
				&& (previous.getStatus() == BatchStatus.FAILED || previous.getStatus() == BatchStatus.STOPPED)) {
			out.println("Restarting " + jobName + ": execution " + previous.getId() + " with these parameters ended "
					+ previous.getStatus() + "; resuming from its last committed chunk.");
		}
		try {
			JobExecution execution = this.operator.start(job, claim.parameters(parameters));
			RunExitCode exitCode = RunExitCode.of(execution);
			out.println(summary(execution));
			if (exitCode != RunExitCode.COMPLETED) {
				err.println(execution.getExitStatus().getExitDescription());
				err.println("Launch it again with the same parameters to restart it: " + parameters);
			}
			return exitCode;
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			err.println(jobName + " already " + ((previous != null) ? previous.getStatus() : "completed")
					+ " with parameters " + parameters
					+ ((previous != null) ? " (execution " + previous.getId() + ")" : "")
					+ ". Nothing was run; give different identifying parameters to start a new run.");
			return RunExitCode.ALREADY_COMPLETE;
		}
		catch (JobExecutionAlreadyRunningException ex) {
			err.println(jobName + " with parameters " + parameters + " is already running"
					+ ((previous != null) ? " (execution " + previous.getId() + ")" : "")
					+ ". Nothing was run. If the process that ran it is gone, recover the run first.");
			return RunExitCode.ALREADY_RUNNING;
		}
		catch (InvalidJobParametersException ex) {
			err.println("Invalid parameters for " + jobName + ": " + ex.getMessage());
			return RunExitCode.USAGE;
		}
		catch (JobRestartException ex) {
			logger.error("Run " + jobName + " with parameters " + parameters + " cannot be restarted", ex);
			err.println(jobName + " with parameters " + parameters + " cannot be restarted: " + ex.getMessage());
			return RunExitCode.NOT_RESTARTABLE;
		}
	}

	private JobParametersDefaults.Launch withDefaults(String jobName, JobParameters given) {
		for (JobParametersDefaults jobDefaults : this.defaults) {
			if (jobDefaults.appliesTo(jobName)) {
				return jobDefaults.complete(jobName, given);
			}
		}
		return new JobParametersDefaults.Launch(jobName, given);
	}

	private String unknownJob(String jobName) {
		return this.catalog.findByJobName(jobName)
			.map((definition) -> "Job '" + jobName + "' is declared by " + definition.source()
					+ ", but this build has no job factory for its direction yet.")
			.orElseGet(() -> "Unknown job '" + jobName + "'. Jobs: "
					+ String.join(", ", new TreeSet<>(this.registry.getJobNames())));
	}

	static String summary(JobExecution execution) {
		long read = 0;
		long written = 0;
		long skipped = 0;
		long failed = 0;
		for (StepExecution step : execution.getStepExecutions()) {
			read += step.getReadCount();
			written += step.getWriteCount();
			skipped += step.getFilterCount();
			failed += step.getSkipCount();
		}
		Duration duration = (execution.getStartTime() != null && execution.getEndTime() != null)
				? Duration.between(execution.getStartTime(), execution.getEndTime()) : Duration.ZERO;
		return execution.getJobInstance().getJobName() + " execution=" + execution.getId() + " status="
				+ execution.getStatus() + " exit=" + execution.getExitStatus().getExitCode() + " read=" + read
				+ " written=" + written + " skipped=" + skipped + " failed=" + failed + " duration="
				+ String.format("%.1fs", duration.toMillis() / 1000.0);
	}

}
