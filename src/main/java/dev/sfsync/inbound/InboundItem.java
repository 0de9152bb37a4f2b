package dev.sfsync.inbound;

import java.time.Instant;

import dev.sfsync.outcome.OutcomeReason;
import dev.sfsync.store.ColumnType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Salesforce record read in a step and decided on by the rules as its page was read:
 * what the app knew about it and what the rules made of that, a change ready to write or
 * a skip or failure. The record itself is not kept, so a page read ahead holds its
 * changes rather than the records they came from.
 *
 * @param salesforceId the record's Id, empty when it has none
 * @param createdAt its CreatedDate, null when it is empty or cannot be read
 * @param modstamp its SystemModstamp, null when it is empty or cannot be read
 * @param deletedInSalesforce whether Salesforce reports it deleted ({@code IsDeleted})
 * @param state the app-side state, loaded with the record's page
 * @param change the change to write, or null when the record is skipped or failed
 * @param decision the skip or failure, or null when there is a change
 * @param waitingRecord the record, kept only when it is skipped for a record it refers to
 * that is not in the app yet: it waits in the retry set with it
 * @param label what names a skipped or failed record for people, from its payload (its
 * outcome row keeps it, as there is no app row to read it from); null otherwise
 */
record InboundItem(String salesforceId, @Nullable Instant createdAt, @Nullable Instant modstamp,
		boolean deletedInSalesforce, AppState state, @Nullable AppChange change, @Nullable InboundDecision decision,
		@Nullable JsonNode waitingRecord, @Nullable String label) {

	/**
	 * Decides on a record. The rules read only the record and its state, so deciding
	 * while the page is read, possibly ahead of the chunk before it being written, gives
	 * the decision deciding later would. The change's row is written with {@code json}.
	 */
	static InboundItem of(JsonNode record, AppState state, InboundRules rules, JsonMapper json) {
		JsonNode isDeleted = record.path("IsDeleted");
		// REST gives a JSON boolean, Bulk the text "true".
		boolean deleted = isDeleted.isBoolean() ? isDeleted.booleanValue()
				: isDeleted.isString() && isDeleted.stringValue().equalsIgnoreCase("true");
		String id = record.path("Id").asString("");
		InboundDecision decision = rules.decide(record, state);
		AppChange change = AppChange.of(id, state, decision, json);
		// A record with no account at all has nothing to wait for.
		JsonNode account = record.get("AccountId");
		boolean noAccount = account == null || account.isNull() || account.asString("").isEmpty();
		boolean waits = change == null && decision instanceof InboundDecision.Skip skip
				&& skip.reason().waitsFor() != null && !id.isEmpty()
				&& !(skip.reason() == OutcomeReason.NO_ACCOUNT_ASSOCIATION && noAccount);
		return new InboundItem(id, instant(record, "CreatedDate"), instant(record, "SystemModstamp"), deleted, state,
				change, (change != null) ? null : decision, waits ? record : null,
				(change != null) ? null : rules.label(record));
	}

	/**
	 * Whether a run has nothing to do about the record, so it is neither counted nor
	 * logged: it is {@link #irrelevant()}, its app row was written from this very version
	 * (a re-read of the overlap, or the echo of an outbound write), or this version was
	 * {@link #alreadyDecided()} the same way. A version older than the app row's is not:
	 * it is skipped as outdated.
	 */
	boolean nothingToDo() {
		if (irrelevant() || alreadyDecided()) {
			return true;
		}
		Instant stored = this.state.storedModstamp();
		return this.state.exists() && !this.state.unlinked() && this.modstamp != null && stored != null
				&& stored.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
					.equals(this.modstamp.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
				&& this.deletedInSalesforce == this.state.deleted();
	}

	/**
	 * Whether a run already decided this version of the record as this one would, and
	 * recorded it: a skip or failure re-read in the overlap of the next window, or by a
	 * poll, is not counted or logged again.
	 */
	boolean alreadyDecided() {
		AppState.Decided decided = this.state.decided();
		if (decided == null || this.modstamp == null || decided.modstamp() == null) {
			return false;
		}
		String reason = (this.decision instanceof InboundDecision.Skip skip) ? skip.reason().name()
				: (this.decision instanceof InboundDecision.Fail fail) ? fail.reason().name() : null;
		return decided.reason().equals(reason) && decided.modstamp()
			.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
			.equals(this.modstamp.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
	}

	/**
	 * What the record waits for ("its account"), when it is skipped because a record it
	 * refers to is not in the app yet; null otherwise.
	 */
	@Nullable String waitsFor() {
		return (this.waitingRecord != null && this.decision instanceof InboundDecision.Skip skip)
				? skip.reason().waitsFor() : null;
	}

	/**
	 * A deleted record the app never had, or whose delete it already applied: nothing to
	 * do and nothing to report, so the readers leave it out.
	 */
	boolean irrelevant() {
		return this.deletedInSalesforce && (!this.state.exists()
				|| (this.state.deleted() && this.modstamp != null && this.state.storedAtLeast(this.modstamp)));
	}

	/**
	 * Whether the app already holds this version of the record: its row was written from
	 * this SystemModstamp or a later one and agrees on whether it is deleted, or the
	 * record is {@link #irrelevant()}, or it was {@link #alreadyDecided()}. A re-read of
	 * the overlap and the echo of an outbound write are; a record a rule skipped, which
	 * the app never stored, is not.
	 */
	boolean alreadySynced() {
		if (irrelevant() || alreadyDecided()) {
			return true;
		}
		Instant stored = this.state.storedModstamp();
		return this.state.exists() && this.modstamp != null && stored != null && !stored.isBefore(this.modstamp)
				&& this.deletedInSalesforce == this.state.deleted();
	}

	/** A dateTime field of a record, or null when it is empty or cannot be read. */
	static @Nullable Instant instant(JsonNode record, String field) {
		try {
			String text = record.path(field).asString("");
			return text.isEmpty() ? null : ColumnType.dateTime(text);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
