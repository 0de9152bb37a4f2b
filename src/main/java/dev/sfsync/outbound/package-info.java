/**
 * The outbound direction: app changes captured in the outbox by triggers, claimed by a
 * dispatcher that launches {@code {object}-outbound} runs, mapped by the connection's
 * field mapping and written to Salesforce through sObject Collections (Bulk API 2.0 above
 * a threshold), each record's result becoming its outcome.
 */
@ApplicationModule(allowedDependencies = { "catalog", "connection", "operations", "outcome", "salesforce", "store",
		"syncstate", "tenancy" })
@NullMarked
package dev.sfsync.outbound;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
