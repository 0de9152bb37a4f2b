package dev.sfsync.operations;

import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * Fills in the identifying parameters a job needs when its launcher left them out, for
 * example today's {@code runDate} of the retention job. Launching again with the same
 * parameters restarts a failed run, so defaults must be stable over the period they stand
 * for.
 */
public interface JobParametersDefaults {

	String jobName();

	JobParameters complete(JobParameters given);

}
