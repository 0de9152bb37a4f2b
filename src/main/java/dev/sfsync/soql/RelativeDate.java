package dev.sfsync.soql;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

import org.jspecify.annotations.Nullable;

/**
 * SOQL's relative date literals, each a range of whole days counted from today (UTC).
 * Weeks start on Sunday, as in the en_US locale; quarters and years are calendar ones
 * because the emulator has no fiscal year settings.
 */
enum RelativeDate {

	YESTERDAY(false), TODAY(false), TOMORROW(false), LAST_WEEK(false), THIS_WEEK(false), NEXT_WEEK(false),
	LAST_MONTH(false), THIS_MONTH(false), NEXT_MONTH(false), LAST_90_DAYS(false), NEXT_90_DAYS(false),
	LAST_QUARTER(false), THIS_QUARTER(false), NEXT_QUARTER(false), LAST_YEAR(false), THIS_YEAR(false), NEXT_YEAR(false),
	LAST_N_DAYS(true), NEXT_N_DAYS(true), N_DAYS_AGO(true), LAST_N_WEEKS(true), NEXT_N_WEEKS(true), N_WEEKS_AGO(true),
	LAST_N_MONTHS(true), NEXT_N_MONTHS(true), N_MONTHS_AGO(true), LAST_N_QUARTERS(true), NEXT_N_QUARTERS(true),
	N_QUARTERS_AGO(true), LAST_N_YEARS(true), NEXT_N_YEARS(true), N_YEARS_AGO(true);

	private final boolean takesNumber;

	RelativeDate(boolean takesNumber) {
		this.takesNumber = takesNumber;
	}

	/**
	 * Whether the literal is written with {@code :n}.
	 */
	boolean takesNumber() {
		return this.takesNumber;
	}

	static @Nullable RelativeDate find(String name) {
		for (RelativeDate date : values()) {
			if (date.name().equalsIgnoreCase(name)) {
				return date;
			}
		}
		return null;
	}

	/**
	 * The days the literal stands for.
	 * @param today the current date in UTC
	 * @param n the number after the colon, ignored by literals without one
	 */
	DateRange range(LocalDate today, int n) {
		LocalDate week = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
		LocalDate month = today.withDayOfMonth(1);
		LocalDate quarter = month.withMonth(((today.getMonthValue() - 1) / 3) * 3 + 1);
		LocalDate year = today.withDayOfYear(1);
		return switch (this) {
			case YESTERDAY -> days(today.minusDays(1), 1);
			case TODAY -> days(today, 1);
			case TOMORROW -> days(today.plusDays(1), 1);
			case LAST_WEEK -> days(week.minusWeeks(1), 7);
			case THIS_WEEK -> days(week, 7);
			case NEXT_WEEK -> days(week.plusWeeks(1), 7);
			case LAST_MONTH -> months(month.minusMonths(1), 1);
			case THIS_MONTH -> months(month, 1);
			case NEXT_MONTH -> months(month.plusMonths(1), 1);
			case LAST_90_DAYS -> LAST_N_DAYS.range(today, 90);
			case NEXT_90_DAYS -> NEXT_N_DAYS.range(today, 90);
			case LAST_QUARTER -> months(quarter.minusMonths(3), 3);
			case THIS_QUARTER -> months(quarter, 3);
			case NEXT_QUARTER -> months(quarter.plusMonths(3), 3);
			case LAST_YEAR -> months(year.minusYears(1), 12);
			case THIS_YEAR -> months(year, 12);
			case NEXT_YEAR -> months(year.plusYears(1), 12);
			// Salesforce counts today into the last n days but not into the next n days.
			case LAST_N_DAYS -> new DateRange(today.minusDays(n), today.plusDays(1));
			case NEXT_N_DAYS -> days(today.plusDays(1), n);
			case N_DAYS_AGO -> days(today.minusDays(n), 1);
			case LAST_N_WEEKS -> new DateRange(week.minusWeeks(n), week);
			case NEXT_N_WEEKS -> days(week.plusWeeks(1), 7L * n);
			case N_WEEKS_AGO -> days(week.minusWeeks(n), 7);
			case LAST_N_MONTHS -> new DateRange(month.minusMonths(n), month);
			case NEXT_N_MONTHS -> months(month.plusMonths(1), n);
			case N_MONTHS_AGO -> months(month.minusMonths(n), 1);
			case LAST_N_QUARTERS -> new DateRange(quarter.minusMonths(3L * n), quarter);
			case NEXT_N_QUARTERS -> months(quarter.plusMonths(3), 3L * n);
			case N_QUARTERS_AGO -> months(quarter.minusMonths(3L * n), 3);
			case LAST_N_YEARS -> new DateRange(year.minusYears(n), year);
			case NEXT_N_YEARS -> months(year.plusYears(1), 12L * n);
			case N_YEARS_AGO -> months(year.minusYears(n), 12);
		};
	}

	private static DateRange days(LocalDate start, long days) {
		return new DateRange(start, start.plusDays(days));
	}

	private static DateRange months(LocalDate start, long months) {
		return new DateRange(start, start.plusMonths(months));
	}

	/**
	 * A range of whole days.
	 *
	 * @param start the first day
	 * @param end the first day after the range
	 */
	record DateRange(LocalDate start, LocalDate end) {
	}

}
