package dev.sfsync.scheduling;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduledFireTests {

	private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");

	@Test
	void aFireOnTimeIsDueWhenScheduledAndMissesNothing() throws ParseException {
		ScheduledFire fire = ScheduledFire.of(everyMinute(), at(T), at(T.plusSeconds(60)), at(T.plusSeconds(61)));

		assertThat(fire.due()).isEqualTo(T.plusSeconds(60));
		assertThat(fire.lateness()).isEqualTo(Duration.ofSeconds(1));
		assertThat(fire.missed()).isZero();
	}

	@Test
	void aMisfiredTriggerReFiredNowWasDueAtItsFirstCronTimeAndMissedTheOnesSince() throws ParseException {
		// Quartz re-fires it at 10:03:30 and reports 10:03:30 as its scheduled time.
		Instant refire = T.plusSeconds(210);

		ScheduledFire fire = ScheduledFire.of(everyMinute(), at(T), at(refire), at(refire.plusMillis(20)));

		assertThat(fire.due()).isEqualTo(T.plusSeconds(60));
		assertThat(fire.lateness()).isEqualTo(Duration.ofMillis(150_020));
		assertThat(fire.missed()).as("10:02 and 10:03").isEqualTo(2);
	}

	@Test
	void aFirstFireOrOneScheduledBeforeItsCronSaysIsDueWhenQuartzScheduledIt() throws ParseException {
		assertThat(ScheduledFire.of(everyMinute(), null, at(T), at(T.plusSeconds(2))).due()).isEqualTo(T);
		ScheduledFire early = ScheduledFire.of(everyMinute(), at(T), at(T.plusSeconds(30)), at(T.plusSeconds(30)));
		assertThat(early.due()).isEqualTo(T.plusSeconds(30));
		assertThat(early.missed()).isZero();
		assertThat(ScheduledFire.of(null, at(T), at(T), at(T.minusSeconds(1))).lateness()).isZero();
	}

	@Test
	void aScheduleDownForTwoHoursWasDueAMinuteAfterItsLastFire() throws ParseException {
		ScheduledFire fire = ScheduledFire.of(everyMinute(), at(T.minusSeconds(7200)), at(T), at(T));

		assertThat(fire.due()).isEqualTo(T.minusSeconds(7140));
		assertThat(fire.missed()).isEqualTo(119);
	}

	@Test
	void missedFiresAreCountedUpToABound() throws ParseException {
		CronExpression everySecond = new CronExpression("* * * * * ?");
		everySecond.setTimeZone(TimeZone.getTimeZone("UTC"));

		ScheduledFire fire = ScheduledFire.of(everySecond, at(T), at(T.plusSeconds(1)),
				at(T.plus(Duration.ofDays(30))));

		assertThat(fire.missed()).isEqualTo(ScheduledFire.MAX_COUNTED);
	}

	private static CronExpression everyMinute() throws ParseException {
		CronExpression cron = new CronExpression("0 * * * * ?");
		cron.setTimeZone(TimeZone.getTimeZone("UTC"));
		return cron;
	}

	private static Date at(Instant instant) {
		return Date.from(instant);
	}

}
