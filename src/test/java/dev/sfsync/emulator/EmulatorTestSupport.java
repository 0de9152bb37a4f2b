package dev.sfsync.emulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the emulator's HTTP tests: one emulator per test class, with the demo org
 * seeded without records, and a client to talk to it. Each test makes its own org.
 */
abstract class EmulatorTestSupport {

	static Emulator emulator;

	static EmulatorHttp http;

	@BeforeAll
	static void startEmulator() {
		emulator = Emulator.start(EmulatorProperties.standalone(0, "demo", 0));
		http = new EmulatorHttp(emulator.baseUrl());
	}

	@AfterAll
	static void stopEmulator() {
		emulator.close();
	}

}
