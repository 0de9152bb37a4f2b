package dev.sfsync.inbound;

import java.util.HashMap;
import java.util.Map;

import dev.sfsync.outcome.OutcomeRow;
import dev.sfsync.outcome.RecordOutcome;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Applies converted Leads in the app, in the chunk transaction: a Lead's app contact is
 * re-linked to the Contact it became, or merged into that Contact's own app contact when
 * the Contact arrived first, so one person stays one contact.
 */
final class LeadConversions {

	private final NamedParameterJdbcTemplate jdbc;

	LeadConversions(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Applies one conversion; answers its outcome, an update of the app contact that is
	 * the person now.
	 */
	OutcomeRow apply(AppChange change) {
		InboundDecision.Convert conversion = change.conversion();
		if (conversion == null || change.appId() == null) {
			throw new IllegalArgumentException("Not a conversion of a Lead the app has: " + change);
		}
		Map<String, Object> ids = new HashMap<>();
		ids.put("lead", change.salesforceId());
		ids.put("contact", conversion.contactId());
		ids.put("leadRow", change.appId());
		ids.put("contactRow", conversion.contactRowId());
		Long appId;
		String detail;
		if (conversion.contactRowId() == null) {
			this.jdbc.update("UPDATE contacts SET salesforce_contact_id = :contact, converted = TRUE,"
					+ " converted_contact_id = :contact WHERE id = :leadRow", ids);
			appId = change.appId();
			detail = "Lead " + change.salesforceId() + " was converted: re-linked to Contact " + conversion.contactId();
		}
		else {
			this.jdbc.update("UPDATE contacts SET salesforce_lead_id = NULL, deleted = TRUE,"
					+ " deleted_at = CURRENT_TIMESTAMP(6) WHERE id = :leadRow", ids);
			this.jdbc.update("UPDATE contacts SET salesforce_lead_id = :lead WHERE id = :contactRow", ids);
			appId = conversion.contactRowId();
			detail = "Lead " + change.salesforceId() + " was converted: merged into the contact of Contact "
					+ conversion.contactId() + " (app contact " + change.appId() + " removed)";
		}
		return new OutcomeRow(RecordOutcome.UPDATED, null, detail, change.salesforceId(), appId, conversion.createdAt(),
				conversion.modstamp());
	}

}
