package dev.sfsync.operations;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sfsync watches its own runs.
 *
 * @param heartbeatInterval how often each process records that it is alive
 * @param staleAfter how long without a heartbeat before a process's runs are orphans
 * @param stopTimeout how long shutdown waits for running jobs to stop at a chunk boundary
 */
@ConfigurationProperties("sfsync.operations")
record OperationsProperties(@DefaultValue("5s") Duration heartbeatInterval, @DefaultValue("30s") Duration staleAfter,
		@DefaultValue("100s") Duration stopTimeout) {

	OperationsProperties {
		if (staleAfter.compareTo(heartbeatInterval.multipliedBy(3)) <= 0) {
			throw new IllegalArgumentException("sfsync.operations.stale-after (" + staleAfter
					+ ") must exceed three sfsync.operations.heartbeat-interval (" + heartbeatInterval + ")");
		}
	}

}
