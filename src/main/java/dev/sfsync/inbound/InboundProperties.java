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
 * @param reconcileMaxPurged the largest share of an object type's live app rows that a
 * reconcile run deletes as gone from Salesforce; above it the run fails and deletes
 * nothing, since so many records gone at once more likely means the integration user lost
 * access to them than that they were purged
 * @param staleOutbox how long an app change may wait in the outbox before a reconcile run
 * reports it as stale
 * @param reconcileIdsInMemory how many Ids of an object type a reconcile run compares in
 * memory (30 to 60 bytes each); an object type with more is staged in the database, which
 * takes about twice as long
 */
@ConfigurationProperties("sfsync.inbound")
public record InboundProperties(@DefaultValue("10m") Duration overlap, @DefaultValue("15s") Duration settleDelay,
		@DefaultValue("15m") Duration describeTtl, @DefaultValue("12") int waitingRuns,
		@DefaultValue("0.5") double reconcileMaxPurged, @DefaultValue("1h") Duration staleOutbox,
		@DefaultValue("2000000") int reconcileIdsInMemory) {

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
		if (!(reconcileMaxPurged >= 0 && reconcileMaxPurged <= 1)) {
			throw new IllegalArgumentException(
					"sfsync.inbound.reconcile-max-purged must be a share from 0 to 1; was " + reconcileMaxPurged);
		}
		if (staleOutbox.isNegative() || staleOutbox.isZero()) {
			throw new IllegalArgumentException("sfsync.inbound.stale-outbox must be positive; was " + staleOutbox);
		}
		if (reconcileIdsInMemory < 0 || reconcileIdsInMemory > 50_000_000) {
			throw new IllegalArgumentException(
					"sfsync.inbound.reconcile-ids-in-memory must be between 0 and 50000000; was "
							+ reconcileIdsInMemory);
		}
		if (describeTtl.isNegative()) {
			throw new IllegalArgumentException("sfsync.inbound.describe-ttl must not be negative; was " + describeTtl);
		}
	}

}
