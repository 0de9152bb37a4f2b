package dev.sfsync.scheduling;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The schedule's health as metrics: each fire's lateness against the time its cron made
 * it due ({@code sfsync_schedule_lateness_seconds{object}}, with a histogram for
 * percentiles), and the fires merged into a late one ({@code sfsync_schedule_missed_total
 * {object}}), never silently; and the time from a fire to its run's creation
 * ({@code sfsync_schedule_launch_seconds{object}}).
 */
final class ScheduleMetrics {

	private final MeterRegistry meters;

	private final Clock clock;

	ScheduleMetrics(MeterRegistry meters, Clock clock) {
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * A fire's run has been created: the time since the fire, its poll and the launch.
	 */
	void launched(String object, ScheduledFire fire) {
		Duration sinceFire = Duration.between(fire.fired(), this.clock.instant());
		Timer.builder("sfsync.schedule.launch")
			.tag("object", object)
			.description("From a scheduled fire to its run's execution being created: the poll and the launch")
			.publishPercentileHistogram()
			.register(this.meters)
			.record(sinceFire.isNegative() ? Duration.ZERO : sinceFire);
	}

	void fired(String object, ScheduledFire fire) {
		Timer.builder("sfsync.schedule.lateness")
			.tag("object", object)
			.description("How late each scheduled fire was, against the time its cron made it due")
			.publishPercentileHistogram()
			.register(this.meters)
			.record(fire.lateness());
		Counter missed = Counter.builder("sfsync.schedule.missed")
			.tag("object", object)
			.description("Cron times a trigger was not fired at (all replicas down, or the scheduler behind),"
					+ " merged into its next fire")
			.register(this.meters);
		if (fire.missed() > 0) {
			missed.increment(fire.missed());
		}
	}

}
