package dev.sfsync.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.outcome.RecordOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Per object and connection, once a chunk has committed: {@code sfsync.inbound.records}
 * (records created, updated or deleted in the app; its rate is records per second) and
 * {@code sfsync.inbound.lag} (from a record's SystemModstamp in Salesforce to its commit
 * in the app). A chunk that rolls back counts nothing.
 */
final class InboundMetrics {

	private final MeterRegistry meters;

	private final Clock clock;

	InboundMetrics(MeterRegistry meters, Clock clock) {
		this.meters = meters;
		this.clock = clock;
	}

	/** Records a chunk's changes when (and if) its transaction commits. */
	void written(String connectionId, String objectType, List<? extends AppChange> changes) {
		if (changes.isEmpty()) {
			return;
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					record(connectionId, objectType, changes);
				}

			});
		}
		else {
			record(connectionId, objectType, changes);
		}
	}

	private void record(String connectionId, String objectType, List<? extends AppChange> changes) {
		Instant now = this.clock.instant();
		Timer lag = Timer.builder("sfsync.inbound.lag")
			.description("From a record's SystemModstamp in Salesforce to its commit in the app")
			.tag("object", objectType)
			.tag("connection", connectionId)
			.register(this.meters);
		Map<RecordOutcome, Long> counts = new EnumMap<>(RecordOutcome.class);
		for (AppChange change : changes) {
			counts.merge(change.outcome(), 1L, Long::sum);
			lag.record(Duration.between(change.modstamp(), now));
		}
		// One counter lookup per outcome and chunk, not per record.
		counts.forEach((outcome, count) -> Counter.builder("sfsync.inbound.records")
			.description("Records created, updated or deleted in the app by inbound runs")
			.tag("object", objectType)
			.tag("connection", connectionId)
			.tag("outcome", outcome.name())
			.register(this.meters)
			.increment(count));
	}

}
