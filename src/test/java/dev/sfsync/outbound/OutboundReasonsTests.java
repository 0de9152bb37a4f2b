package dev.sfsync.outbound;

import java.util.Map;

import dev.sfsync.outcome.OutcomeReason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Salesforce's per-record status codes and the catalog's outbound reasons. */
class OutboundReasonsTests {

	@Test
	void mapsEachStatusCodeTheEmulatorsRulesProduceToItsCatalogReason() {
		Map<String, OutcomeReason> expected = Map.of("INSUFFICIENT_ACCESS_OR_READONLY",
				OutcomeReason.INSUFFICIENT_PERMISSIONS, "REQUIRED_FIELD_MISSING", OutcomeReason.REQUIRED_FIELD_MISSING,
				"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", OutcomeReason.INVALID_PICKLIST_VALUE, "STRING_TOO_LONG",
				OutcomeReason.FIELD_LENGTH_EXCEEDED, "FIELD_CUSTOM_VALIDATION_EXCEPTION",
				OutcomeReason.VALIDATION_RULE_FAILURE, "UNABLE_TO_LOCK_ROW", OutcomeReason.RECORD_LOCKED,
				"INVALID_CROSS_REFERENCE_KEY", OutcomeReason.INVALID_CROSS_REFERENCE, "DUPLICATES_DETECTED",
				OutcomeReason.DUPLICATE_RECORD, "DUPLICATE_VALUE", OutcomeReason.DUPLICATE_RECORD,
				"CANNOT_UPDATE_CONVERTED_LEAD", OutcomeReason.OUTBOUND_UNKNOWN_ERROR);
		expected.forEach((code, reason) -> assertThat(OutboundReasons.of(code)).as(code).isEqualTo(reason));
	}

	@Test
	void retriesOnLaterRunsOnlyWhatMaySucceedWithoutAnyoneChangingTheRecord() {
		assertThat(OutboundReasons.transientCode("UNABLE_TO_LOCK_ROW")).isTrue();
		assertThat(OutboundReasons.transientCode("SERVER_UNAVAILABLE")).isTrue();
		assertThat(OutboundReasons.transientCode("FIELD_CUSTOM_VALIDATION_EXCEPTION")).isFalse();
		assertThat(OutboundReasons.transientCode("DUPLICATES_DETECTED")).isFalse();
	}

}
