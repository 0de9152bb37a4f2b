package dev.sfsync.inbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sfsync.outcome.RecordOutcome;
import dev.sfsync.store.ColumnType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A change to one app row that a chunk writes: a create, an update, a delete, or a
 * converted Lead's re-link (an update). A create or update carries its values already as
 * the JSON row the writer sends, made where the record was decided on (ahead of the chunk
 * being written, for a backfill), so the chunk's thread only joins rows.
 *
 * @param salesforceId the record's Salesforce Id
 * @param appId the existing row's id, null for a create
 * @param outcome {@code CREATED}, {@code UPDATED} or {@code DELETED}
 * @param columns the mapped columns written, in the row's order (empty for a delete and a
 * re-link)
 * @param row for a create or update, the JSON array {@code [Salesforce Id, the columns'
 * values…, CreatedDate, SystemModstamp]}, each value as {@link ColumnType#sqlText} writes
 * it; null otherwise
 * @param createdAt the record's CreatedDate
 * @param modstamp the record's SystemModstamp
 * @param conversion the Lead conversion to apply instead of writing columns, or null
 * @param link whether the app row is linked to the record first: it was found by the
 * external id sfsync created the record with, and does not carry its Salesforce Id yet
 */
record AppChange(String salesforceId, @Nullable Long appId, RecordOutcome outcome, List<String> columns,
		@Nullable String row, @Nullable Instant createdAt, Instant modstamp,
		InboundDecision.@Nullable Convert conversion, boolean link) {

	/**
	 * The change a decision makes, or null for a skip or a failure; {@code json} writes
	 * its row.
	 */
	static @Nullable AppChange of(String salesforceId, AppState state, InboundDecision decision, JsonMapper json) {
		Long appId = state.appId();
		if (decision instanceof InboundDecision.Write write) {
			List<String> columns = List.copyOf(write.columns().keySet());
			return new AppChange(salesforceId, appId, write.create() ? RecordOutcome.CREATED : RecordOutcome.UPDATED,
					columns, row(json, salesforceId, write.columns(), write.createdAt(), write.modstamp()),
					write.createdAt(), write.modstamp(), null, state.unlinked());
		}
		if (decision instanceof InboundDecision.Delete delete) {
			return new AppChange(salesforceId, appId, RecordOutcome.DELETED, List.of(), null, null, delete.modstamp(),
					null, false);
		}
		if (decision instanceof InboundDecision.Convert convert) {
			return new AppChange(salesforceId, appId, RecordOutcome.UPDATED, List.of(), null, convert.createdAt(),
					convert.modstamp(), convert, false);
		}
		return null;
	}

	private static String row(JsonMapper json, String salesforceId, Map<String, @Nullable Object> columns,
			@Nullable Instant createdAt, Instant modstamp) {
		List<@Nullable String> values = new ArrayList<>(columns.size() + 3);
		values.add(salesforceId);
		columns.values().forEach((value) -> values.add(ColumnType.sqlText(value)));
		values.add(ColumnType.sqlText(createdAt));
		values.add(ColumnType.sqlText(modstamp));
		return json.writeValueAsString(values);
	}

}
