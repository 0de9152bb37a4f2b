package dev.sfsync.inbound;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How inbound windows are chosen, and how long an object's describe is trusted.
 *
 * @param overlap how far a run's window reaches back before the previous run's end, for
 * records whose SystemModstamp committed late
 * @param settleDelay how far before now a run's window ends, so that records still being
 * committed in Salesforce are read by the next run
 * @param describeTtl how long an incremental run trusts the describe an earlier run of
 * the connection read, without calling Salesforce; zero describes on every run
 */
@ConfigurationProperties("sfsync.inbound")
public record InboundProperties(@DefaultValue("10m") Duration overlap, @DefaultValue("15s") Duration settleDelay,
		@DefaultValue("15m") Duration describeTtl) {

	public InboundProperties {
		if (overlap.isNegative() || settleDelay.isNegative()) {
			throw new IllegalArgumentException(
					"sfsync.inbound.overlap and sfsync.inbound.settle-delay must not be negative; were " + overlap
							+ " and " + settleDelay);
		}
		if (describeTtl.isNegative()) {
			throw new IllegalArgumentException("sfsync.inbound.describe-ttl must not be negative; was " + describeTtl);
		}
	}

}
