package dev.sfsync.activity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The filters of the runs list, its CSV export and its sort, read from request parameters
 * and validated with a message that names the parameter and what it accepts.
 *
 * @param tab the direction tab
 * @param from runs that started at or after this instant
 * @param to runs that started before this instant, or no upper bound
 * @param objectType a catalog name such as {@code contact}, or every object type
 * @param operation a step name such as {@code pull-updates}, or every operation
 * @param status a run status, or every status
 * @param problems only runs with problems: a failed run, or failed or skipped records
 * @param sort the sort, newest first
 */
record RunFilter(Tab tab, Instant from, @Nullable Instant to, @Nullable String objectType, @Nullable String operation,
		@Nullable RunStatus status, boolean problems, Sort sort) {

	/** How far back the runs list looks by default: the last five days. */
	static final Duration DEFAULT_RANGE = Duration.ofDays(5);

	/** Newest first by start time, or by end time with the runs still going first. */
	enum Sort {

		STARTED, ENDED;

		static Sort parse(String text) {
			return switch (text.trim().toLowerCase(Locale.ROOT)) {
				case "started", "" -> STARTED;
				case "ended" -> ENDED;
				default ->
					throw new IllegalArgumentException("sort '" + text + "' is not a sort; use started or ended");
			};
		}

	}

	/**
	 * The filter of the request parameters; blank parameters mean their default.
	 * @param objectTypes the object types that exist
	 * @param operations the operations (step names) that exist
	 */
	static RunFilter of(@Nullable String direction, @Nullable String from, @Nullable String to,
			@Nullable String objectType, @Nullable String operation, @Nullable String status, @Nullable String problems,
			@Nullable String sort, Collection<String> objectTypes, Collection<String> operations, Clock clock) {
		Instant toInstant = blank(to) ? null : instant("to", to, true);
		Instant fromInstant = blank(from) ? ((toInstant != null) ? toInstant : clock.instant()).minus(DEFAULT_RANGE)
				: instant("from", from, false);
		if (toInstant != null && !fromInstant.isBefore(toInstant)) {
			throw new IllegalArgumentException("from " + fromInstant + " must be before to " + toInstant);
		}
		if (!blank(objectType) && !objectTypes.contains(objectType)) {
			throw new IllegalArgumentException(
					"objectType '" + objectType + "' is not an object type; use one of " + objectTypes);
		}
		if (!blank(operation) && !operations.contains(operation)) {
			throw new IllegalArgumentException(
					"operation '" + operation + "' is not an operation; use one of " + operations);
		}
		return new RunFilter(blank(direction) ? Tab.ALL : Tab.parse(direction), fromInstant, toInstant,
				blank(objectType) ? null : objectType, blank(operation) ? null : operation,
				blank(status) ? null : RunStatus.parse(status), !blank(problems) && flag("problems", problems),
				blank(sort) ? Sort.STARTED : Sort.parse(sort));
	}

	private static boolean flag(String name, String text) {
		return switch (text.trim().toLowerCase(Locale.ROOT)) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new IllegalArgumentException(name + " '" + text + "' is not true or false");
		};
	}

	/**
	 * An ISO-8601 instant, or a date: the start of that UTC day, or for {@code to} the
	 * start of the next day, so that the day is included.
	 */
	private static Instant instant(String name, String text, boolean endOfDay) {
		try {
			if (text.length() == 10) {
				LocalDate day = LocalDate.parse(text);
				return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					name + " '" + text + "' is not a date (2026-12-01) or an ISO-8601 instant (2026-12-01T08:00:00Z)");
		}
	}

	private static boolean blank(@Nullable String text) {
		return text == null || text.isBlank();
	}

}
