package dev.sfsync.scheduling;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.jspecify.annotations.Nullable;
import org.quartz.CronExpression;
import org.quartz.CronTrigger;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;

/**
 * When a fire of a cron schedule was due, and the fires it stands for. Quartz re-fires a
 * misfired trigger once, now, and reports now as its scheduled time; the time it was due
 * is the first one its cron names after the trigger's previous fire. The cron's times
 * between that and the actual fire are fires merged into this one: missed, and counted.
 *
 * @param due the time the cron named for this fire
 * @param fired when it actually fired
 * @param missed the cron's later times it was not fired at, merged into this fire
 */
record ScheduledFire(Instant due, Instant fired, long missed) {

	/**
	 * Counting missed fires stops here: a schedule down for months is counted as this.
	 */
	static final long MAX_COUNTED = 100_000;

	/** The fire of a Quartz job execution. */
	static ScheduledFire of(JobExecutionContext context) {
		return of(cron(context.getTrigger()), context.getPreviousFireTime(), context.getScheduledFireTime(),
				context.getFireTime());
	}

	/**
	 * A fire of a cron schedule.
	 * @param cron the schedule, or null when the trigger has none (then the fire is due
	 * when Quartz scheduled it)
	 * @param previous the trigger's previous fire, null on its first
	 * @param scheduled the time Quartz reports as scheduled
	 * @param fired the time it fired
	 */
	static ScheduledFire of(@Nullable CronExpression cron, @Nullable Date previous, Date scheduled, Date fired) {
		if (cron == null || previous == null) {
			return new ScheduledFire(scheduled.toInstant(), fired.toInstant(), 0);
		}
		Date due = cron.getTimeAfter(previous);
		if (due == null || due.after(scheduled)) {
			// The trigger's cron changed since its previous fire.
			due = scheduled;
		}
		long missed = 0;
		Date next = cron.getTimeAfter(due);
		while (next != null && !next.after(fired) && missed < MAX_COUNTED) {
			missed++;
			next = cron.getTimeAfter(next);
		}
		return new ScheduledFire(due.toInstant(), fired.toInstant(), missed);
	}

	/** How late it fired: from when it was due to when it fired, never negative. */
	Duration lateness() {
		Duration lateness = Duration.between(this.due, this.fired);
		return lateness.isNegative() ? Duration.ZERO : lateness;
	}

	private static @Nullable CronExpression cron(Trigger trigger) {
		if (!(trigger instanceof CronTrigger cronTrigger)) {
			return null;
		}
		try {
			CronExpression cron = new CronExpression(cronTrigger.getCronExpression());
			cron.setTimeZone(cronTrigger.getTimeZone());
			return cron;
		}
		catch (ParseException ex) {
			return null;
		}
	}

}
