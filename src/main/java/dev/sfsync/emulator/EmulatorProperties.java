package dev.sfsync.emulator;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Salesforce emulator's settings, under {@code sfsync.emulator}. Bound by
 * {@link LocalEmulatorAutoConfiguration} when the emulator is switched on (so sfsync's
 * properties scan does not see them), and by the {@code emulator} command's options.
 *
 * @param enabled whether sfsync starts the emulator next to itself (the local default
 * does)
 * @param port the emulator's HTTP port; 0 picks a free one
 * @param seed the data to start with: {@code demo} (a demo org with records) or
 * {@code none}
 * @param records how many records of each object the demo seed creates
 * @param sessionTimeout how long an access token stays valid without use
 * @param dailyApiRequests the API allocation of each new org per 24 hours
 */
public record EmulatorProperties(@DefaultValue("false") boolean enabled, @DefaultValue("8089") int port,
		@DefaultValue("demo") String seed, @DefaultValue("200") int records,
		@DefaultValue("2h") Duration sessionTimeout, @DefaultValue("100000") long dailyApiRequests) {

	public EmulatorProperties {
		if (!seed.equals("demo") && !seed.equals("none")) {
			throw new IllegalArgumentException("sfsync.emulator.seed must be demo or none; was " + seed);
		}
		if (records < 0) {
			throw new IllegalArgumentException("sfsync.emulator.records must be 0 or more; was " + records);
		}
	}

	/** Settings for a standalone emulator, as the {@code emulator} command starts it. */
	public static EmulatorProperties standalone(int port, String seed, int records) {
		return new EmulatorProperties(true, port, seed, records, Duration.ofHours(2), 100000);
	}

	/**
	 * The settings of the {@code emulator} command's options: {@code --port},
	 * {@code --seed} and {@code --records}, as {@code --port=8089} or
	 * {@code --port 8089}.
	 * @throws IllegalArgumentException with what is wrong, for the user
	 */
	public static EmulatorProperties standalone(List<String> options) {
		int port = 8089;
		String seed = "demo";
		int records = 200;
		for (int i = 0; i < options.size(); i++) {
			String arg = options.get(i);
			String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
			String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
					: (i + 1 < options.size()) ? options.get(++i) : "";
			try {
				switch (option) {
					case "--port" -> port = Integer.parseInt(value);
					case "--seed" -> seed = value;
					case "--records" -> records = Integer.parseInt(value);
					default -> throw new IllegalArgumentException("Unknown emulator option '" + arg + "'.");
				}
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(
						"The emulator's " + option + " must be a whole number; was '" + value + "'.");
			}
		}
		return standalone(port, seed, records);
	}

}
