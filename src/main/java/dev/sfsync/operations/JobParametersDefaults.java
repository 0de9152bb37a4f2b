package dev.sfsync.operations;

import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * Fills in what a launch left out: the identifying parameters a job needs (for example
 * today's {@code runDate} of the retention job, or the next window of an inbound sync),
 * and, for inbound syncs, whether the run must be the object's first backfill instead.
 * Launching again with the same parameters restarts a failed run, so defaults must be
 * stable over the period they stand for.
 */
public interface JobParametersDefaults {

	/** Whether these defaults are for the job of this name. */
	boolean appliesTo(String jobName);

	/** The job to run and its complete parameters. */
	Launch complete(String jobName, JobParameters given);

	/**
	 * A job to launch with its parameters.
	 *
	 * @param jobName the job
	 * @param parameters its identifying parameters
	 * @param note why this job or these parameters were chosen, for the operator; empty
	 * when the launch is as asked
	 */
	record Launch(String jobName, JobParameters parameters, String note) {

		public Launch(String jobName, JobParameters parameters) {
			this(jobName, parameters, "");
		}

	}

}
