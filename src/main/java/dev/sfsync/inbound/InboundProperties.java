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
 * @param waitingRuns how many later runs of its object type decide a record again that
 * was skipped because a record it refers to was not in the app (its account, opportunity
 * or contact), before it stays skipped
 */
@ConfigurationProperties("sfsync.inbound")
public record InboundProperties(@DefaultValue("10m") Duration overlap, @DefaultValue("15s") Duration settleDelay,
		@DefaultValue("15m") Duration describeTtl, @DefaultValue("12") int waitingRuns) {

	public InboundProperties {
		if (overlap.isNegative() || settleDelay.isNegative()) {
			throw new IllegalArgumentException(
					"sfsync.inbound.overlap and sfsync.inbound.settle-delay must not be negative; were " + overlap
							+ " and " + settleDelay);
		}
		if (waitingRuns < 0 || waitingRuns > 1000) {
			throw new IllegalArgumentException(
					"sfsync.inbound.waiting-runs must be between 0 and 1000; was " + waitingRuns);
		}
		if (describeTtl.isNegative()) {
			throw new IllegalArgumentException("sfsync.inbound.describe-ttl must not be negative; was " + describeTtl);
		}
	}

}
