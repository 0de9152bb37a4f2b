package dev.sfsync.soql;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import dev.sfsync.soql.SoqlFixtures.TestRecord;
import org.junit.jupiter.api.Test;

import static dev.sfsync.soql.SoqlFixtures.parse;
import static dev.sfsync.soql.SoqlFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

class SoqlOrderingTests {

	private final List<TestRecord> people = List.of(record("LastName", "smith"), record("LastName", "Adams"),
			record("LastName", null), record("LastName", "jones"), record("LastName", "Brown"));

	@Test
	void sortsAscendingWithNullsFirstByDefault() {
		assertThat(lastNames("ORDER BY LastName")).containsExactly(null, "Adams", "Brown", "jones", "smith");
		assertThat(lastNames("ORDER BY LastName ASC")).containsExactly(null, "Adams", "Brown", "jones", "smith");
	}

	@Test
	void sortsDescendingWithNullsLastByDefault() {
		assertThat(lastNames("ORDER BY LastName DESC")).containsExactly("smith", "jones", "Brown", "Adams", null);
	}

	@Test
	void placesNullsAsAskedWhateverTheDirection() {
		assertThat(lastNames("ORDER BY LastName NULLS LAST")).containsExactly("Adams", "Brown", "jones", "smith", null);
		assertThat(lastNames("ORDER BY LastName DESC NULLS FIRST")).containsExactly(null, "smith", "jones", "Brown",
				"Adams");
	}

	@Test
	void breaksTiesWithTheNextItem() {
		// given
		List<TestRecord> records = List.of(record("LastName", "Smith", "FirstName", "Ann"),
				record("LastName", "Jones", "FirstName", "Bob"), record("LastName", "SMITH", "FirstName", "Cy"));

		// when
		List<TestRecord> sorted = parse("SELECT Id FROM Contact ORDER BY LastName DESC, FirstName DESC").apply(records);

		// then
		assertThat(sorted).extracting((record) -> record.get("FirstName")).containsExactly("Cy", "Ann", "Bob");
	}

	@Test
	void sortsByAParentField() {
		// given
		List<TestRecord> records = List.of(record("LastName", "a").with("Account", record("Name", "Zeta")),
				record("LastName", "b"), record("LastName", "c").with("Account", record("Name", "alpha")));

		// when
		List<TestRecord> sorted = parse("SELECT Id FROM Contact ORDER BY Account.Name").apply(records);

		// then
		assertThat(sorted).extracting((record) -> record.get("LastName")).containsExactly("b", "c", "a");
	}

	@Test
	void sortsNumbersDatesAndBooleansByValue() {
		// given
		List<TestRecord> scores = List.of(record("Score__c", 10), record("Score__c", 2.5d),
				record("Score__c", new BigDecimal("7.00")), record("Score__c", 100L));
		List<TestRecord> birthdays = List.of(record("Birthdate", LocalDate.of(2001, 1, 2)),
				record("Birthdate", LocalDate.of(1999, 12, 31)));
		List<TestRecord> flags = List.of(record("HasOptedOutOfEmail", true), record("HasOptedOutOfEmail", false));

		// then
		assertThat(parse("SELECT Id FROM Contact ORDER BY Score__c").apply(scores))
			.extracting((record) -> record.get("Score__c"))
			.containsExactly(2.5d, new BigDecimal("7.00"), 10, 100L);
		assertThat(parse("SELECT Id FROM Contact ORDER BY Birthdate DESC").apply(birthdays))
			.extracting((record) -> record.get("Birthdate"))
			.containsExactly(LocalDate.of(2001, 1, 2), LocalDate.of(1999, 12, 31));
		assertThat(parse("SELECT Id FROM Contact ORDER BY HasOptedOutOfEmail").apply(flags))
			.extracting((record) -> record.get("HasOptedOutOfEmail"))
			.containsExactly(false, true);
	}

	@Test
	void offersTheSameOrderAsAComparator() {
		// given
		SoqlQuery query = parse("SELECT Id FROM Contact ORDER BY LastName DESC NULLS FIRST");
		List<TestRecord> sorted = new ArrayList<>(this.people);

		// when
		sorted.sort(query.comparator());

		// then
		assertThat(sorted).containsExactlyElementsOf(query.apply(this.people));
	}

	@Test
	void filtersThenSortsThenSkipsTheOffsetThenStopsAtTheLimit() {
		// given
		List<TestRecord> records = IntStream.range(0, 10).mapToObj((i) -> record("Score__c", i)).toList();

		// when
		List<TestRecord> page = parse(
				"SELECT Id FROM Contact WHERE Score__c >= 2 ORDER BY Score__c DESC LIMIT 3 OFFSET 1")
			.apply(records);

		// then
		assertThat(page).extracting((record) -> record.get("Score__c")).containsExactly(8, 7, 6);
	}

	@Test
	void keepsTheInputOrderWithoutOrderByAndForTies() {
		// given
		List<TestRecord> records = List.of(record("LastName", "b", "FirstName", "1"),
				record("LastName", "a", "FirstName", "2"), record("LastName", "b", "FirstName", "3"));

		// then
		assertThat(parse("SELECT Id FROM Contact").apply(records)).containsExactlyElementsOf(records);
		assertThat(parse("SELECT Id FROM Contact ORDER BY LastName").apply(records))
			.extracting((record) -> record.get("FirstName"))
			.containsExactly("2", "1", "3");
	}

	@Test
	void returnsNothingWhenTheOffsetPassesTheLastRow() {
		assertThat(parse("SELECT Id FROM Contact OFFSET 5").apply(this.people)).isEmpty();
		assertThat(parse("SELECT Id FROM Contact LIMIT 0").apply(this.people)).isEmpty();
	}

	@Test
	void countsMatchingRowsForCountQueriesWithinLimitAndOffset() {
		// given
		List<TestRecord> records = IntStream.range(0, 10).mapToObj((i) -> record("Score__c", i)).toList();

		// then
		assertThat(parse("SELECT COUNT() FROM Contact WHERE Score__c >= 5").count(records)).isEqualTo(5);
		assertThat(parse("SELECT COUNT() FROM Contact WHERE Score__c >= 5 LIMIT 2").count(records)).isEqualTo(2);
		assertThat(parse("SELECT COUNT() FROM Contact OFFSET 8").count(records)).isEqualTo(2);
		assertThat(parse("SELECT COUNT() FROM Contact").count(List.of())).isZero();
	}

	private List<Object> lastNames(String orderBy) {
		List<Object> names = new ArrayList<>();
		for (TestRecord record : parse("SELECT LastName FROM Contact " + orderBy).apply(this.people)) {
			names.add(record.get("LastName"));
		}
		return names;
	}

}
