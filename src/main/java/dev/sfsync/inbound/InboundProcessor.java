package dev.sfsync.inbound;

import java.util.ArrayList;
import java.util.List;

import dev.sfsync.outcome.OutcomeRow;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Acts on the per-record decision of an inbound step, which the object's
 * {@link InboundRules} made as the record's page was read: changes go on to the writer;
 * intentional skips are kept for the chunk's outcome rows and filtered, so skipped =
 * {@code FILTER_COUNT}; failures are thrown as {@link InboundRecordException}, which the
 * step skips, so failed = the skip counts.
 */
final class InboundProcessor implements ItemProcessor<InboundItem, AppChange>, StepExecutionListener {

	private final List<OutcomeRow> skipped = new ArrayList<>();

	/** The chunk's skipped records, as {@link UnwrittenRecords} keeps them. */
	private final List<UnwrittenRecords.Unwritten> unwritten = new ArrayList<>();

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.skipped.clear();
		this.unwritten.clear();
	}

	@Override
	public @Nullable AppChange process(InboundItem item) {
		AppChange change = item.change();
		if (change != null) {
			return change;
		}
		InboundDecision decision = item.decision();
		if (decision instanceof InboundDecision.Skip skip) {
			this.skipped.add(OutcomeRow.skipped(skip.reason(), blankToNull(item.salesforceId()), item.state().appId(),
					item.createdAt(), item.modstamp(), item.label()));
			if (!item.salesforceId().isBlank()) {
				this.unwritten.add(new UnwrittenRecords.Unwritten(item.salesforceId(), skip.reason(), item.modstamp(),
						item.waitingRecord()));
			}
			return null;
		}
		if (decision instanceof InboundDecision.Fail fail) {
			throw new InboundRecordException(fail.reason(), fail.detail());
		}
		throw new IllegalStateException("Record " + item.salesforceId() + " has neither a change nor a decision");
	}

	/** The chunk's skipped records with their versions, handed to the writer once. */
	List<UnwrittenRecords.Unwritten> drainUnwritten() {
		List<UnwrittenRecords.Unwritten> drained = List.copyOf(this.unwritten);
		this.unwritten.clear();
		return drained;
	}

	/** The skips of the chunk being processed, handed to the writer once. */
	List<OutcomeRow> drainSkipped() {
		List<OutcomeRow> drained = List.copyOf(this.skipped);
		this.skipped.clear();
		return drained;
	}

	private static @Nullable String blankToNull(String text) {
		return text.isBlank() ? null : text;
	}

}
