package dev.sfsync.operations;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A run as the operator sees it: one job execution, and, when shown alone, its parameters
 * and steps. Times are UTC.
 *
 * @param id the job execution id
 * @param job the job name
 * @param connection the connection it ran for, if any
 * @param status the Batch status
 * @param exitCode the exit code (the failure cause of a failed run)
 * @param exitMessage what happened, in plain language
 * @param startTime when it started
 * @param endTime when it ended
 * @param owner the sfsync process that runs it, while it runs
 * @param parameters its parameters (identifying ones and the others)
 * @param steps its steps, in order
 */
public record RunView(long id, String job, @Nullable String connection, String status, String exitCode,
		String exitMessage, @Nullable LocalDateTime startTime, @Nullable LocalDateTime endTime, @Nullable String owner,
		Map<String, String> parameters, List<Step> steps) {

	/** One step execution of a run. */
	public record Step(String name, String status, String exitCode, long read, long written, long skipped, long failed,
			long commits, long rollbacks, @Nullable LocalDateTime startTime, @Nullable LocalDateTime endTime) {
	}

}
