package dev.sfsync.inbound;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.sfsync.catalog.FieldMapping;
import dev.sfsync.catalog.FieldOverrides;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.catalog.SyncRule;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.outcome.OutcomeReason;
import dev.sfsync.store.AppTable;
import dev.sfsync.store.ColumnType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Decides what happens to one Salesforce record, from the rules its object's job
 * definition opts into and its connection's settings. Pure: everything it needs arrives
 * with the record and its {@link AppState}, so it is the same for every object type and
 * runs without I/O.
 */
public final class InboundRules {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private final JobDefinition definition;

	private final ConnectionSettings settings;

	private final Set<String> requiredFields;

	private final Map<String, String> columns;

	private final AppTable table;

	private final Predicate<JsonNode> doNotSync;

	/**
	 * The rules of one object type for one connection, with every column stored as text
	 * and no sync filter.
	 * @param definition the object's job definition
	 * @param settings the connection's settings
	 * @param requiredFields the mapped fields Salesforce's describe says every record
	 * has; a record without one is malformed
	 */
	public InboundRules(JobDefinition definition, ConnectionSettings settings, Set<String> requiredFields) {
		this(definition, settings, requiredFields,
				new AppTable(definition.table(), "salesforce_id", Map.of(), java.util.List.of(), Map.of()),
				(record) -> false);
	}

	/**
	 * The rules of one object type for one connection.
	 * @param definition the object's job definition
	 * @param settings the connection's settings
	 * @param requiredFields the mapped fields every record must have: those Salesforce's
	 * describe says are required, and those the definition marks {@code required}
	 * @param table the app table, whose column types the values are read as
	 * @param doNotSync the connection's sync rule for the object: records it matches are
	 * not synced
	 */
	public InboundRules(JobDefinition definition, ConnectionSettings settings, Set<String> requiredFields,
			AppTable table, Predicate<JsonNode> doNotSync) {
		this.definition = definition;
		this.settings = settings;
		this.requiredFields = Set.copyOf(requiredFields);
		this.table = table;
		this.doNotSync = doNotSync;
		this.columns = inboundColumns(definition, settings);
	}

	/**
	 * The Salesforce field to app column mapping read inbound: the definition's, with the
	 * connection's overrides ({@link FieldOverrides}), whose columns are the definition's
	 * own identifiers.
	 * @throws dev.sfsync.catalog.InvalidFieldOverrideException when a stored override
	 * names a column the definition does not map, or a key that is not a Salesforce field
	 */
	public static Map<String, String> inboundColumns(JobDefinition definition, ConnectionSettings settings) {
		Map<String, String> columns = new LinkedHashMap<>();
		for (FieldMapping field : FieldOverrides.apply(definition,
				settings.fieldOverrides().getOrDefault(definition.name(), Map.of()))) {
			if (field.direction().inbound()) {
				columns.put(field.salesforceField(), field.column());
			}
		}
		return java.util.Collections.unmodifiableMap(columns);
	}

	/**
	 * What names the record for people, from its label fields (null when they are blank).
	 */
	public @Nullable String label(JsonNode record) {
		List<String> fields = this.definition.label();
		return this.definition.labelOf((i) -> {
			JsonNode value = record.get(fields.get(i));
			return (value == null || value.isNull() || value.isContainer()) ? null : value.asString("");
		});
	}

	/**
	 * The decision for a record read from Salesforce. Bad data the rules did not foresee
	 * fails the record ("Unknown error", with the exception in its detail), and the run
	 * goes on. A programming error is not the record's fault and would fail every record
	 * the same way, run after run: it is thrown, and fails the run with its cause.
	 */
	public InboundDecision decide(JsonNode record, AppState state) {
		try {
			return decideOrThrow(record, state);
		}
		catch (NullPointerException | IllegalStateException | ClassCastException | IndexOutOfBoundsException
				| UnsupportedOperationException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			return new InboundDecision.Fail(OutcomeReason.INBOUND_UNKNOWN_ERROR,
					ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private InboundDecision decideOrThrow(JsonNode record, AppState state) {
		String id = text(record, "Id");
		if (id == null || id.isBlank()) {
			return new InboundDecision.Skip(OutcomeReason.MISSING_EXTERNAL_ID);
		}
		Instant modstamp = instant(text(record, "SystemModstamp"));
		if (modstamp == null) {
			return new InboundDecision.Fail(OutcomeReason.INVALID_TIMESTAMP,
					"SystemModstamp '" + text(record, "SystemModstamp") + "' is not a dateTime");
		}
		if (Boolean.parseBoolean(text(record, "IsDeleted"))) {
			return new InboundDecision.Delete(modstamp);
		}
		InboundDecision.Convert conversion = conversion(record, state, modstamp);
		if (conversion != null) {
			return conversion;
		}
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		for (Map.Entry<String, String> column : this.columns.entrySet()) {
			String value = text(record, column.getKey());
			if (value != null && !encodable(value)) {
				return new InboundDecision.Fail(OutcomeReason.FAILED_TO_ENCODE_DATA,
						column.getKey() + " holds text that has no UTF-8 encoding");
			}
			ColumnType type = this.table.type(column.getValue());
			try {
				values.put(column.getValue(), type.parse(value));
			}
			catch (IllegalArgumentException ex) {
				return new InboundDecision.Fail((type == ColumnType.DATE || type == ColumnType.DATE_TIME)
						? OutcomeReason.INVALID_TIMESTAMP : OutcomeReason.MALFORMED_DATA,
						column.getKey() + ": " + ex.getMessage());
			}
		}
		InboundDecision.Skip skip = skipReason(record, state, values);
		if (skip != null) {
			return skip;
		}
		for (String field : this.requiredFields) {
			String value = text(record, field);
			if (value == null || value.isBlank()) {
				String column = this.columns.get(field);
				ColumnType type = (column != null) ? this.table.type(column) : ColumnType.TEXT;
				return (type == ColumnType.DATE || type == ColumnType.DATE_TIME)
						? new InboundDecision.Fail(OutcomeReason.INVALID_TIMESTAMP,
								"The required field " + field + " is empty")
						: new InboundDecision.Fail(OutcomeReason.MALFORMED_DATA,
								"The required field " + field + " is empty");
			}
		}
		if (state.storedNewerThan(modstamp) && has(SyncRule.SKIP_OUTDATED)) {
			return new InboundDecision.Skip(OutcomeReason.OUTDATED_RECORD);
		}
		if (has(SyncRule.WRITE_MODE)) {
			ConnectionSettings.WriteMode mode = this.settings.writeMode(this.definition.name());
			if (state.exists() && mode == ConnectionSettings.WriteMode.CREATE_ONLY
					|| !state.exists() && mode == ConnectionSettings.WriteMode.UPDATE_ONLY) {
				return new InboundDecision.Skip(OutcomeReason.WRITE_MODE_MISMATCH);
			}
		}
		if (state.exists() && !state.deleted() && !state.unlinked() && unchanged(values, state.storedColumns())) {
			return new InboundDecision.Skip(OutcomeReason.NO_CHANGES_TO_FIELDS_OF_INTEREST);
		}
		return new InboundDecision.Write(!state.exists(), values, instant(text(record, "CreatedDate")), modstamp);
	}

	/**
	 * A converted Lead whose app contact is not linked to the Contact it became yet. Its
	 * own fields no longer sync ("Lead already converted"), so nothing else about it
	 * matters; once linked, re-reading it is that skip.
	 */
	private InboundDecision.@Nullable Convert conversion(JsonNode record, AppState state, Instant modstamp) {
		if (!has(SyncRule.SKIP_CONVERTED_LEADS) || !Boolean.parseBoolean(text(record, "IsConverted"))) {
			return null;
		}
		String contact = text(record, "ConvertedContactId");
		if (!state.exists() || contact == null || contact.isBlank() || contact.equals(state.linkedContact())) {
			return null;
		}
		return new InboundDecision.Convert(contact, state.convertedContact(), instant(text(record, "CreatedDate")),
				modstamp);
	}

	/**
	 * The record rules the definition opts into, in the order users expect to see them.
	 */
	private InboundDecision.@Nullable Skip skipReason(JsonNode record, AppState state,
			Map<String, @Nullable Object> values) {
		if (has(SyncRule.SKIP_CONVERTED_LEADS) && Boolean.parseBoolean(text(record, "IsConverted"))) {
			return new InboundDecision.Skip(OutcomeReason.LEAD_ALREADY_CONVERTED);
		}
		if (has(SyncRule.REQUIRE_EMAIL)) {
			String email = text(record, "Email");
			if (email == null || email.isBlank()) {
				return new InboundDecision.Skip(OutcomeReason.MISSING_EMAIL_ADDRESS);
			}
			if (!EMAIL.matcher(email.strip()).matches()) {
				return new InboundDecision.Skip(OutcomeReason.INVALID_EMAIL_ADDRESS);
			}
		}
		if (has(SyncRule.SYNC_FILTER)) {
			try {
				if (this.doNotSync.test(record)) {
					return new InboundDecision.Skip(OutcomeReason.DO_NOT_SYNC);
				}
			}
			catch (RuntimeException ex) {
				// The sync rule cannot be decided for this record: syncing it might break
				// the rule, so it is skipped, and the catalog has no better reason.
				return new InboundDecision.Skip(OutcomeReason.UNKNOWN_REASON);
			}
		}
		if (has(SyncRule.REQUIRE_ACCOUNT) && this.settings.requireAccount() && !state.accountKnown()) {
			return new InboundDecision.Skip(OutcomeReason.NO_ACCOUNT_ASSOCIATION);
		}
		if (has(SyncRule.REQUIRE_OPPORTUNITY) && !state.opportunityKnown()) {
			return new InboundDecision.Skip(OutcomeReason.OPPORTUNITY_NOT_FOUND);
		}
		if (has(SyncRule.REQUIRE_EVENT_NAME) && blank(values.get(SyncRule.EVENT_NAME_COLUMN))) {
			return new InboundDecision.Skip(OutcomeReason.MISSING_EVENT_NAME);
		}
		if (has(SyncRule.RESOLVE_CONTACT)) {
			boolean noEmail = blank(values.get(SyncRule.CONTACT_EMAIL_COLUMN));
			boolean noUser = blank(values.get(SyncRule.APP_USER_ID_COLUMN));
			if (noEmail && noUser) {
				return new InboundDecision.Skip(OutcomeReason.MISSING_IDENTIFIER);
			}
			if (state.contactByEmail() == null && state.contactByUserId() == null) {
				return new InboundDecision.Skip(OutcomeReason.CONTACT_NOT_FOUND);
			}
			if (state.contactByEmail() != null && state.contactByUserId() != null
					&& !state.contactByEmail().equals(state.contactByUserId())) {
				return new InboundDecision.Skip(OutcomeReason.CONFLICTING_IDENTIFIER);
			}
		}
		if (has(SyncRule.RESOLVE_CONTACT)) {
			values.put("contact_id",
					(state.contactByEmail() != null) ? state.contactByEmail() : state.contactByUserId());
		}
		return null;
	}

	private boolean has(SyncRule rule) {
		return this.definition.rules().contains(rule);
	}

	/**
	 * New values are already canonical ({@link ColumnType#parse}); stored ones are made
	 * so by the page enricher.
	 */
	private static boolean unchanged(Map<String, @Nullable Object> values, Map<String, @Nullable Object> stored) {
		for (Map.Entry<String, @Nullable Object> value : values.entrySet()) {
			if (!Objects.equals(normal(value.getValue()), normal(stored.get(value.getKey())))) {
				return false;
			}
		}
		return true;
	}

	private static @Nullable Object normal(@Nullable Object value) {
		return (value instanceof String text && text.isEmpty()) ? null : value;
	}

	private static boolean blank(@Nullable Object value) {
		return value == null || value.toString().isBlank();
	}

	/**
	 * Whether text survives UTF-8: a lone UTF-16 surrogate does not, and U+FFFD is what
	 * an encoder already put in place of text it could not encode.
	 */
	static boolean encodable(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\uFFFD') {
				return false;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return false;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A field's value as text, for REST's typed JSON and Bulk's strings alike; null when
	 * empty.
	 */
	private static @Nullable String text(JsonNode record, String field) {
		JsonNode value = record.get(field);
		if (value == null || value.isNull() || value.isMissingNode()) {
			return null;
		}
		return value.isValueNode() ? value.asString() : value.toString();
	}

	private static @Nullable Instant instant(@Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return ColumnType.dateTime(text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
