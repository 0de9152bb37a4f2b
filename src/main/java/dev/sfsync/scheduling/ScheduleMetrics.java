package dev.sfsync.scheduling;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The schedule's health as metrics: each fire's lateness against the time its cron made
 * it due ({@code sfsync_schedule_lateness_seconds{object}}, with a histogram for
 * percentiles), and the fires merged into a late one ({@code sfsync_schedule_missed_total
 * {object}}), never silently.
 */
final class ScheduleMetrics {

	private final MeterRegistry meters;

	ScheduleMetrics(MeterRegistry meters) {
		this.meters = meters;
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
