package dev.sfsync.system;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.springframework.core.env.Environment;

/**
 * The profiles sfsync runs under, for the safeguards that only development may relax: the
 * active ones, or the default ones ({@code local}) when none is active.
 */
public final class RunningProfiles {

	private RunningProfiles() {
	}

	public static List<String> of(Environment environment) {
		String[] active = environment.getActiveProfiles();
		return List.of((active.length > 0) ? active : environment.getDefaultProfiles());
	}

	/** Whether every profile sfsync runs under is one of these. */
	public static boolean onlyAmong(Environment environment, Set<String> allowed) {
		List<String> profiles = of(environment);
		return !profiles.isEmpty() && allowed.containsAll(profiles);
	}

	public static String describe(Environment environment) {
		return Arrays.toString(of(environment).toArray());
	}

}
