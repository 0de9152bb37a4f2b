package dev.sfsync.soql;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static dev.sfsync.soql.SoqlFixtures.parse;
import static dev.sfsync.soql.SoqlFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Relative date literals against the fixed clock of {@link SoqlFixtures}: Wednesday 15
 * May 2024, 10:30 UTC.
 */
class SoqlDateLiteralTests {

	@Test
	void matchesTodayYesterdayAndTomorrowOnADateField() {
		assertThat(onBirthdate("= TODAY", "2024-05-15")).isTrue();
		assertThat(onBirthdate("= TODAY", "2024-05-14")).isFalse();
		assertThat(onBirthdate("= YESTERDAY", "2024-05-14")).isTrue();
		assertThat(onBirthdate("= TOMORROW", "2024-05-16")).isTrue();
		assertThat(onBirthdate("= tomorrow", "2024-05-15")).isFalse();
	}

	@Test
	void comparesADateFieldWithEitherEndOfTheRange() {
		assertThat(onBirthdate("< TODAY", "2024-05-14")).isTrue();
		assertThat(onBirthdate("< TODAY", "2024-05-15")).isFalse();
		assertThat(onBirthdate("<= TODAY", "2024-05-15")).isTrue();
		assertThat(onBirthdate("> TODAY", "2024-05-15")).isFalse();
		assertThat(onBirthdate("> TODAY", "2024-05-16")).isTrue();
		assertThat(onBirthdate(">= TODAY", "2024-05-15")).isTrue();
		assertThat(onBirthdate("!= TODAY", "2024-05-16")).isTrue();
		assertThat(onBirthdate("!= TODAY", "2024-05-15")).isFalse();
	}

	@Test
	void treatsTodayOnADateTimeFieldAsTheWholeUtcDay() {
		assertThat(onCreatedDate("= TODAY", "2024-05-15T00:00:00Z")).isTrue();
		assertThat(onCreatedDate("= TODAY", "2024-05-15T23:59:59.999Z")).isTrue();
		assertThat(onCreatedDate("= TODAY", "2024-05-16T00:00:00Z")).isFalse();
		assertThat(onCreatedDate("= TODAY", "2024-05-14T23:59:59Z")).isFalse();
		assertThat(onCreatedDate("> TODAY", "2024-05-15T23:00:00Z")).isFalse();
		assertThat(onCreatedDate("< TODAY", "2024-05-14T23:59:59Z")).isTrue();
	}

	@Test
	void countsTodayIntoTheLastNDaysOnADateTimeField() {
		assertThat(onCreatedDate(">= LAST_N_DAYS:3", "2024-05-12T00:00:00Z")).isTrue();
		assertThat(onCreatedDate(">= LAST_N_DAYS:3", "2024-05-11T23:59:59Z")).isFalse();
		assertThat(onCreatedDate("= LAST_N_DAYS:3", "2024-05-15T10:00:00Z")).isTrue();
		assertThat(onCreatedDate("= LAST_N_DAYS:3", "2024-05-16T00:00:00Z")).isFalse();
		assertThat(onCreatedDate("< LAST_N_DAYS:3", "2024-05-11T23:59:59Z")).isTrue();
		assertThat(onCreatedDate("> LAST_N_DAYS:3", "2024-05-16T00:00:00Z")).isTrue();
		assertThat(onCreatedDate("> LAST_N_DAYS:3", "2024-05-15T23:00:00Z")).isFalse();
		assertThat(onCreatedDate("<= LAST_N_DAYS:3", "2024-05-15T23:00:00Z")).isTrue();
	}

	@Test
	void countsTodayIntoTheLastNDaysOnADateField() {
		assertThat(onBirthdate("= LAST_N_DAYS:3", "2024-05-12")).isTrue();
		assertThat(onBirthdate("= LAST_N_DAYS:3", "2024-05-15")).isTrue();
		assertThat(onBirthdate("= LAST_N_DAYS:3", "2024-05-11")).isFalse();
		assertThat(onBirthdate("= last_n_days:3", "2024-05-16")).isFalse();
	}

	@Test
	void leavesTodayOutOfTheNextNDays() {
		assertThat(onBirthdate("= NEXT_N_DAYS:2", "2024-05-15")).isFalse();
		assertThat(onBirthdate("= NEXT_N_DAYS:2", "2024-05-16")).isTrue();
		assertThat(onBirthdate("= NEXT_N_DAYS:2", "2024-05-17")).isTrue();
		assertThat(onBirthdate("= NEXT_N_DAYS:2", "2024-05-18")).isFalse();
	}

	@Test
	void coversCalendarMonthsWithThisMonthAndLastMonth() {
		assertThat(onBirthdate("= THIS_MONTH", "2024-05-01")).isTrue();
		assertThat(onBirthdate("= THIS_MONTH", "2024-05-31")).isTrue();
		assertThat(onBirthdate("= THIS_MONTH", "2024-06-01")).isFalse();
		assertThat(onBirthdate("= LAST_MONTH", "2024-04-01")).isTrue();
		assertThat(onBirthdate("= LAST_MONTH", "2024-04-30")).isTrue();
		assertThat(onBirthdate("= LAST_MONTH", "2024-05-01")).isFalse();
		assertThat(onCreatedDate("< THIS_MONTH", "2024-04-30T23:59:59Z")).isTrue();
	}

	@Test
	void reachesBackIntoLastYearForLastMonthInJanuary() {
		// given
		Clock january = Clock.fixed(Instant.parse("2025-01-10T12:00:00Z"), ZoneOffset.UTC);
		SoqlQuery query = SoqlParser.parse("SELECT Id FROM Contact WHERE Birthdate = LAST_MONTH", SoqlFixtures.SCHEMA,
				january);

		// then
		assertThat(query.matches(record("Birthdate", LocalDate.parse("2024-12-31")))).isTrue();
		assertThat(query.matches(record("Birthdate", LocalDate.parse("2025-01-01")))).isFalse();
	}

	@Test
	void startsWeeksOnSunday() {
		assertThat(onBirthdate("= THIS_WEEK", "2024-05-12")).isTrue();
		assertThat(onBirthdate("= THIS_WEEK", "2024-05-18")).isTrue();
		assertThat(onBirthdate("= THIS_WEEK", "2024-05-11")).isFalse();
		assertThat(onBirthdate("= LAST_WEEK", "2024-05-11")).isTrue();
		assertThat(onBirthdate("= NEXT_WEEK", "2024-05-19")).isTrue();
	}

	@Test
	void supportsTheOtherRelativeLiterals() {
		assertThat(onBirthdate("= N_DAYS_AGO:3", "2024-05-12")).isTrue();
		assertThat(onBirthdate("= N_DAYS_AGO:3", "2024-05-13")).isFalse();
		assertThat(onBirthdate("= THIS_QUARTER", "2024-04-01")).isTrue();
		assertThat(onBirthdate("= THIS_QUARTER", "2024-07-01")).isFalse();
		assertThat(onBirthdate("= LAST_N_MONTHS:2", "2024-03-01")).isTrue();
		assertThat(onBirthdate("= LAST_N_MONTHS:2", "2024-05-01")).isFalse();
		assertThat(onBirthdate("= THIS_YEAR", "2024-12-31")).isTrue();
		assertThat(onBirthdate("= LAST_90_DAYS", "2024-02-15")).isTrue();
		assertThat(onBirthdate("= LAST_90_DAYS", "2024-02-14")).isFalse();
	}

	@Test
	void acceptsRelativeLiteralsInAnInList() {
		assertThat(onBirthdate("IN (YESTERDAY, TOMORROW)", "2024-05-14")).isTrue();
		assertThat(onBirthdate("IN (YESTERDAY, TOMORROW)", "2024-05-16")).isTrue();
		assertThat(onBirthdate("IN (YESTERDAY, TOMORROW)", "2024-05-15")).isFalse();
		assertThat(onBirthdate("NOT IN (YESTERDAY, 2024-05-15)", "2024-05-15")).isFalse();
	}

	@Test
	void leavesEmptyFieldsOutOfEveryRangeButInequality() {
		assertThat(parse("SELECT Id FROM Contact WHERE Birthdate = TODAY").matches(record("Birthdate", null)))
			.isFalse();
		assertThat(parse("SELECT Id FROM Contact WHERE Birthdate < TODAY").matches(record("Birthdate", null)))
			.isFalse();
		assertThat(parse("SELECT Id FROM Contact WHERE Birthdate != TODAY").matches(record("Birthdate", null)))
			.isTrue();
	}

	private static boolean onBirthdate(String comparison, String date) {
		return parse("SELECT Id FROM Contact WHERE Birthdate " + comparison)
			.matches(record("Birthdate", LocalDate.parse(date)));
	}

	private static boolean onCreatedDate(String comparison, String instant) {
		return parse("SELECT Id FROM Contact WHERE CreatedDate " + comparison)
			.matches(record("CreatedDate", Instant.parse(instant)));
	}

}
