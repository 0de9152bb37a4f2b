package dev.sfsync.inbound;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.sfsync.outcome.OutcomeLog;
import dev.sfsync.outcome.OutcomeRow;
import dev.sfsync.outcome.RecordOutcome;
import dev.sfsync.salesforce.PageEnricher;
import dev.sfsync.store.SyncWrites;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The {@code pull-conversions} step's enricher and writer: a converted Lead's app contact
 * is re-linked to the Contact it became, or merged into that Contact's own app contact
 * when the Contact arrived first, so one person stays one contact.
 */
final class LeadConversions implements PageEnricher<LeadConversion>, ItemWriter<LeadConversion> {

	private final NamedParameterJdbcTemplate jdbc;

	private final OutcomeLog outcomes;

	private final String connectionId;

	private final String objectType;

	LeadConversions(NamedParameterJdbcTemplate jdbc, OutcomeLog outcomes, String connectionId, String objectType) {
		this.jdbc = jdbc;
		this.outcomes = outcomes;
		this.connectionId = connectionId;
		this.objectType = objectType;
	}

	@Override
	public List<LeadConversion> enrich(List<JsonNode> page) {
		List<String> leads = page.stream().map((record) -> record.path("Id").asString()).toList();
		List<String> contacts = page.stream()
			.map((record) -> record.path("ConvertedContactId").asString(""))
			.filter((id) -> !id.isEmpty())
			.toList();
		Map<String, long[]> leadRows = new HashMap<>();
		Map<String, String> leadLinks = new HashMap<>();
		this.jdbc.query("SELECT id, salesforce_lead_id, salesforce_contact_id FROM contacts WHERE connection_id = :c"
				+ " AND salesforce_lead_id IN (:ids)", Map.of("c", this.connectionId, "ids", leads), (rs) -> {
					leadRows.put(rs.getString(2), new long[] { rs.getLong(1) });
					if (rs.getString(3) != null) {
						leadLinks.put(rs.getString(2), rs.getString(3));
					}
				});
		Map<String, Long> contactRows = new HashMap<>();
		if (!contacts.isEmpty()) {
			this.jdbc.query(
					"SELECT id, salesforce_contact_id FROM contacts WHERE connection_id = :c"
							+ " AND salesforce_contact_id IN (:ids)",
					Map.of("c", this.connectionId, "ids", contacts), (rs) -> {
						contactRows.put(rs.getString(2), rs.getLong(1));
					});
		}
		List<LeadConversion> conversions = new ArrayList<>(page.size());
		for (JsonNode record : page) {
			String lead = record.path("Id").asString();
			String contact = record.path("ConvertedContactId").asString("");
			long[] leadRow = leadRows.get(lead);
			conversions
				.add(new LeadConversion(lead, contact.isEmpty() ? null : contact, (leadRow != null) ? leadRow[0] : null,
						contactRows.get(contact), Objects.equals(leadLinks.get(lead), contact),
						InboundItem.instant(record, "CreatedDate"), InboundItem.instant(record, "SystemModstamp")));
		}
		return conversions;
	}

	@Override
	public void write(Chunk<? extends LeadConversion> chunk) {
		// Re-linking follows Salesforce; it must not go back there through the outbox.
		List<OutcomeRow> rows = SyncWrites.uncaptured(this.jdbc.getJdbcTemplate(), () -> relink(chunk));
		this.outcomes.append(this.connectionId, this.objectType, rows);
		this.outcomes.count(0, rows.size(), 0);
	}

	private List<OutcomeRow> relink(Chunk<? extends LeadConversion> chunk) {
		List<OutcomeRow> rows = new ArrayList<>();
		for (LeadConversion conversion : chunk) {
			Map<String, Object> ids = new HashMap<>();
			ids.put("lead", conversion.leadId());
			ids.put("contact", conversion.contactId());
			ids.put("leadRow", conversion.leadRowId());
			ids.put("contactRow", conversion.contactRowId());
			Long appId;
			String detail;
			if (conversion.contactRowId() == null) {
				this.jdbc.update("UPDATE contacts SET salesforce_contact_id = :contact, converted = TRUE,"
						+ " converted_contact_id = :contact WHERE id = :leadRow", ids);
				appId = conversion.leadRowId();
				detail = "Lead " + conversion.leadId() + " was converted: re-linked to Contact "
						+ conversion.contactId();
			}
			else {
				this.jdbc.update("UPDATE contacts SET salesforce_lead_id = NULL, deleted = TRUE,"
						+ " deleted_at = CURRENT_TIMESTAMP(6) WHERE id = :leadRow", ids);
				this.jdbc.update("UPDATE contacts SET salesforce_lead_id = :lead WHERE id = :contactRow", ids);
				appId = conversion.contactRowId();
				detail = "Lead " + conversion.leadId() + " was converted: merged into the contact of Contact "
						+ conversion.contactId() + " (app contact " + conversion.leadRowId() + " removed)";
			}
			rows.add(new OutcomeRow(RecordOutcome.UPDATED, null, detail, conversion.leadId(), appId,
					conversion.createdAt(), conversion.modstamp()));
		}
		return rows;
	}

}
