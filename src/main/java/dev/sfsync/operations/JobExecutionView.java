package dev.sfsync.operations;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A job execution as the operator API ({@code /api/runs}) and {@code sfsync runs} show
 * it: the job repository's own terms (Batch status, exit code, step counters), and, when
 * shown alone, its parameters and steps. Times are UTC. Customers' "runs", in plain
 * language, are the activity module's {@code RunView}; the two are documented API shapes
 * of their own, so they stay two types under two names.
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
public record JobExecutionView(long id, String job, @Nullable String connection, String status, String exitCode,
		String exitMessage, @Nullable LocalDateTime startTime, @Nullable LocalDateTime endTime, @Nullable String owner,
		Map<String, String> parameters, List<Step> steps) {

	/** One step execution of a run. */
	public record Step(String name, String status, String exitCode, long read, long written, long skipped, long failed,
			long commits, long rollbacks, @Nullable LocalDateTime startTime, @Nullable LocalDateTime endTime) {
	}

}
