package dev.sfsync.inbound;

import java.util.List;

import dev.sfsync.catalog.JobDefinition;

/**
 * A mapped field is gone from Salesforce (deleted or renamed, or hidden from the
 * integration user): the run fails rather than store partial records.
 */
final class SchemaDriftException extends RuntimeException {

	SchemaDriftException(JobDefinition definition, List<String> missing) {
		super("Salesforce no longer has the mapped field" + ((missing.size() > 1) ? "s " : " ")
				+ String.join(", ",
						missing.stream().map((field) -> definition.salesforceObject() + "." + field).toList())
				+ ". Restore the field in Salesforce, give the integration user access to it, or remove it from "
				+ definition.source() + " (or the connection's field mapping); then restart the run.");
	}

}
