package dev.sfsync.soql;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A small Salesforce-like schema (Account, Contact, User, Lead) and map-backed records
 * for the SOQL tests.
 */
final class SoqlFixtures {

	/** Wednesday 15 May 2024, mid-morning UTC. */
	static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-15T10:30:00Z"), ZoneOffset.UTC);

	static final SoqlSchema SCHEMA = schema();

	private SoqlFixtures() {
	}

	static SoqlQuery parse(String soql) {
		return SoqlParser.parse(soql, SCHEMA, CLOCK);
	}

	static SoqlException parseError(String soql) {
		return catchThrowableOfType(() -> parse(soql), SoqlException.class);
	}

	static TestRecord record(@Nullable Object... namesAndValues) {
		TestRecord record = new TestRecord();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			record.values.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return record;
	}

	private static SoqlSchema schema() {
		TestObject user = new TestObject("User").field("Id", SoqlType.ID)
			.field("Name", SoqlType.STRING)
			.field("Email", SoqlType.EMAIL)
			.field("IsActive", SoqlType.BOOLEAN);
		TestObject account = new TestObject("Account").field("Id", SoqlType.ID)
			.field("Name", SoqlType.STRING)
			.field("Industry", SoqlType.PICKLIST)
			.field("AnnualRevenue", SoqlType.CURRENCY)
			.field("NumberOfEmployees", SoqlType.INTEGER)
			.field("OwnerId", SoqlType.REFERENCE)
			.field("CreatedDate", SoqlType.DATETIME)
			.relationship("Owner", user);
		TestObject contact = new TestObject("Contact").field("Id", SoqlType.ID)
			.field("FirstName", SoqlType.STRING)
			.field("LastName", SoqlType.STRING)
			.field("Email", SoqlType.EMAIL)
			.field("Description", SoqlType.TEXTAREA)
			.field("AccountId", SoqlType.REFERENCE)
			.field("Birthdate", SoqlType.DATE)
			.field("HasOptedOutOfEmail", SoqlType.BOOLEAN)
			.field("Score__c", SoqlType.DOUBLE)
			.field("CreatedDate", SoqlType.DATETIME)
			.relationship("Account", account)
			.relationship("Owner", user);
		TestObject lead = new TestObject("Lead").field("Id", SoqlType.ID)
			.field("LastName", SoqlType.STRING)
			.field("Company", SoqlType.STRING);
		Map<String, SoqlObject> objects = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (TestObject object : new TestObject[] { user, account, contact, lead }) {
			objects.put(object.name(), object);
		}
		return (name) -> Optional.ofNullable(objects.get(name));
	}

	/**
	 * An object whose names resolve case-insensitively, as the emulator's will.
	 */
	static final class TestObject implements SoqlObject {

		private final String name;

		private final Map<String, SoqlField> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

		private final Map<String, SoqlRelationship> relationships = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

		TestObject(String name) {
			this.name = name;
		}

		TestObject field(String name, SoqlType type) {
			this.fields.put(name, SoqlField.of(name, type));
			return this;
		}

		TestObject relationship(String name, SoqlObject target) {
			this.relationships.put(name, SoqlRelationship.of(name, target));
			return this;
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public Optional<SoqlField> field(String name) {
			return Optional.ofNullable(this.fields.get(name));
		}

		@Override
		public Optional<SoqlRelationship> relationship(String name) {
			return Optional.ofNullable(this.relationships.get(name));
		}

	}

	/**
	 * A record keyed by canonical names only, so a lookup under any other spelling shows
	 * up as a missing value.
	 */
	static final class TestRecord implements SoqlRecord {

		private final Map<String, @Nullable Object> values = new HashMap<>();

		private final Map<String, SoqlRecord> parents = new HashMap<>();

		TestRecord with(String relationship, SoqlRecord parent) {
			this.parents.put(relationship, parent);
			return this;
		}

		@Override
		public @Nullable Object get(String fieldName) {
			return this.values.get(fieldName);
		}

		@Override
		public @Nullable SoqlRecord parent(String relationshipName) {
			return this.parents.get(relationshipName);
		}

		@Override
		public String toString() {
			return this.values.toString();
		}

	}

}
