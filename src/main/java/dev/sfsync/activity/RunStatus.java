package dev.sfsync.activity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.batch.core.BatchStatus;

/**
 * A run's status as users see it: the job execution's {@link BatchStatus} in the words of
 * the product documents. "Incomplete" is a run stopped or abandoned before it finished; a
 * restart finishes its work.
 */
enum RunStatus {

	IN_PROGRESS("In progress", BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING),

	COMPLETED("Completed", BatchStatus.COMPLETED),

	/** An UNKNOWN run died in a way Batch could not record: it did not complete. */
	FAILED("Failed", BatchStatus.FAILED, BatchStatus.UNKNOWN),

	/** Stopped (by an operator or a shutdown) or abandoned before it finished. */
	INCOMPLETE("Incomplete", BatchStatus.STOPPED, BatchStatus.ABANDONED);

	private final String label;

	private final List<BatchStatus> batchStatuses;

	RunStatus(String label, BatchStatus... batchStatuses) {
		this.label = label;
		this.batchStatuses = List.of(batchStatuses);
	}

	String label() {
		return this.label;
	}

	List<String> batchStatusNames() {
		return this.batchStatuses.stream().map(BatchStatus::name).toList();
	}

	static RunStatus of(String batchStatus) {
		return Arrays.stream(values())
			.filter((status) -> status.batchStatuses.contains(BatchStatus.valueOf(batchStatus)))
			.findFirst()
			.orElse(FAILED);
	}

	/**
	 * Reads "In progress", "in-progress" or "IN_PROGRESS"; "Stopped", the name before
	 * "Incomplete", still reads as it.
	 */
	static RunStatus parse(String text) {
		String wanted = normalize(text);
		if (wanted.equals("stopped")) {
			return INCOMPLETE;
		}
		return Arrays.stream(values())
			.filter((status) -> normalize(status.label).equals(wanted) || normalize(status.name()).equals(wanted))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"status '" + text + "' is not a run status; use In progress, Completed, Failed or Incomplete"));
	}

	private static String normalize(String text) {
		return text.trim().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
	}

}
