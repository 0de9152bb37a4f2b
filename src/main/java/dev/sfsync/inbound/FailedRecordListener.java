package dev.sfsync.inbound;

import java.util.List;

import dev.sfsync.outcome.OutcomeLog;
import dev.sfsync.outcome.OutcomeReason;
import dev.sfsync.outcome.OutcomeRow;
import dev.sfsync.outcome.RecordOutcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.listener.SkipListener;

/**
 * Logs each record the step skipped as failed, with its catalog reason, in the chunk
 * transaction that counted the skip.
 */
final class FailedRecordListener implements SkipListener<InboundItem, AppChange> {

	private static final Log logger = LogFactory.getLog(FailedRecordListener.class);

	private final OutcomeLog outcomes;

	private final String connectionId;

	private final String objectType;

	private final UnwrittenRecords unwritten;

	FailedRecordListener(OutcomeLog outcomes, String connectionId, String objectType, UnwrittenRecords unwritten) {
		this.unwritten = unwritten;
		this.outcomes = outcomes;
		this.connectionId = connectionId;
		this.objectType = objectType;
	}

	@Override
	public void onSkipInProcess(InboundItem item, Throwable failure) {
		OutcomeReason reason = (failure instanceof InboundRecordException record) ? record.reason()
				: OutcomeReason.INBOUND_UNKNOWN_ERROR;
		String detail = (failure instanceof InboundRecordException record) ? record.detail() : failure.toString();
		if (logger.isDebugEnabled()) {
			logger.debug("Connection " + this.connectionId + ": " + this.objectType + " " + item.salesforceId()
					+ " failed as " + reason + " (" + detail + "); the run goes on");
		}
		this.outcomes.append(this.connectionId, this.objectType,
				List.of(new OutcomeRow(RecordOutcome.FAILED, reason, detail,
						item.salesforceId().isBlank() ? null : item.salesforceId(), item.state().appId(),
						item.createdAt(), item.modstamp(), item.label())));
		if (!item.salesforceId().isBlank()) {
			this.unwritten.record(
					List.of(new UnwrittenRecords.Unwritten(item.salesforceId(), reason, item.modstamp(), null)),
					OutcomeLog.currentExecutionId());
		}
	}

}
