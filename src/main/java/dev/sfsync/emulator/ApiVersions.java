package dev.sfsync.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** The REST API versions the emulator accepts, 50.0 to 65.0, with their release names. */
final class ApiVersions {

	static final int OLDEST = 50;

	static final int NEWEST = 65;

	private static final List<String> SEASONS = List.of("Winter", "Spring", "Summer");

	private ApiVersions() {
	}

	/** Whether a path segment such as {@code v63.0} names a supported version. */
	static boolean supported(String segment) {
		if (!segment.matches("v\\d{2}\\.0")) {
			return false;
		}
		int major = Integer.parseInt(segment.substring(1, 3));
		return major >= OLDEST && major <= NEWEST;
	}

	/** {@code GET /services/data}: every version with its label and URL. */
	static List<Map<String, String>> list() {
		return IntStream.rangeClosed(OLDEST, NEWEST).mapToObj((major) -> {
			Map<String, String> version = new LinkedHashMap<>();
			version.put("label", label(major));
			version.put("url", "/services/data/v" + major + ".0");
			version.put("version", major + ".0");
			return version;
		}).toList();
	}

	/** v50.0 was Winter '21; each year has a Spring, a Summer and a Winter release. */
	static String label(int major) {
		int index = major - OLDEST;
		int year = 21 + index / 3;
		return SEASONS.get(index % 3) + " '" + year;
	}

}
