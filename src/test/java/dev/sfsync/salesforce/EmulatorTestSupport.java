package dev.sfsync.salesforce;

import dev.sfsync.emulator.Emulator;
import dev.sfsync.emulator.EmulatorProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the client's tests against the emulator: one emulator per test class. */
abstract class EmulatorTestSupport {

	static Emulator emulator;

	@BeforeAll
	static void startEmulator() {
		emulator = Emulator.start(EmulatorProperties.standalone(0, "none", 0));
	}

	@AfterAll
	static void stopEmulator() {
		emulator.close();
	}

}
