package dev.sfsync.emulator;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Salesforce emulator's settings.
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
@ConfigurationProperties("sfsync.emulator")
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

}
