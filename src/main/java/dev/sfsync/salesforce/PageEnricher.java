package dev.sfsync.salesforce;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Turns one page of Salesforce records into the reader's items, adding the app-side state
 * of those Ids with one query per page. Supplied by the inbound jobs; it must return one
 * item per record, in the same order.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface PageEnricher<T> {

	List<T> enrich(List<JsonNode> page);

}
