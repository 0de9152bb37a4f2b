package dev.sfsync.soql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import dev.sfsync.soql.SoqlFixtures.TestRecord;
import org.junit.jupiter.api.Test;

import static dev.sfsync.soql.SoqlFixtures.parse;
import static dev.sfsync.soql.SoqlFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

class SoqlEvaluatorTests {

	private static final String ID_15 = "003Dn00000ABcde";

	private static final String ID_18 = "003Dn00000ABcdeIAA";

	@Test
	void equalsOnTextIgnoresCase() {
		// given
		SoqlQuery query = where("LastName = 'SMITH'");

		// then
		assertThat(query.matches(record("LastName", "Smith"))).isTrue();
		assertThat(query.matches(record("LastName", "Smyth"))).isFalse();
		assertThat(query.matches(record("LastName", null))).isFalse();
	}

	@Test
	void notEqualsMatchesDifferentAndEmptyValuesAlike() {
		// given
		SoqlQuery bang = where("LastName != 'smith'");
		SoqlQuery angle = where("LastName <> 'smith'");

		// then
		for (SoqlQuery query : List.of(bang, angle)) {
			assertThat(query.matches(record("LastName", "Smith"))).isFalse();
			assertThat(query.matches(record("LastName", "Jones"))).isTrue();
			assertThat(query.matches(record("LastName", null))).isTrue();
		}
	}

	@Test
	void comparesNumbersWithEveryOrderingOperatorWhateverTheirJavaType() {
		// given
		List<Object> tens = List.of(new BigDecimal("10.00"), 10, 10L, 10.0d);
		List<Object> elevens = List.of(new BigDecimal("11"), 11, 11L, 11.0d);

		// then
		for (Object ten : tens) {
			assertThat(where("Score__c = 10").matches(record("Score__c", ten))).isTrue();
			assertThat(where("Score__c < 10.5").matches(record("Score__c", ten))).isTrue();
			assertThat(where("Score__c <= 10").matches(record("Score__c", ten))).isTrue();
			assertThat(where("Score__c > 10").matches(record("Score__c", ten))).isFalse();
			assertThat(where("Score__c >= 10").matches(record("Score__c", ten))).isTrue();
		}
		for (Object eleven : elevens) {
			assertThat(where("Score__c > 10").matches(record("Score__c", eleven))).isTrue();
			assertThat(where("Score__c <= 10.99").matches(record("Score__c", eleven))).isFalse();
		}
	}

	@Test
	void comparesNegativeAndDecimalLiterals() {
		assertThat(where("Score__c > -1.5").matches(record("Score__c", new BigDecimal("-1")))).isTrue();
		assertThat(where("Score__c = -1.50").matches(record("Score__c", -1.5d))).isTrue();
		assertThat(where("Score__c < -2").matches(record("Score__c", -1L))).isFalse();
	}

	@Test
	void comparesBooleans() {
		assertThat(where("HasOptedOutOfEmail = true").matches(record("HasOptedOutOfEmail", true))).isTrue();
		assertThat(where("HasOptedOutOfEmail = TRUE").matches(record("HasOptedOutOfEmail", false))).isFalse();
		assertThat(where("HasOptedOutOfEmail != false").matches(record("HasOptedOutOfEmail", true))).isTrue();
	}

	@Test
	void comparesDatesWithDateLiterals() {
		TestRecord may1 = record("Birthdate", LocalDate.of(2024, 5, 1));
		assertThat(where("Birthdate = 2024-05-01").matches(may1)).isTrue();
		assertThat(where("Birthdate < 2024-05-02").matches(may1)).isTrue();
		assertThat(where("Birthdate > 2024-05-01").matches(may1)).isFalse();
		assertThat(where("Birthdate >= 2024-05-01").matches(may1)).isTrue();
	}

	@Test
	void comparesDateTimesWithLiteralsInAnyOffsetAndPrecision() {
		// given
		TestRecord created = record("CreatedDate", Instant.parse("2024-05-01T08:00:00Z"));

		// then
		assertThat(where("CreatedDate = 2024-05-01T08:00:00Z").matches(created)).isTrue();
		assertThat(where("CreatedDate = 2024-05-01T08:00:00.000Z").matches(created)).isTrue();
		assertThat(where("CreatedDate = 2024-05-01T10:00:00+02:00").matches(created)).isTrue();
		assertThat(where("CreatedDate < 2024-05-01T03:00:00-05:00").matches(created)).isFalse();
		assertThat(where("CreatedDate <= 2024-05-01T03:00:00-05:00").matches(created)).isTrue();
		assertThat(where("CreatedDate > 2024-05-01T07:59:59.999Z").matches(created)).isTrue();
	}

	@Test
	void comparesNullLiteralsOnlyForEqualityAndInequality() {
		// given
		TestRecord empty = record("Email", null);
		TestRecord filled = record("Email", "a@example.com");

		// then
		assertThat(where("Email = null").matches(empty)).isTrue();
		assertThat(where("Email = null").matches(filled)).isFalse();
		assertThat(where("Email != null").matches(empty)).isFalse();
		assertThat(where("Email != null").matches(filled)).isTrue();
		assertThat(where("Score__c < null").matches(record("Score__c", 1))).isFalse();
		assertThat(where("Score__c > null").matches(record("Score__c", null))).isFalse();
	}

	@Test
	void failsOrderingComparisonsOnEmptyFields() {
		TestRecord empty = record("Score__c", null);
		assertThat(where("Score__c < 10").matches(empty)).isFalse();
		assertThat(where("Score__c >= 10").matches(empty)).isFalse();
		assertThat(where("LastName LIKE '%'").matches(record("LastName", null))).isFalse();
	}

	@Test
	void comparesTextOrderCaseInsensitively() {
		assertThat(where("LastName < 'b'").matches(record("LastName", "Adams"))).isTrue();
		assertThat(where("LastName > 'B'").matches(record("LastName", "adams"))).isFalse();
	}

	@Test
	void matchesLikeWildcardsCaseInsensitively() {
		// given
		TestRecord smith = record("LastName", "Smith-Jones");

		// then
		assertThat(where("LastName LIKE 'smith%'").matches(smith)).isTrue();
		assertThat(where("LastName LIKE '%JONES'").matches(smith)).isTrue();
		assertThat(where("LastName LIKE '%h-J%'").matches(smith)).isTrue();
		assertThat(where("LastName LIKE 'Sm_th%'").matches(smith)).isTrue();
		assertThat(where("LastName LIKE 'Smith'").matches(smith)).isFalse();
		assertThat(where("LastName LIKE 'S_ith'").matches(smith)).isFalse();
		assertThat(where("LastName LIKE '%%s%t%'").matches(smith)).isTrue();
		assertThat(where("LastName LIKE '%x%'").matches(smith)).isFalse();
	}

	@Test
	void treatsEscapedUnderscoreAndPercentInLikeAsThemselves() {
		// given
		SoqlQuery underscore = where("Email LIKE 'a\\_b%'");
		SoqlQuery percent = where("Description LIKE '100\\%'");

		// then
		assertThat(underscore.matches(record("Email", "a_b@example.com"))).isTrue();
		assertThat(underscore.matches(record("Email", "axb@example.com"))).isFalse();
		assertThat(percent.matches(record("Description", "100%"))).isTrue();
		assertThat(percent.matches(record("Description", "1000"))).isFalse();
	}

	@Test
	void decodesEscapesInStringLiterals() {
		assertThat(where("LastName = 'O\\'Brien'").matches(record("LastName", "O'Brien"))).isTrue();
		assertThat(where("Description = 'a\\\\b \\\"c\\\"'").matches(record("Description", "a\\b \"c\""))).isTrue();
		assertThat(where("Description = 'one\\ntwo\\tthree\\r'").matches(record("Description", "one\ntwo\tthree\r")))
			.isTrue();
		assertThat(where("Description LIKE 'x\\nY%'").matches(record("Description", "X\nyz"))).isTrue();
	}

	@Test
	void matchesInAndNotInLists() {
		// given
		SoqlQuery in = where("LastName IN ('smith', 'JONES')");
		SoqlQuery notIn = where("LastName NOT IN ('smith', 'JONES')");

		// then
		assertThat(in.matches(record("LastName", "Jones"))).isTrue();
		assertThat(in.matches(record("LastName", "Brown"))).isFalse();
		assertThat(in.matches(record("LastName", null))).isFalse();
		assertThat(notIn.matches(record("LastName", "Jones"))).isFalse();
		assertThat(notIn.matches(record("LastName", "Brown"))).isTrue();
		assertThat(notIn.matches(record("LastName", null))).isTrue();
	}

	@Test
	void matchesEmptyFieldsWhenAnInListHoldsNull() {
		assertThat(where("LastName IN ('smith', null)").matches(record("LastName", null))).isTrue();
		assertThat(where("LastName NOT IN ('smith', null)").matches(record("LastName", null))).isFalse();
		assertThat(where("LastName NOT IN (null)").matches(record("LastName", "Smith"))).isTrue();
	}

	@Test
	void matchesLongInListsOfTextAndIdsAndNumbers() {
		// given
		String names = String.join(", ", IntStream.range(0, 50).mapToObj((i) -> "'Name" + i + "'").toList());
		String ids = String.join(", ",
				IntStream.range(0, 50).mapToObj((i) -> "'003Dn00000AB" + (100 + i) + "IAA'").toList());
		String numbers = String.join(", ", IntStream.range(0, 50).mapToObj(String::valueOf).toList());

		// then
		assertThat(where("LastName IN (" + names + ")").matches(record("LastName", "NAME42"))).isTrue();
		assertThat(where("LastName IN (" + names + ")").matches(record("LastName", "Name50"))).isFalse();
		assertThat(where("Id IN (" + ids + ")").matches(record("Id", "003Dn00000AB142"))).isTrue();
		assertThat(where("Id IN (" + ids + ")").matches(record("Id", "003dn00000ab142"))).isFalse();
		assertThat(where("Score__c IN (" + numbers + ")").matches(record("Score__c", 49.0d))).isTrue();
		assertThat(where("Score__c NOT IN (" + numbers + ")").matches(record("Score__c", 50))).isTrue();
	}

	@Test
	void treatsFifteenAndEighteenCharacterIdsOfTheSameRecordAsEqual() {
		assertThat(where("Id = '" + ID_18 + "'").matches(record("Id", ID_15))).isTrue();
		assertThat(where("Id = '" + ID_15 + "'").matches(record("Id", ID_18))).isTrue();
		assertThat(where("AccountId IN ('" + ID_15 + "')").matches(record("AccountId", ID_18))).isTrue();
		assertThat(where("Id != '" + ID_15 + "'").matches(record("Id", ID_18))).isFalse();
	}

	@Test
	void comparesIdsCaseSensitively() {
		assertThat(where("Id = '" + ID_15.toLowerCase() + "'").matches(record("Id", ID_15))).isFalse();
		assertThat(where("Id = '" + ID_15.toUpperCase() + "'").matches(record("Id", ID_18))).isFalse();
	}

	@Test
	void appliesNotToTheConditionItPrecedes() {
		// given
		SoqlQuery query = where("NOT LastName = 'Smith'");

		// then
		assertThat(query.matches(record("LastName", "Smith"))).isFalse();
		assertThat(query.matches(record("LastName", "Jones"))).isTrue();
		assertThat(query.matches(record("LastName", null))).isTrue();
	}

	@Test
	void bindsNotTighterThanAnd() {
		// given NOT a AND b, read as (NOT a) AND b
		SoqlQuery query = where("NOT LastName = 'Smith' AND FirstName = 'Ann'");

		// then
		assertThat(query.matches(record("LastName", "Jones", "FirstName", "Ann"))).isTrue();
		assertThat(query.matches(record("LastName", "Smith", "FirstName", "Bob"))).isFalse();
	}

	@Test
	void bindsAndTighterThanOr() {
		// given a OR b AND c, read as a OR (b AND c)
		SoqlQuery query = where("LastName = 'Smith' OR LastName = 'Jones' AND FirstName = 'Ann'");

		// then
		assertThat(query.matches(record("LastName", "Smith", "FirstName", "Bob"))).isTrue();
		assertThat(query.matches(record("LastName", "Jones", "FirstName", "Bob"))).isFalse();
		assertThat(query.matches(record("LastName", "Jones", "FirstName", "Ann"))).isTrue();
	}

	@Test
	void letsParenthesesOverridePrecedence() {
		// given
		SoqlQuery query = where("(LastName = 'Smith' OR LastName = 'Jones') AND NOT (FirstName = 'Ann')");

		// then
		assertThat(query.matches(record("LastName", "Smith", "FirstName", "Bob"))).isTrue();
		assertThat(query.matches(record("LastName", "Jones", "FirstName", "Ann"))).isFalse();
		assertThat(query.matches(record("LastName", "Brown", "FirstName", "Bob"))).isFalse();
	}

	@Test
	void readsValuesThroughParentRelationships() {
		// given
		TestRecord owner = record("Email", "owner@example.com");
		TestRecord account = record("Name", "Acme").with("Owner", owner);
		TestRecord contact = record("LastName", "Smith").with("Account", account);
		SoqlQuery query = parse(
				"SELECT account.name, Account.Owner.Email FROM Contact WHERE account.owner.email LIKE 'OWNER@%'");

		// then
		assertThat(query.matches(contact)).isTrue();
		assertThat(query.fields()).extracting((path) -> path.valueOf(contact))
			.containsExactly("Acme", "owner@example.com");
	}

	@Test
	void readsAnEmptyParentAsNull() {
		// given
		TestRecord orphan = record("LastName", "Smith");
		SoqlQuery query = parse("SELECT Account.Name FROM Contact WHERE Account.Name = null");

		// then
		assertThat(query.fields().get(0).valueOf(orphan)).isNull();
		assertThat(query.matches(orphan)).isTrue();
		assertThat(where("Account.Name != 'Acme'").matches(orphan)).isTrue();
	}

	@Test
	void matchesEveryRecordWithoutAWhereClause() {
		assertThat(parse("SELECT Id FROM Contact").matches(record())).isTrue();
	}

	private static SoqlQuery where(String condition) {
		return parse("SELECT Id FROM Contact WHERE " + condition);
	}

}
