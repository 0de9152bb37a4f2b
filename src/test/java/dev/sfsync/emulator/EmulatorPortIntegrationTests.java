package dev.sfsync.emulator;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator's port comes from {@code sfsync.emulator.port} only: the web server's
 * port, set as {@code SERVER_PORT} or {@code -Dserver.port} for sfsync, never moves it.
 */
class EmulatorPortIntegrationTests {

	// Tests share the JVM: the system property is put back as it was.
	private final String serverPort = System.getProperty("server.port");

	@AfterEach
	void restoreServerPort() {
		if (this.serverPort == null) {
			System.clearProperty("server.port");
		}
		else {
			System.setProperty("server.port", this.serverPort);
		}
	}

	@Test
	void theWebServersPortIsNotTaken() throws Exception {
		// The web server's port is held, so an emulator that took it would fail to start.
		try (ServerSocket webServer = new ServerSocket(0); ServerSocket reserved = new ServerSocket(0)) {
			System.setProperty("server.port", String.valueOf(webServer.getLocalPort()));
			int emulatorPort = reserved.getLocalPort();
			reserved.close();

			try (Emulator emulator = Emulator.start(EmulatorProperties.standalone(emulatorPort, "none", 0))) {
				assertThat(emulator.port()).isEqualTo(emulatorPort);
				assertThat(get(emulator.baseUrl() + "/services/data")).isEqualTo(200);
			}
		}
	}

	@Test
	void portZeroPicksAFreePortNotTheWebServers() throws Exception {
		try (ServerSocket webServer = new ServerSocket(0)) {
			System.setProperty("server.port", String.valueOf(webServer.getLocalPort()));

			try (Emulator emulator = Emulator.start(EmulatorProperties.standalone(0, "none", 0))) {
				assertThat(emulator.port()).isPositive().isNotEqualTo(webServer.getLocalPort());
			}
		}
	}

	private static int get(String url) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
