package dev.sfsync.salesforce;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The replication resources: the Ids of records updated in a window, and the records
 * deleted in one (hard deletes included, as long as Salesforce still has them in its
 * delete log).
 */
public final class Replication {

	private static final DateTimeFormatter PARAMETER = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter RESPONSE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");

	private final SalesforceClient client;

	public Replication(SalesforceClient client) {
		this.client = client;
	}

	/** Updated Ids and how far the answer reaches. */
	public record Updated(List<String> ids, Instant latestDateCovered) {
	}

	/** A deleted record. */
	public record Deleted(String id, Instant deletedDate) {
	}

	/**
	 * Deleted records, the earliest date Salesforce still knows, and how far the answer
	 * reaches.
	 */
	public record DeletedRecords(List<Deleted> records, Instant earliestDateAvailable, Instant latestDateCovered) {
	}

	public Updated updated(String objectName, Instant start, Instant end) {
		JsonNode body = this.client.get("updated " + objectName, path(objectName, "updated", start, end));
		List<String> ids = new ArrayList<>();
		body.path("ids").forEach((id) -> ids.add(id.asString()));
		return new Updated(ids, instant(body.path("latestDateCovered")));
	}

	public DeletedRecords deleted(String objectName, Instant start, Instant end) {
		JsonNode body = this.client.get("deleted " + objectName, path(objectName, "deleted", start, end));
		List<Deleted> records = new ArrayList<>();
		body.path("deletedRecords")
			.forEach((record) -> records
				.add(new Deleted(record.path("id").asString(), instant(record.path("deletedDate")))));
		return new DeletedRecords(records, instant(body.path("earliestDateAvailable")),
				instant(body.path("latestDateCovered")));
	}

	private static String path(String objectName, String resource, Instant start, Instant end) {
		return UriComponentsBuilder.fromPath("sobjects/" + objectName + "/" + resource + "/")
			.queryParam("start", PARAMETER.format(start))
			.queryParam("end", PARAMETER.format(end))
			.encode()
			.build()
			.toUriString();
	}

	private static Instant instant(JsonNode value) {
		return Instant.from(RESPONSE.parse(value.asString()));
	}

}
