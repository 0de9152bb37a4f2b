package dev.sfsync.outbound;

import java.util.Map;

import dev.sfsync.outcome.OutcomeReason;

/**
 * Salesforce's per-record status codes mapped to the outbound failure reasons of the
 * outcome catalog; a code not listed is an "Unknown error".
 */
final class OutboundReasons {

	private static final Map<String, OutcomeReason> BY_CODE = Map.ofEntries(
			Map.entry("INSUFFICIENT_ACCESS_OR_READONLY", OutcomeReason.INSUFFICIENT_PERMISSIONS),
			Map.entry("INSUFFICIENT_ACCESS", OutcomeReason.INSUFFICIENT_PERMISSIONS),
			Map.entry("INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY", OutcomeReason.INSUFFICIENT_PERMISSIONS),
			Map.entry("INVALID_FIELD_FOR_INSERT_UPDATE", OutcomeReason.INSUFFICIENT_PERMISSIONS),
			Map.entry("CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY", OutcomeReason.INSUFFICIENT_PERMISSIONS),
			Map.entry("REQUIRED_FIELD_MISSING", OutcomeReason.REQUIRED_FIELD_MISSING),
			Map.entry("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", OutcomeReason.INVALID_PICKLIST_VALUE),
			Map.entry("BAD_VALUE_FOR_RESTRICTED_PICKLIST", OutcomeReason.INVALID_PICKLIST_VALUE),
			Map.entry("STRING_TOO_LONG", OutcomeReason.FIELD_LENGTH_EXCEEDED),
			Map.entry("FIELD_CUSTOM_VALIDATION_EXCEPTION", OutcomeReason.VALIDATION_RULE_FAILURE),
			Map.entry("UNABLE_TO_LOCK_ROW", OutcomeReason.RECORD_LOCKED),
			Map.entry("INVALID_CROSS_REFERENCE_KEY", OutcomeReason.INVALID_CROSS_REFERENCE),
			Map.entry("ENTITY_IS_DELETED", OutcomeReason.INVALID_CROSS_REFERENCE),
			Map.entry("MALFORMED_ID", OutcomeReason.INVALID_CROSS_REFERENCE),
			Map.entry("DUPLICATES_DETECTED", OutcomeReason.DUPLICATE_RECORD),
			Map.entry("DUPLICATE_VALUE", OutcomeReason.DUPLICATE_RECORD),
			Map.entry("DUPLICATE_EXTERNAL_ID", OutcomeReason.DUPLICATE_RECORD));

	private OutboundReasons() {
	}

	static OutcomeReason of(String statusCode) {
		return BY_CODE.getOrDefault(statusCode, OutcomeReason.OUTBOUND_UNKNOWN_ERROR);
	}

	/**
	 * Whether a later run may succeed without anyone changing the record: locks and
	 * server errors.
	 */
	static boolean transientCode(String statusCode) {
		return statusCode.equals("UNABLE_TO_LOCK_ROW") || statusCode.equals("SERVER_UNAVAILABLE")
				|| statusCode.equals("REQUEST_RUNNING_TOO_LONG") || statusCode.equals("QUERY_TIMEOUT");
	}

}
