package dev.sfsync.scheduling;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How scheduled runs are launched ({@code sfsync.scheduling}).
 *
 * @param launchThreads the runs the scheduler's fires may have going at once in this
 * process; a fire that finds every one busy launches nothing and the next fire continues
 * @param runsPerConnection the runs of one connection those may include, so one tenant's
 * backfills leave room for the others
 * @param shutdownWait how long shutdown waits for the launch threads to finish, after the
 * run supervisor has asked their runs to stop and waited for them
 * ({@code sfsync.operations.stop-timeout}); short, so the two stay inside Kubernetes'
 * grace period
 * @param busyRetry how soon a weekly reconcile that found another run of its object type
 * going fires again, instead of a week later
 */
@ConfigurationProperties("sfsync.scheduling")
record SchedulingProperties(@DefaultValue("8") int launchThreads, @DefaultValue("2") int runsPerConnection,
		@DefaultValue("10s") Duration shutdownWait, @DefaultValue("5m") Duration busyRetry) {

	SchedulingProperties {
		if (launchThreads < 1 || launchThreads > 256) {
			throw new IllegalArgumentException(
					"sfsync.scheduling.launch-threads must be from 1 to 256; was " + launchThreads);
		}
		if (runsPerConnection < 1 || runsPerConnection > launchThreads) {
			throw new IllegalArgumentException(
					"sfsync.scheduling.runs-per-connection must be from 1 to launch-threads (" + launchThreads
							+ "); was " + runsPerConnection);
		}
		if (busyRetry.isNegative() || busyRetry.isZero()) {
			throw new IllegalArgumentException("sfsync.scheduling.busy-retry must be positive; was " + busyRetry);
		}
		if (shutdownWait.isNegative()) {
			throw new IllegalArgumentException(
					"sfsync.scheduling.shutdown-wait must not be negative; was " + shutdownWait);
		}
	}

}
