package dev.sfsync.operations;

import java.util.List;

import dev.sfsync.operations.JobParametersDefaults.Launch;
import org.jspecify.annotations.Nullable;

/**
 * What a scheduled fire of a job does for a connection, decided before anything is
 * launched: the Quartz trigger's and the command line's {@code run <job> --poll} (the
 * Kubernetes CronJobs). The inbound module implements it: a paused connection or a run
 * still going launches nothing, and a window without changes is a poll, not a run.
 */
public interface ScheduledPolls {

	/** Whether a scheduled fire of this job is polled first. */
	boolean appliesTo(String jobName);

	/**
	 * The fire's poll for one connection.
	 * @return the poll; close it once the launch it names has returned
	 */
	Poll poll(String jobName, String connectionId);

	/**
	 * The object types of a connection whose scheduled fires are due now because a run of
	 * this job ended: first syncs that waited for this one's.
	 */
	List<String> ready(String jobName, String connectionId);

	/** A fire's answer: the run to launch, or none, and why. */
	interface Poll extends AutoCloseable {

		/** The run to launch, or null when the fire launches nothing. */
		@Nullable Launch launch();

		/** Why nothing is launched, for the log and the command line; empty otherwise. */
		String summary();

		/**
		 * Whether nothing is launched only because another run of the object type holds
		 * it: a fire whose next one is far off (a weekly reconcile) tries again soon.
		 */
		default boolean busy() {
			return false;
		}

		/** Drops what the poll kept for its run (a first page the run did not take). */
		@Override
		void close();

	}

}
