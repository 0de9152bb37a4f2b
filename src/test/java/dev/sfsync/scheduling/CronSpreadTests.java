package dev.sfsync.scheduling;

import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

import static org.assertj.core.api.Assertions.assertThat;

class CronSpreadTests {

	@Test
	void everyFiveMinutesKeepsItsPeriodAtTheConnectionsOwnSecondAndMinute() throws ParseException {
		String spread = CronSpread.of("0 */5 * * * ?", "acme/contact");

		assertThat(spread).matches("\\d{1,2} [0-4]/5 \\* \\* \\* \\?");
		assertThat(CronExpression.isValidExpression(spread)).isTrue();
		assertThat(CronSpread.of("0 */5 * * * ?", "acme/contact")).as("stable").isEqualTo(spread);
	}

	@Test
	void aThousandConnectionsSpreadOverTheWholePeriod() {
		Map<String, Integer> bySlot = new HashMap<>();
		for (int i = 0; i < 1000; i++) {
			String[] fields = CronSpread.of("0 */5 * * * ?", "tenant-" + i + "/contact").split(" ");
			bySlot.merge(fields[1].split("/")[0] + ":" + fields[0], 1, Integer::sum);
		}
		// 300 seconds a period: no second has more than a handful of fires.
		assertThat(bySlot.size()).isGreaterThan(250);
		assertThat(bySlot.values()).allSatisfy((fires) -> assertThat(fires).isLessThanOrEqualTo(12));
	}

	@Test
	void hourlyAndDailyFireAtTheirHoursAtAnyMinute() {
		assertThat(CronSpread.of("0 0 * * * ?", "acme/user")).matches("\\d{1,2} \\d{1,2} \\* \\* \\* \\?");
		assertThat(CronSpread.of("0 0 0 * * ?", "acme/user")).matches("\\d{1,2} 0 0 \\* \\* \\?");
		assertThat(CronSpread.of("0 0 */2 * * ?", "acme/user")).matches("\\d{1,2} \\d{1,2} \\*/2 \\* \\* \\?");
	}

	@Test
	void aCronThatNamesItsSecondsOrAnOddPeriodIsLeftAsWritten() {
		assertThat(CronSpread.of("*/3 * * * * ?", "acme/account")).isEqualTo("*/3 * * * * ?");
		assertThat(CronSpread.of("30 */5 * * * ?", "acme/account")).isEqualTo("30 */5 * * * ?");
		assertThat(CronSpread.of("0 */7 * * * ?", "acme/account")).matches("\\d{1,2} \\*/7 \\* \\* \\* \\?");
		assertThat(CronSpread.of("0 15 10 * * ?", "acme/account")).matches("\\d{1,2} 15 10 \\* \\* \\?");
	}

}
