package dev.sfsync.inbound;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import dev.sfsync.outcome.OutcomeLog;
import dev.sfsync.salesforce.PageEnricher;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The {@code retry-waiting} step's reader: the object type's waiting records, from their
 * stored payloads (or read again by Id when an operator asked to resync them), decided
 * again by the rules in pages of {@value #PAGE} with the app state of now. A record whose
 * parent is still missing goes on waiting and is not read on: it was counted and logged
 * as skipped once, when it was read from Salesforce. Every other record is read on to be
 * written, or skipped or failed for its new reason, and its wait ends with that chunk.
 */
final class WaitingReader implements ItemStreamReader<InboundItem> {

	static final int PAGE = 2000;

	private final UnwrittenRecords waiting;

	private final PageEnricher<InboundItem> enricher;

	private final int maxRuns;

	private final RecordsById byId;

	private final Deque<InboundItem> decided = new ArrayDeque<>();

	private String lastId = "";

	private boolean exhausted;

	WaitingReader(UnwrittenRecords waiting, PageEnricher<InboundItem> enricher, int maxRuns, RecordsById byId) {
		this.byId = byId;
		this.waiting = waiting;
		this.enricher = enricher;
		this.maxRuns = maxRuns;
	}

	@Override
	public @Nullable InboundItem read() {
		while (this.decided.isEmpty() && !this.exhausted) {
			long executionId = executionId();
			List<UnwrittenRecords.Stored> page = this.waiting.waiting(this.lastId, executionId, PAGE);
			this.exhausted = page.size() < PAGE;
			if (page.isEmpty()) {
				break;
			}
			this.lastId = page.get(page.size() - 1).salesforceId();
			// A record an operator asked to resync has no payload: it is read again by
			// Id.
			// One Salesforce no longer has needs nothing more.
			List<String> toRead = page.stream()
				.filter((stored) -> stored.record() == null)
				.map(UnwrittenRecords.Stored::salesforceId)
				.toList();
			Map<String, JsonNode> read = toRead.isEmpty() ? Map.of() : this.byId.read(toRead);
			List<JsonNode> records = new ArrayList<>(page.size());
			List<String> stillWaiting = new ArrayList<>();
			List<String> settled = new ArrayList<>();
			for (UnwrittenRecords.Stored stored : page) {
				JsonNode record = (stored.record() != null) ? stored.record() : read.get(stored.salesforceId());
				if (record != null) {
					records.add(record);
				}
				else {
					settled.add(stored.salesforceId());
				}
			}
			for (InboundItem item : this.enricher.enrich(records)) {
				if (item.waitsFor() != null) {
					stillWaiting.add(item.salesforceId());
				}
				else if (item.nothingToDo()) {
					// The app already holds this version, written some other way: there
					// is nothing left to wait for, and nothing to write.
					settled.add(item.salesforceId());
				}
				else {
					this.decided.add(item);
				}
			}
			this.waiting.stillWaiting(stillWaiting, executionId, this.maxRuns);
			this.waiting.stopWaiting(settled, executionId);
		}
		return this.decided.poll();
	}

	private static long executionId() {
		return OutcomeLog.currentExecutionId();
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.lastId = "";
		this.exhausted = false;
		this.decided.clear();
	}

	@Override
	public void update(ExecutionContext executionContext) {
	}

	@Override
	public void close() {
	}

}
