package dev.sfsync.activity;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** Which records of a run to list: by outcome, or every record. */
final class RecordFilter {

	private RecordFilter() {
	}

	/**
	 * The outcomes of {@code sync_record_outcome} that the {@code outcome} parameter
	 * selects: success (created, updated or deleted), created, updated, deleted, skipped,
	 * failed or errors (skipped or failed); blank for all.
	 */
	static List<String> outcomes(@Nullable String outcome) {
		if (outcome == null || outcome.isBlank()) {
			return List.of();
		}
		return switch (outcome.trim().toLowerCase(Locale.ROOT)) {
			case "success" -> List.of("CREATED", "UPDATED", "DELETED");
			case "created" -> List.of("CREATED");
			case "updated" -> List.of("UPDATED");
			case "deleted" -> List.of("DELETED");
			case "skipped" -> List.of("SKIPPED");
			case "failed" -> List.of("FAILED");
			case "errors" -> List.of("SKIPPED", "FAILED");
			default -> throw new IllegalArgumentException("outcome '" + outcome
					+ "' is not an outcome; use success, created, updated, deleted, skipped, failed or errors");
		};
	}

}
