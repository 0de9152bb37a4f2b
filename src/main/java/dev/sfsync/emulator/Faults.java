package dev.sfsync.emulator;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

/**
 * Faults injected through the admin API, per org: added latency and a share of calls
 * answered 503 {@code SERVER_UNAVAILABLE}. Seeded, so a test that injects them sees the
 * same calls fail every time.
 */
final class Faults {

	private final Map<String, Settings> byOrg = new ConcurrentHashMap<>();

	private final Random random = new Random(42);

	/** The faults of one org. */
	record Settings(Duration latency, double unavailableRate, double dropConnectionRate) {

		static final Settings NONE = new Settings(Duration.ZERO, 0, 0);

	}

	void set(String orgId, Settings settings) {
		this.byOrg.put(orgId, settings);
	}

	Settings get(String orgId) {
		return this.byOrg.getOrDefault(orgId, Settings.NONE);
	}

	void clear(String orgId) {
		this.byOrg.remove(orgId);
	}

	/**
	 * Whether any org asks for dropped connections, so responses need to be held back at
	 * all.
	 */
	boolean anyDrops() {
		return this.byOrg.values().stream().anyMatch((settings) -> settings.dropConnectionRate() > 0);
	}

	boolean dropsThisResponse(Org org) {
		double rate = get(org.id()).dropConnectionRate();
		synchronized (this.random) {
			return rate > 0 && this.random.nextDouble() < rate;
		}
	}

	void beforeCall(Org org, HttpServletResponse response) throws InterruptedException {
		Settings settings = get(org.id());
		if (!settings.latency().isZero()) {
			Thread.sleep(settings.latency().toMillis());
			// Faults set while the call was held up apply to it, as an outage would.
			settings = get(org.id());
		}
		boolean unavailable;
		synchronized (this.random) {
			unavailable = settings.unavailableRate() > 0 && this.random.nextDouble() < settings.unavailableRate();
		}
		if (unavailable) {
			throw new SalesforceApiException(HttpStatus.SERVICE_UNAVAILABLE, "SERVER_UNAVAILABLE", "Server too busy");
		}
	}

}
