package dev.sfsync.catalog;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A connection's field mapping overrides: only the columns an object's definition maps,
 * keys that are Salesforce field names, one field per column.
 */
class FieldOverridesTests {

	private static final JobCatalog CATALOG = new JobCatalogLoader().load("file:jobs/");

	private static final JobDefinition CONTACT = CATALOG.find("contact").orElseThrow();

	@Test
	void withoutOverridesTheMappingIsTheDefinitions() {
		assertThat(FieldOverrides.apply(CONTACT, Map.of())).isEqualTo(CONTACT.fields());
	}

	@Test
	void anOverrideReadsAMappedColumnFromAnotherFieldAndTheColumnKeepsItsDirection() {
		List<FieldMapping> applied = FieldOverrides.apply(CONTACT, Map.of("Nickname__c", "title"));

		assertThat(applied).extracting(FieldMapping::salesforceField, FieldMapping::column, FieldMapping::direction)
			.contains(tuple("Nickname__c", "title", FieldDirection.BOTH))
			.doesNotContain(tuple("Title", "title", FieldDirection.BOTH));
		assertThat(applied).hasSize(CONTACT.fields().size());
	}

	@Test
	void aDefinitionFieldMovedToAnotherColumnNoLongerSyncsItsOwn() {
		List<FieldMapping> applied = FieldOverrides.apply(CONTACT, Map.of("Title", "first_name"));

		assertThat(applied).extracting(FieldMapping::column).doesNotContain("title");
		assertThat(applied).extracting(FieldMapping::salesforceField).doesNotContain("FirstName");
		assertThat(applied).extracting(FieldMapping::salesforceField, FieldMapping::column)
			.contains(tuple("Title", "first_name"));
	}

	@Test
	void aKeyInAnotherCaseIsTheDefinitionsFieldSpelledAsTheDefinitionSpellsIt() {
		assertThat(FieldOverrides.apply(CONTACT, Map.of("title", "title"))).isEqualTo(CONTACT.fields());
	}

	@Test
	void aRequiredColumnStaysRequiredWhenReadFromAnotherField() {
		JobDefinition event = CATALOG.find("event").orElseThrow();

		assertThat(FieldOverrides.apply(event, Map.of("Start__c", "starts_at")))
			.filteredOn((field) -> field.column().equals("starts_at"))
			.singleElement()
			.satisfies((field) -> {
				assertThat(field.salesforceField()).isEqualTo("Start__c");
				assertThat(field.required()).isTrue();
			});
	}

	@Test
	void refusesAColumnTheDefinitionDoesNotMapSuchAsSqlOrAnotherTablesColumn() {
		assertThatExceptionOfType(InvalidFieldOverrideException.class)
			.isThrownBy(() -> FieldOverrides.apply(CONTACT,
					Map.of("Email", "email = (SELECT password FROM users), connection_id")))
			.satisfies((refused) -> {
				assertThat(refused.salesforceField()).isEqualTo("Email");
				assertThat(refused.column()).isEqualTo("email = (SELECT password FROM users), connection_id");
				assertThat(refused.allowed()).containsExactly("email", "first_name", "last_name", "title", "phone",
						"salesforce_account_id", "salesforce_owner_id", "email_opt_out");
				assertThat(refused.getMessage()).startsWith("A field mapping override of contact is not allowed: Email"
						+ " names column 'email = (SELECT password FROM users), connection_id', which contact does not map;"
						+ " allowed: email, first_name");
			});
		assertThatExceptionOfType(InvalidFieldOverrideException.class)
			.isThrownBy(() -> FieldOverrides.apply(CONTACT, Map.of("Email", "connection_id")));
		assertThatExceptionOfType(InvalidFieldOverrideException.class)
			.isThrownBy(() -> FieldOverrides.apply(CONTACT, Map.of("Company", "company_name")))
			.withMessageContaining("which contact does not map");
		assertThatExceptionOfType(InvalidFieldOverrideException.class)
			.isThrownBy(() -> FieldOverrides.apply(CONTACT, Map.of("Email", "EMAIL")));
	}

	@Test
	void refusesKeysThatAreNotSalesforceFieldNames() {
		assertThatExceptionOfType(InvalidFieldOverrideException.class)
			.isThrownBy(() -> FieldOverrides.apply(CONTACT, Map.of("Id FROM User --", "title")))
			.satisfies((refused) -> {
				assertThat(refused.column()).isNull();
				assertThat(refused.problem()).isEqualTo("'Id FROM User --' is not a Salesforce field name");
			});
		assertThatExceptionOfType(InvalidFieldOverrideException.class)
			.isThrownBy(() -> FieldOverrides.apply(CONTACT, Map.of("Account.Name", "title")));
		assertThatExceptionOfType(InvalidFieldOverrideException.class)
			.isThrownBy(() -> FieldOverrides.apply(CONTACT, Map.of("", "title")));
	}

	@Test
	void refusesTwoFieldsForOneColumnAndOneFieldTwice() {
		assertThatExceptionOfType(InvalidFieldOverrideException.class)
			.isThrownBy(() -> FieldOverrides.apply(CONTACT, Map.of("MobilePhone", "phone", "OtherPhone", "phone")))
			.withMessageContaining("OtherPhone and MobilePhone both name column phone");
		assertThatExceptionOfType(InvalidFieldOverrideException.class)
			.isThrownBy(() -> FieldOverrides.apply(CONTACT, Map.of("Title", "title", "TITLE", "first_name")))
			.withMessageContaining("are the same Salesforce field");
	}

}
