package dev.sfsync.salesforce;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The REST API versions sfsync calls: {@code v50.0} (Winter '21) to {@code v65.0}, the
 * range the emulator serves and the tests cover. Bulk API 2.0 {@code queryAll} and
 * sObject Collections upserts, which the sync needs, are older than the oldest.
 */
public final class ApiVersions {

	/** The oldest supported major version. */
	public static final int OLDEST = 50;

	/** The newest supported major version. */
	public static final int NEWEST = 65;

	private static final Pattern VERSION = Pattern.compile("v(\\d{2})\\.0");

	private ApiVersions() {
	}

	/** Whether a version, as it goes into URL paths ({@code v63.0}), is supported. */
	public static boolean supported(@Nullable String version) {
		if (version == null) {
			return false;
		}
		Matcher matcher = VERSION.matcher(version);
		if (!matcher.matches()) {
			return false;
		}
		int major = Integer.parseInt(matcher.group(1));
		return major >= OLDEST && major <= NEWEST;
	}

	/** What is supported, for messages. */
	public static String range() {
		return "v" + OLDEST + ".0 to v" + NEWEST + ".0";
	}

}
