package dev.sfsync.system;

import dev.sfsync.emulator.Emulator;
import dev.sfsync.emulator.EmulatorProperties;

/**
 * The one Salesforce emulator of a test JVM, started by the first test that asks for it
 * and stopped when the JVM exits. It holds no org of its own ({@code none} seed): each
 * test makes the orgs it needs, so tests never see each other's records, sessions or
 * faults, which are all per org.
 */
public final class TestEmulator {

	private static Emulator emulator;

	private TestEmulator() {
	}

	public static synchronized Emulator get() {
		if (emulator == null) {
			Emulator started = Emulator.start(EmulatorProperties.standalone(0, "none", 0));
			Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-emulator-shutdown"));
			emulator = started;
		}
		return emulator;
	}

}
