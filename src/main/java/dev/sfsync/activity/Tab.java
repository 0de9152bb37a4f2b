package dev.sfsync.activity;

import java.util.List;
import java.util.Locale;

/**
 * The direction tabs of the runs list: backfills and reconcile runs are inbound runs,
 * because they bring Salesforce records into the app.
 */
enum Tab {

	ALL(List.of("inbound", "backfill", "reconcile", "outbound")), INBOUND(List.of("inbound", "backfill", "reconcile")),
	OUTBOUND(List.of("outbound"));

	private final List<String> jobSuffixes;

	Tab(List<String> jobSuffixes) {
		this.jobSuffixes = jobSuffixes;
	}

	/** The job name suffixes ({@code {object}-{suffix}}) of the runs on this tab. */
	List<String> jobSuffixes() {
		return this.jobSuffixes;
	}

	static Tab parse(String text) {
		return switch (text.trim().toLowerCase(Locale.ROOT)) {
			case "all", "" -> ALL;
			case "inbound" -> INBOUND;
			case "outbound" -> OUTBOUND;
			default -> throw new IllegalArgumentException(
					"direction '" + text + "' is not a tab; use all, inbound or outbound");
		};
	}

}
