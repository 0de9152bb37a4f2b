package dev.sfsync.catalog;

/**
 * The sizes of an object type's jobs.
 *
 * @param page records per SOQL page read over REST (Salesforce allows 200 to 2,000)
 * @param chunk records per inbound chunk transaction
 * @param backfill records per Bulk API 2.0 result page and chunk during a backfill
 * @param outboundBatch records per sObject Collections call (Salesforce allows at most
 * 200)
 */
public record Sizes(int page, int chunk, int backfill, int outboundBatch) {

	static final Sizes DEFAULTS = new Sizes(2000, 5000, 50000, 200);

}
