package dev.sfsync.salesforce;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SalesforceIdTests {

	@Test
	void fifteenCharacterIdsGainTheDocumentedChecksumSuffix() {
		assertThat(SalesforceId.to18("a0RE000000IJmcN")).isEqualTo("a0RE000000IJmcNMAT");
		assertThat(SalesforceId.to18("aBcDEfgHIJKLMNO")).isEqualTo("aBcDEfgHIJKLMNO025");
		assertThat(SalesforceId.to18("0019000000B98de")).isEqualTo("0019000000B98deAAB");
	}

	@Test
	void fifteenAndEighteenCharacterFormsOfOneIdAreEqual() {
		SalesforceId fromFifteen = SalesforceId.parse("0019000000B98de");
		SalesforceId fromEighteen = SalesforceId.parse("0019000000B98deAAB");

		assertThat(fromFifteen).isEqualTo(fromEighteen).hasSameHashCodeAs(fromEighteen);
		assertThat(fromFifteen.id18()).isEqualTo("0019000000B98deAAB");
		assertThat(fromFifteen.id15()).isEqualTo("0019000000B98de");
		assertThat(fromFifteen.keyPrefix()).isEqualTo("001");
		assertThat(fromFifteen).hasToString("0019000000B98deAAB");
	}

	@Test
	void suffixIsMatchedInAnyLetterCaseAndNormalisedToUpperCase() {
		SalesforceId id = SalesforceId.parse("a0RE000000IJmcNmat");

		assertThat(id.id18()).isEqualTo("a0RE000000IJmcNMAT");
		assertThat(id).isEqualTo(SalesforceId.parse("a0RE000000IJmcN"));
	}

	@Test
	void firstFifteenCharactersAreCaseSensitive() {
		SalesforceId upper = SalesforceId.parse("0019000000B98de");
		SalesforceId lower = SalesforceId.parse("0019000000b98de");

		assertThat(upper).isNotEqualTo(lower);
		assertThat(lower.id18()).isEqualTo("0019000000b98deAAA");
	}

	@Test
	void idOfTheWrongLengthIsRejectedWithItsLength() {
		assertThatIllegalArgumentException().isThrownBy(() -> SalesforceId.parse("0019000000B98d"))
			.withMessage("'0019000000B98d' is not a Salesforce Id: it has 14 characters; expected 15 or 18");
		assertThatIllegalArgumentException().isThrownBy(() -> SalesforceId.parse(""))
			.withMessage("'' is not a Salesforce Id: it has 0 characters; expected 15 or 18");
	}

	@Test
	void idWithACharacterOtherThanLettersAndDigitsIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> SalesforceId.parse("0019000000B98-e"))
			.withMessage(
					"'0019000000B98-e' is not a Salesforce Id: character '-' at position 14 is not a letter or digit");
	}

	@Test
	void eighteenCharacterIdWhoseSuffixDoesNotMatchItsChecksumIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> SalesforceId.parse("0019000000B98deAAC"))
			.withMessage("'0019000000B98deAAC' is not a Salesforce Id: its suffix 'AAC' does not match 'AAB', "
					+ "the checksum of its first 15 characters");
		// The suffix of the same characters in another case.
		assertThat(SalesforceId.isValid("0019000000b98deAAB")).isFalse();
	}

	@Test
	void isValidAnswersWithoutThrowing() {
		assertThat(SalesforceId.isValid("0019000000B98de")).isTrue();
		assertThat(SalesforceId.isValid("0019000000B98deAAB")).isTrue();
		assertThat(SalesforceId.isValid("0019000000B98deaab")).isTrue();
		assertThat(SalesforceId.isValid("0019000000B98d")).isFalse();
		assertThat(SalesforceId.isValid("0019000000B98deAAC")).isFalse();
		assertThat(SalesforceId.isValid("0019000000B98d!")).isFalse();
		assertThat(SalesforceId.isValid(null)).isFalse();
	}

	@Test
	void to18AcceptsAnEighteenCharacterIdAndNormalisesIt() {
		assertThat(SalesforceId.to18("0019000000B98deaab")).isEqualTo("0019000000B98deAAB");
	}

	@Test
	void generatedIdIsPrefixInstanceAndZeroPaddedBase62Sequence() {
		SalesforceId first = SalesforceId.of("003", "8d", 0);
		SalesforceId later = SalesforceId.of("003", "8d", 62 * 62 + 61);

		assertThat(first.id15()).isEqualTo("0038d0000000000");
		assertThat(first.id18()).isEqualTo(SalesforceId.to18("0038d0000000000"));
		assertThat(later.id15()).isEqualTo("0038d000000010z");
		assertThat(later.keyPrefix()).isEqualTo("003");
		assertThat(SalesforceId.parse(later.id18())).isEqualTo(later);
	}

	@Test
	void generatedIdsAreDeterministicAndSortInSequenceOrder() {
		List<String> ids = LongStream.of(0, 9, 10, 35, 36, 61, 62, 3843, 3844, 1_000_000, 839_299_365_868_340_223L)
			.mapToObj((sequence) -> SalesforceId.of("00Q", "Ab", sequence).id18())
			.toList();

		assertThat(ids).isSorted().doesNotHaveDuplicates();
		assertThat(SalesforceId.of("00Q", "Ab", 1_000_000)).isEqualTo(SalesforceId.of("00Q", "Ab", 1_000_000));
		assertThat(ids.get(ids.size() - 1)).startsWith("00QAbzzzzzzzzzz");
	}

	@Test
	void generatorRejectsBadPrefixesInstancesAndSequences() {
		assertThatIllegalArgumentException().isThrownBy(() -> SalesforceId.of("03", "8d", 1))
			.withMessage("'03' is not a valid key prefix: expected 3 letters or digits");
		assertThatIllegalArgumentException().isThrownBy(() -> SalesforceId.of("003", "8-", 1))
			.withMessage("'8-' is not a valid instance: expected 2 letters or digits");
		assertThatIllegalArgumentException().isThrownBy(() -> SalesforceId.of("003", "8d", -1))
			.withMessageStartingWith("Sequence -1 is out of range");
		assertThatIllegalArgumentException().isThrownBy(() -> SalesforceId.of("003", "8d", 839_299_365_868_340_224L))
			.withMessageStartingWith("Sequence 839299365868340224 is out of range");
	}

}
