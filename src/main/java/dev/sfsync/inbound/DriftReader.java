package dev.sfsync.inbound;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import dev.sfsync.salesforce.SalesforceClient;
import dev.sfsync.salesforce.SalesforceId;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code reconcile} step's reader: the records {@code find-drift} marked, in Id
 * order, a page of {@value #IDS_PER_CALL} at a time. Those to read (missing from the app,
 * newer or deleted in Salesforce) are read by Id in one {@code queryAll} call per page;
 * those gone from Salesforce become deletes dated when the run was asked for. Each page
 * is decided by the inbound rules with its app state, as an inbound run's page is. Its
 * saved state is the last Id returned, so a restart resumes after the last committed
 * chunk.
 */
final class DriftReader implements ItemStreamReader<InboundItem> {

	private static final int IDS_PER_CALL = RecordsById.IDS_PER_CALL;

	private static final String AFTER = "reconcile.after";

	private final JdbcTemplate jdbc;

	private final RecordsById byId;

	private final long instanceId;

	private final Instant at;

	private final AppStateLoader loader;

	private final Deque<InboundItem> page = new ArrayDeque<>();

	/** The last Id of the pages read from the run's rows. */
	private String loaded = "";

	/** The last Id returned. */
	private String returned = "";

	private boolean exhausted;

	DriftReader(JdbcTemplate jdbc, SalesforceClient client, String objectName, InboundSchema schema, long instanceId,
			Instant at, AppStateLoader loader) {
		this.jdbc = jdbc;
		this.byId = new RecordsById(client, objectName, schema);
		this.instanceId = instanceId;
		this.at = at;
		this.loader = loader;
	}

	@Override
	public void open(ExecutionContext context) {
		this.returned = context.getString(AFTER, "");
		this.loaded = this.returned;
		this.page.clear();
		this.exhausted = false;
	}

	@Override
	public @Nullable InboundItem read() {
		while (this.page.isEmpty() && !this.exhausted) {
			load();
		}
		InboundItem item = this.page.poll();
		if (item != null) {
			this.returned = item.salesforceId();
		}
		return item;
	}

	@Override
	public void update(ExecutionContext context) {
		context.putString(AFTER, this.returned);
	}

	private void load() {
		List<Map<String, Object>> marked = this.jdbc.queryForList(
				"SELECT salesforce_id, action FROM sync_reconcile WHERE job_instance_id = ? AND salesforce_id > ?"
						+ " AND action IS NOT NULL ORDER BY salesforce_id LIMIT " + IDS_PER_CALL,
				this.instanceId, this.loaded);
		if (marked.size() < IDS_PER_CALL) {
			this.exhausted = true;
		}
		if (marked.isEmpty()) {
			return;
		}
		this.loaded = (String) marked.get(marked.size() - 1).get("salesforce_id");
		// Only well-formed Ids go into the query; list-ids kept no other.
		List<String> toRead = marked.stream()
			.filter((row) -> !"PURGED".equals(row.get("action")))
			.map((row) -> (String) row.get("salesforce_id"))
			.filter(SalesforceId::isValid)
			.toList();
		Map<String, JsonNode> read = toRead.isEmpty() ? Map.of() : this.byId.read(toRead);
		List<JsonNode> records = new ArrayList<>(marked.size());
		for (Map<String, Object> row : marked) {
			String id = (String) row.get("salesforce_id");
			if ("PURGED".equals(row.get("action"))) {
				records.add(purged(id));
			}
			else if (read.containsKey(id)) {
				records.add(read.get(id));
			}
			// Else purged since the Bulk job read it: the next reconcile deletes it.
		}
		if (!records.isEmpty()) {
			this.page.addAll(this.loader.enrich(records));
		}
	}

	/** A record gone from Salesforce, as the delete it stands for. */
	private JsonNode purged(String id) {
		ObjectNode record = JsonNodeFactory.instance.objectNode();
		record.put("Id", id);
		record.put("IsDeleted", true);
		record.put("SystemModstamp", this.at.toString());
		return record;
	}

}
