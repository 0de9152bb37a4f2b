package dev.sfsync.catalog;

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

	/** The job name for an object type in this direction. */
	public String jobName(String objectName) {
		return objectName + "-" + this.suffix;
	}

	public String suffix() {
		return this.suffix;
	}

}
