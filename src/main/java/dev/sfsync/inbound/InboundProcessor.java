package dev.sfsync.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.sfsync.outcome.OutcomeRow;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The per-record decision of an inbound step, by the object's {@link InboundRules}:
 * changes go on to the writer; intentional skips are kept for the chunk's outcome rows
 * and filtered, so skipped = {@code FILTER_COUNT}; failures are thrown as
 * {@link InboundRecordException}, which the step skips, so failed = the skip counts.
 */
final class InboundProcessor implements ItemProcessor<InboundItem, AppChange>, StepExecutionListener {

	private final Supplier<InboundRules> rulesFactory;

	private final List<OutcomeRow> skipped = new ArrayList<>();

	private @Nullable InboundRules rules;

	/**
	 * @param rules makes the rules when the step starts, once {@code sync-schema} has
	 * described the object
	 */
	InboundProcessor(Supplier<InboundRules> rules) {
		this.rulesFactory = rules;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.rules = this.rulesFactory.get();
		this.skipped.clear();
	}

	@Override
	public @Nullable AppChange process(InboundItem item) {
		InboundRules rules = this.rules;
		if (rules == null) {
			throw new IllegalStateException("The inbound processor was used outside a step");
		}
		InboundDecision decision = rules.decide(item.record(), item.state());
		if (decision instanceof InboundDecision.Skip skip) {
			this.skipped.add(OutcomeRow.skipped(skip.reason(), blankToNull(item.salesforceId()), item.state().appId(),
					InboundItem.instant(item.record(), "CreatedDate"),
					InboundItem.instant(item.record(), "SystemModstamp")));
			return null;
		}
		if (decision instanceof InboundDecision.Fail fail) {
			throw new InboundRecordException(fail.reason(), fail.detail());
		}
		return AppChange.of(item, decision);
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
