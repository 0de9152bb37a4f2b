package dev.sfsync.inbound;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.sfsync.salesforce.SalesforceQueryReader.FirstPage;
import org.jspecify.annotations.Nullable;

/**
 * The first pages that scheduled polls read and hand to the runs they launch, held in
 * memory from the poll until the run takes its page or the launch returns: keyed by
 * connection, job and window, so a run takes only the page of its own window.
 */
final class FirstPages {

	private final Map<String, FirstPage> pages = new ConcurrentHashMap<>();

	void put(String connectionId, String jobName, Instant from, Instant to, FirstPage page) {
		this.pages.put(key(connectionId, jobName, from, to), page);
	}

	/** The page handed to a run of this window, once: later runs ask Salesforce. */
	@Nullable FirstPage take(String connectionId, String jobName, Instant from, Instant to) {
		return this.pages.remove(key(connectionId, jobName, from, to));
	}

	private static String key(String connectionId, String jobName, Instant from, Instant to) {
		return connectionId + '\n' + jobName + '\n' + from + '\n' + to;
	}

}
