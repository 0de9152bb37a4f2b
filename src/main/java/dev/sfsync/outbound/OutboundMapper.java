package dev.sfsync.outbound;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.catalog.FieldMapping;
import dev.sfsync.catalog.FieldOverrides;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.outbound.OutboxEntry.Operation;
import dev.sfsync.outcome.OutcomeReason;
import dev.sfsync.store.AppTable;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Decides, without I/O, what an outbox row sends to Salesforce under the connection's
 * field mapping and write switches: a new record gets every field mapped outbound that
 * has a value, an update only the mapped fields it changed. "Object write disabled" and
 * "No fields to update" are kept for the chunk's outcome rows and filtered, so skipped =
 * {@code FILTER_COUNT}.
 */
final class OutboundMapper implements ItemProcessor<OutboxEntry, OutboundRecord>, StepExecutionListener {

	private final JobDefinition definition;

	private final String tableName;

	private final boolean writes;

	private final Map<String, String> columns;

	private final List<Skip> skipped = new ArrayList<>();

	OutboundMapper(JobDefinition definition, String tableName, ConnectionSettings settings) {
		this.definition = definition;
		this.tableName = tableName;
		this.writes = settings.writesOutbound(definition.name());
		this.columns = outboundColumns(definition, settings);
	}

	/** A record not sent, and why. */
	record Skip(OutboxEntry entry, OutcomeReason reason, String detail) {
	}

	/**
	 * The Salesforce field to app column mapping written outbound: the definition's
	 * columns mapped {@code out} or {@code both}, each with the field the connection
	 * overrides it with ({@link FieldOverrides}).
	 * @throws dev.sfsync.catalog.InvalidFieldOverrideException when a stored override
	 * names a column the definition does not map, or a key that is not a Salesforce field
	 */
	static Map<String, String> outboundColumns(JobDefinition definition, ConnectionSettings settings) {
		Map<String, String> columns = new LinkedHashMap<>();
		for (FieldMapping field : FieldOverrides.apply(definition,
				settings.fieldOverrides().getOrDefault(definition.name(), Map.of()))) {
			if (field.direction().outbound()) {
				columns.put(field.salesforceField(), field.column());
			}
		}
		return Collections.unmodifiableMap(columns);
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.skipped.clear();
	}

	@Override
	public @Nullable OutboundRecord process(OutboxEntry entry) {
		if (!this.writes) {
			return skip(entry, OutcomeReason.OBJECT_WRITE_DISABLED,
					"Writes to " + this.definition.salesforceObject() + " are switched off for this connection");
		}
		String externalId = AppTable.externalId(this.tableName, entry.appId());
		if (entry.operation() == Operation.DELETE) {
			if (entry.salesforceId() == null) {
				return skip(entry, OutcomeReason.NO_FIELDS_TO_UPDATE,
						"Deleted in the app before it reached Salesforce: nothing to delete");
			}
			return new OutboundRecord(List.of(entry), entry.appId(), entry.salesforceId(), externalId, Map.of());
		}
		Map<String, @Nullable Object> row = entry.row();
		if (row == null || entry.deleted()) {
			return skip(entry, OutcomeReason.NO_FIELDS_TO_UPDATE, "Deleted in the app since: push-deletes sends it");
		}
		boolean whole = entry.operation() == Operation.INSERT || entry.salesforceId() == null;
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		this.columns.forEach((field, column) -> {
			Object value = json(row.get(column));
			if (whole ? value != null : entry.changedColumns().contains(column)) {
				fields.put(field, value);
			}
		});
		if (fields.isEmpty()) {
			return skip(entry, OutcomeReason.NO_FIELDS_TO_UPDATE, whole ? "No field mapped outbound has a value"
					: "Changed columns " + entry.changedColumns() + " are not mapped outbound");
		}
		return new OutboundRecord(List.of(entry), entry.appId(), entry.salesforceId(), externalId, fields);
	}

	/** The skips of the chunk being processed, handed to the writer once. */
	List<Skip> drainSkipped() {
		List<Skip> drained = List.copyOf(this.skipped);
		this.skipped.clear();
		return drained;
	}

	private @Nullable OutboundRecord skip(OutboxEntry entry, OutcomeReason reason, String detail) {
		this.skipped.add(new Skip(entry, reason, detail));
		return null;
	}

	/** An app column value as Salesforce's JSON takes it. */
	static @Nullable Object json(@Nullable Object value) {
		if (value == null || value instanceof Boolean || value instanceof Number || value instanceof String) {
			return value;
		}
		if (value instanceof java.sql.Date date) {
			return date.toLocalDate().toString();
		}
		if (value instanceof LocalDate date) {
			return date.toString();
		}
		if (value instanceof Timestamp timestamp) {
			return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC).toString();
		}
		if (value instanceof LocalDateTime dateTime) {
			return dateTime.toInstant(ZoneOffset.UTC).toString();
		}
		if (value instanceof Instant instant) {
			return instant.toString();
		}
		return value.toString();
	}

}
