package dev.sfsync.emulator;

import java.util.Arrays;
import java.util.Optional;

/**
 * The states of a Bulk API 2.0 job, by the names its JSON uses: ingest jobs start
 * {@code Open}, query jobs {@code UploadComplete}, and both end {@code JobComplete},
 * {@code Failed} or {@code Aborted}.
 */
enum BulkJobState {

	OPEN("Open"), UPLOAD_COMPLETE("UploadComplete"), IN_PROGRESS("InProgress"), JOB_COMPLETE("JobComplete"),
	FAILED("Failed"), ABORTED("Aborted");

	private final String wireName;

	BulkJobState(String wireName) {
		this.wireName = wireName;
	}

	/** The name in job info JSON, for example {@code JobComplete}. */
	String wireName() {
		return this.wireName;
	}

	/** Whether the job is done for good: nothing more happens to it. */
	boolean terminal() {
		return this == JOB_COMPLETE || this == FAILED || this == ABORTED;
	}

	static Optional<BulkJobState> fromWireName(String name) {
		return Arrays.stream(values()).filter((state) -> state.wireName.equals(name)).findFirst();
	}

}
