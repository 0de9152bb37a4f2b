/**
 * The inbound direction: Salesforce records decided, one by one, by the rules of their
 * object's job definition and their connection's settings, then written to the app
 * tables.
 */
@ApplicationModule(allowedDependencies = { "catalog", "connection", "operations", "outbound", "outcome", "salesforce",
		"soql", "store", "syncstate" })
@NullMarked
package dev.sfsync.inbound;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
