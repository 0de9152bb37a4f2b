package dev.sfsync.operations;

import dev.sfsync.outcome.RunFailureCause;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * The process exit code of a one-job run ({@code sfsync run}, a Kubernetes CronJob). It
 * is 0 only when the run completed, and it tells the failure causes apart so that a
 * workflow can react to them.
 */
public enum RunExitCode {

	COMPLETED(0, "the run completed"),
	UNKNOWN_ERROR(1, "the run failed with an unknown error; it is retried on the next run"),
	USAGE(2, "bad command line: unknown job, command or parameter"),
	AUTHENTICATION_FAILURE(3, "the run failed: Salesforce authentication failed; reconnect Salesforce"),
	INSUFFICIENT_PERMISSIONS(4, "the run failed: the integration user cannot read the object type"),
	API_LIMIT_EXCEEDED(5, "the run failed: the Salesforce API limit is used up"),
	STOPPED(6, "the run was stopped before it finished; launch it again to resume"),
	ALREADY_COMPLETE(7, "a run with these parameters already completed; nothing was run"),
	ALREADY_RUNNING(8,
			"a run with these parameters, or of the same object type for the connection, is already running; nothing was run"),
	NOT_RESTARTABLE(9, "the run was abandoned or is in an unknown state and cannot be restarted"),
	PROCESS_DIED(10, "the run's process stopped unexpectedly (recovered later); the next run resumes it"),
	DATABASE_UNAVAILABLE(11,
			"the run failed because the database was unavailable; the next run resumes it from its last committed chunk"),
	DATABASE_BUSY(12,
			"the run failed because other runs held the records it had to change (a deadlock or lock wait), even after retries; the next run resumes it"),
	CONFIGURATION_ERROR(78, "sfsync could not start: invalid configuration or job catalog");

	private final int code;

	private final String meaning;

	RunExitCode(int code, String meaning) {
		this.code = code;
		this.meaning = meaning;
	}

	public int code() {
		return this.code;
	}

	public String meaning() {
		return this.meaning;
	}

	/**
	 * The exit code of a finished run, from its status and, when it failed, its cause.
	 */
	public static RunExitCode of(JobExecution execution) {
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.COMPLETED) {
			return COMPLETED;
		}
		if (status == BatchStatus.STOPPED || status == BatchStatus.STOPPING) {
			return STOPPED;
		}
		if (status == BatchStatus.FAILED) {
			return ofCause(execution.getExitStatus().getExitCode());
		}
		return NOT_RESTARTABLE;
	}

	/**
	 * The exit code of a run from its status and exit code, as the operator sees them.
	 */
	static RunExitCode ofStatus(String status, String exitCode) {
		return switch (BatchStatus.valueOf(status)) {
			case COMPLETED -> COMPLETED;
			case STOPPED, STOPPING -> STOPPED;
			case FAILED -> ofCause(exitCode);
			default -> NOT_RESTARTABLE;
		};
	}

	private static RunExitCode ofCause(String exitCode) {
		for (RunFailureCause cause : RunFailureCause.values()) {
			if (cause.name().equals(exitCode)) {
				return valueOf(cause.name());
			}
		}
		return UNKNOWN_ERROR;
	}

}
