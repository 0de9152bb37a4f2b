package dev.sfsync.catalog;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kinds of sync job built for an object type. Each one is a Spring Batch job named
 * {@code {object}-{direction}}, for example {@code contact-backfill}.
 */
public enum Direction {

	/** Salesforce to the app, incremental, on a schedule. */
	INBOUND("inbound"),

	/**
	 * Salesforce to the app, the first full sync of an object type through Bulk API 2.0.
	 */
	BACKFILL("backfill"),

	/** The app to Salesforce, near-instant, from the outbox. */
	OUTBOUND("outbound"),

	/**
	 * Salesforce to the app, a weekly drift check: every Id of the object compared with
	 * the app, and missed changes and hard deletes repaired.
	 */
	RECONCILE("reconcile");

	private final String suffix;

	Direction(String suffix) {
		this.suffix = suffix;
	}

	/** The direction a job name ends with, such as {@code contact-backfill}. */
	public static Optional<Direction> ofJobName(String jobName) {
		return Arrays.stream(values()).filter((direction) -> jobName.endsWith("-" + direction.suffix)).findFirst();
	}

	/**
	 * Whether its runs bring Salesforce records into the app (inbound, backfill,
	 * reconcile).
	 */
	public boolean intoTheApp() {
		return this != OUTBOUND;
	}

	/** The job name for an object type in this direction. */
	public String jobName(String objectName) {
		return objectName + "-" + this.suffix;
	}

	/** As the API and job names write it: {@code inbound}, {@code backfill}, … */
	@JsonValue
	public String suffix() {
		return this.suffix;
	}

}
