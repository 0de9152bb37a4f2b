package dev.sfsync.activity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.sfsync.catalog.Direction;

/**
 * The direction tabs of the runs list: backfills and reconcile runs are inbound runs,
 * because they bring Salesforce records into the app.
 */
enum Tab {

	ALL(List.of(Direction.values())), INBOUND(Arrays.stream(Direction.values()).filter(Direction::intoTheApp).toList()),
	OUTBOUND(List.of(Direction.OUTBOUND));

	private final List<Direction> directions;

	Tab(List<Direction> directions) {
		this.directions = directions;
	}

	/** The directions of the runs on this tab. */
	List<Direction> directions() {
		return this.directions;
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
