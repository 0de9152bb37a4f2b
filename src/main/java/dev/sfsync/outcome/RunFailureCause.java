package dev.sfsync.outcome;

/**
 * Why a whole run failed, as shown to users and as the run's exit code: the job
 * execution's {@code EXIT_CODE} is the constant's name.
 */
public enum RunFailureCause {

	AUTHENTICATION_FAILURE("Authentication failure", "The app couldn’t authenticate with Salesforce.",
			"Reconnect Salesforce from the Overview tab."),
	INSUFFICIENT_PERMISSIONS("Insufficient permissions",
			"The integration user lacks permission to read this record type.",
			"Review the integration user’s permission set in Salesforce."),
	API_LIMIT_EXCEEDED("API limit exceeded", "Salesforce’s daily API limit has been reached.",
			"Wait for the limit to reset, and review your usage under Rate limits."),
	PROCESS_DIED("Process stopped", "The process running this sync stopped unexpectedly.",
			"Nothing to do: the next run resumes from the last saved batch."),
	DATABASE_UNAVAILABLE("Database unavailable", "The database was unavailable; the run resumes automatically.",
			"Nothing to do: the next run resumes from the last saved batch once the database is back."),
	DATABASE_BUSY("Database busy",
			"Other runs held the records this run had to change (a deadlock or lock wait), even after it tried again.",
			"Nothing to do: the next run resumes from the last saved batch."),
	UNKNOWN_ERROR("Unknown error", "An unexpected error occurred while processing the sync.",
			"Retry on the next run; contact support if it persists.");

	private final String message;

	private final String explanation;

	private final String whatToDo;

	RunFailureCause(String message, String explanation, String whatToDo) {
		this.message = message;
		this.explanation = explanation;
		this.whatToDo = whatToDo;
	}

	public String message() {
		return this.message;
	}

	public String explanation() {
		return this.explanation;
	}

	public String whatToDo() {
		return this.whatToDo;
	}

}
