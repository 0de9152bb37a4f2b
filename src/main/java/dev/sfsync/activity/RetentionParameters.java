package dev.sfsync.activity;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import dev.sfsync.operations.JobParametersDefaults;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The {@code activity-retention} job's one identifying parameter, {@code runDate} (an ISO
 * date, UTC, today by default). Rows older than the start of that day minus the retention
 * are expired, so a failed run restarted the same day deletes exactly what the first
 * attempt meant to.
 */
final class RetentionParameters implements JobParametersValidator, JobParametersDefaults {

	static final String RUN_DATE = "runDate";

	private final Clock clock;

	RetentionParameters(Clock clock) {
		this.clock = clock;
	}

	@Override
	public boolean appliesTo(String jobName) {
		return ActivityRetentionJobConfiguration.JOB_NAME.equals(jobName);
	}

	@Override
	public Launch complete(String jobName, JobParameters given) {
		if (given.getParameter(RUN_DATE) != null) {
			return new Launch(jobName, given);
		}
		return new Launch(jobName,
				new JobParametersBuilder(given)
					.addString(RUN_DATE, LocalDate.now(this.clock.withZone(ZoneOffset.UTC)).toString())
					.toJobParameters());
	}

	@Override
	public void validate(@Nullable JobParameters parameters) throws InvalidJobParametersException {
		String runDate = (parameters != null) ? parameters.getString(RUN_DATE) : null;
		if (runDate == null) {
			throw new InvalidJobParametersException("runDate is required: an ISO date such as 2026-11-22");
		}
		LocalDate date;
		try {
			date = LocalDate.parse(runDate);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidJobParametersException("runDate=" + runDate + " is not an ISO date such as 2026-11-22");
		}
		// A day ahead would expire history younger than the retention promises.
		LocalDate today = LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
		if (date.isAfter(today)) {
			throw new InvalidJobParametersException(
					"runDate=" + runDate + " is in the future; it must be today (" + today + ") or earlier");
		}
	}

	/** The instant (UTC) before which rows are expired. */
	static LocalDateTime cutoff(String runDate, ActivityProperties properties) {
		return LocalDate.parse(runDate).atStartOfDay().minus(properties.retention());
	}

}
