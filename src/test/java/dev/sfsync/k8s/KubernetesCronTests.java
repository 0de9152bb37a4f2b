package dev.sfsync.k8s;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Quartz cron expressions of the job catalog become Kubernetes CronJob schedules, or are
 * refused with the reason.
 */
class KubernetesCronTests {

	@Test
	void dropsTheSecondsAndTurnsNoSpecificValueIntoAny() {
		// then
		assertThat(KubernetesCron.fromQuartz("0 */5 * * * ?")).isEqualTo("*/5 * * * *");
		assertThat(KubernetesCron.fromQuartz("0 0 * * * ?")).isEqualTo("0 * * * *");
		assertThat(KubernetesCron.fromQuartz("0 30 2 ? * MON-FRI")).isEqualTo("30 2 * * MON-FRI");
		assertThat(KubernetesCron.fromQuartz("0 15 3 1 JAN,JUL ?")).isEqualTo("15 3 1 JAN,JUL *");
	}

	@Test
	void acceptsAnyYear() {
		// then
		assertThat(KubernetesCron.fromQuartz("0 0 12 * * ? *")).isEqualTo("0 12 * * *");
	}

	@Test
	void refusesSecondsOtherThanZero() {
		// then
		assertThatIllegalArgumentException().isThrownBy(() -> KubernetesCron.fromQuartz("30 */5 * * * ?"))
			.withMessage("'30 */5 * * * ?' runs at second '30'; Kubernetes schedules whole minutes only");
	}

	@Test
	void refusesNumberedDaysOfTheWeekBecauseQuartzCountsFromOne() {
		// then
		assertThatIllegalArgumentException().isThrownBy(() -> KubernetesCron.fromQuartz("0 0 8 ? * 2-6"))
			.withMessageContaining("write it with names (MON-FRI)");
		assertThatIllegalArgumentException().isThrownBy(() -> KubernetesCron.fromQuartz("0 0 8 ? * 6#3"))
			.withMessageContaining("'6#3'");
	}

	@Test
	void refusesWhatOnlyQuartzCanSay() {
		// then
		assertThatIllegalArgumentException().isThrownBy(() -> KubernetesCron.fromQuartz("0 0 8 L * ?"))
			.withMessageContaining("L or W");
		assertThatIllegalArgumentException().isThrownBy(() -> KubernetesCron.fromQuartz("0 0 8 15W * ?"))
			.withMessageContaining("L or W");
		assertThatIllegalArgumentException().isThrownBy(() -> KubernetesCron.fromQuartz("0 0 8 * * ? 2027"))
			.withMessageContaining("names a year");
		assertThatIllegalArgumentException().isThrownBy(() -> KubernetesCron.fromQuartz("*/5 * * * *"))
			.withMessageContaining("expected 6 or 7 fields");
	}

}
