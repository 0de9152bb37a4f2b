package dev.sfsync.soql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The syntax-only check of a WHERE condition on its own, as a sync rule is written: the
 * error's row and column are those of the condition.
 */
class SoqlConditionTests {

	@Test
	void acceptsConditionsWhateverTheirFields() {
		assertThatCode(() -> SoqlParser.checkCondition("LeadSource = 'Do Not Sync'")).doesNotThrowAnyException();
		assertThatCode(() -> SoqlParser.checkCondition(
				"(NoSuchField__c != null AND Amount__c > 10.5) OR NOT Status IN ('A', 'B') OR Email LIKE '%@x.com'"))
			.doesNotThrowAnyException();
		assertThatCode(() -> SoqlParser.checkCondition("CreatedDate > LAST_N_DAYS:30 AND CloseDate = 2024-05-01"))
			.doesNotThrowAnyException();
	}

	@Test
	void reportsTheRowAndColumnOfTheOffendingTokenInTheCondition() {
		assertThatExceptionOfType(SoqlException.class)
			.isThrownBy(() -> SoqlParser.checkCondition("LeadSource = 'Web' AND"))
			.satisfies((refused) -> {
				assertThat(refused.errorCode()).isEqualTo("MALFORMED_QUERY");
				assertThat(refused.row()).isEqualTo(1);
				assertThat(refused.column()).isEqualTo(23);
				assertThat(refused.explanation()).isEqualTo("unexpected token: '<EOF>'");
			});
		assertThatExceptionOfType(SoqlException.class)
			.isThrownBy(() -> SoqlParser.checkCondition("Status = 'Open'\n  AND Amount >> 5"))
			.satisfies((refused) -> {
				assertThat(refused.row()).isEqualTo(2);
				assertThat(refused.column()).isEqualTo(15);
			});
	}

	@Test
	void refusesWhatWouldEndTheConditionEarly() {
		assertThatExceptionOfType(SoqlException.class)
			.isThrownBy(() -> SoqlParser.checkCondition("Id != null ORDER BY Id LIMIT 1"));
		assertThatExceptionOfType(SoqlException.class)
			.isThrownBy(() -> SoqlParser.checkCondition("Id != null) OR (Id = null"));
		assertThatExceptionOfType(SoqlException.class)
			.isThrownBy(() -> SoqlParser.checkCondition("CloseDate = 2024-13-45"));
		assertThatExceptionOfType(SoqlException.class).isThrownBy(() -> SoqlParser.checkCondition(""));
	}

}
