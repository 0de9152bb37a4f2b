package dev.sfsync.outbound;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.sfsync.catalog.FieldDirection;
import dev.sfsync.catalog.FieldMapping;
import dev.sfsync.catalog.InvalidFieldOverrideException;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.catalog.Sizes;
import dev.sfsync.connection.ConnectionSettings;
import dev.sfsync.outbound.OutboxEntry.Operation;
import dev.sfsync.outcome.OutcomeReason;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/** What an outbox row sends to Salesforce, decided without I/O. */
class OutboundMapperTests {

	private static final JobDefinition CONTACT = new JobDefinition("contact", "Contact", "contacts",
			List.of(new FieldMapping("Email", "email", FieldDirection.BOTH),
					new FieldMapping("LastName", "last_name", FieldDirection.BOTH),
					new FieldMapping("Title", "title", FieldDirection.OUT),
					new FieldMapping("AccountId", "salesforce_account_id", FieldDirection.IN),
					new FieldMapping("HasOptedOutOfEmail", "email_opt_out", FieldDirection.BOTH),
					new FieldMapping("Birthdate", "birth_date", FieldDirection.BOTH)),
			Set.of(), "0 */5 * * * ?", new Sizes(2000, 5000, 50000, 200), true, "jobs/contact.yaml");

	@Test
	void sendsEveryFieldMappedOutboundThatHasAValueForANewRecord() {
		OutboundMapper mapper = new OutboundMapper(CONTACT, "contacts", ConnectionSettings.DEFAULTS);

		OutboundRecord record = mapper.process(change(Operation.INSERT, null, Set.of(), row()));

		assertThat(record).isNotNull();
		assertThat(record.salesforceId()).isNull();
		assertThat(record.externalId()).isEqualTo("contacts-7");
		assertThat(record.fields()).containsExactly(entry("Email", "ada@example.com"), entry("LastName", "Lovelace"),
				entry("HasOptedOutOfEmail", true), entry("Birthdate", "1815-12-10"));
	}

	@Test
	void sendsOnlyTheMappedFieldsAnUpdateChangedIncludingAClearedOne() {
		OutboundMapper mapper = new OutboundMapper(CONTACT, "contacts", ConnectionSettings.DEFAULTS);

		OutboundRecord record = mapper
			.process(change(Operation.UPDATE, "003000000000001AAA", Set.of("title", "email", "company_id"), row()));

		assertThat(record).isNotNull();
		assertThat(record.salesforceId()).isEqualTo("003000000000001AAA");
		assertThat(record.fields()).containsExactly(entry("Email", "ada@example.com"), entry("Title", null));
	}

	@Test
	void skipsAnUpdateOfUnmappedColumnsAsNoFieldsToUpdate() {
		OutboundMapper mapper = new OutboundMapper(CONTACT, "contacts", ConnectionSettings.DEFAULTS);

		assertThat(mapper.process(change(Operation.UPDATE, "003000000000001AAA", Set.of("app_user_id"), row())))
			.isNull();

		assertThat(mapper.drainSkipped()).singleElement()
			.satisfies((skip) -> assertThat(skip.reason()).isEqualTo(OutcomeReason.NO_FIELDS_TO_UPDATE));
		assertThat(mapper.drainSkipped()).isEmpty();
	}

	@Test
	void skipsEveryChangeAsObjectWriteDisabledWhenTheConnectionSwitchesTheObjectOff() {
		ConnectionSettings settings = ConnectionSettings.DEFAULTS.withOutboundWrites("contact", false);
		OutboundMapper mapper = new OutboundMapper(CONTACT, "contacts", settings);

		assertThat(mapper.process(change(Operation.INSERT, null, Set.of(), row()))).isNull();
		assertThat(mapper.process(change(Operation.DELETE, "003000000000001AAA", Set.of(), null))).isNull();

		assertThat(mapper.drainSkipped()).extracting(OutboundMapper.Skip::reason)
			.containsExactly(OutcomeReason.OBJECT_WRITE_DISABLED, OutcomeReason.OBJECT_WRITE_DISABLED);
	}

	@Test
	void writesAColumnToTheFieldTheConnectionOverridesItWith() {
		ConnectionSettings settings = new ConnectionSettings(null, null,
				Map.of("contact", Map.of("Title", "last_name")), null, null, null);
		OutboundMapper mapper = new OutboundMapper(CONTACT, "contacts", settings);

		OutboundRecord record = mapper
			.process(change(Operation.UPDATE, "003000000000001AAA", Set.of("last_name"), row()));

		assertThat(record).isNotNull();
		assertThat(record.fields()).containsExactly(entry("Title", "Lovelace"));
	}

	@Test
	void aStoredOverrideOfAColumnTheDefinitionDoesNotMapFailsTheMappingBeforeAnyRecord() {
		ConnectionSettings settings = new ConnectionSettings(null, null,
				Map.of("contact", Map.of("Title", "company_name")), null, null, null);

		assertThatExceptionOfType(InvalidFieldOverrideException.class)
			.isThrownBy(() -> new OutboundMapper(CONTACT, "contacts", settings))
			.withMessageContaining("Title names column 'company_name', which contact does not map");
	}

	@Test
	void deletesByTheSalesforceIdTheOutboxKeptAndSkipsARecordThatNeverReachedSalesforce() {
		OutboundMapper mapper = new OutboundMapper(CONTACT, "contacts", ConnectionSettings.DEFAULTS);

		OutboundRecord delete = mapper.process(change(Operation.DELETE, "003000000000001AAA", Set.of(), null));
		OutboundRecord never = mapper.process(change(Operation.DELETE, null, Set.of(), null));

		assertThat(delete).isNotNull();
		assertThat(delete.salesforceId()).isEqualTo("003000000000001AAA");
		assertThat(delete.fields()).isEmpty();
		assertThat(never).isNull();
		assertThat(mapper.drainSkipped()).extracting(OutboundMapper.Skip::reason)
			.containsExactly(OutcomeReason.NO_FIELDS_TO_UPDATE);
	}

	private static OutboxEntry change(Operation operation, @Nullable String salesforceId, Set<String> changed,
			@Nullable Map<String, @Nullable Object> row) {
		return new OutboxEntry(11, 7, operation, changed, salesforceId, Instant.parse("2026-12-01T10:00:00Z"), 0, row);
	}

	private static Map<String, @Nullable Object> row() {
		Map<String, @Nullable Object> row = new HashMap<>();
		row.put("id", 7L);
		row.put("email", "ada@example.com");
		row.put("last_name", "Lovelace");
		row.put("title", null);
		row.put("salesforce_account_id", "001000000000001AAA");
		row.put("email_opt_out", true);
		row.put("birth_date", java.sql.Date.valueOf(LocalDate.of(1815, 12, 10)));
		row.put("company_name", "Analytical Engines");
		row.put("deleted", false);
		return row;
	}

}
