/**
 * Sync activity: the runs, record outcomes and health that admins and operators see, over
 * the API and on the console page, and the retention job that bounds their history.
 */
@ApplicationModule(allowedDependencies = { "catalog", "connection", "inbound", "operations", "outbound", "outcome",
		"salesforce", "store", "syncstate", "tenancy" })
@NullMarked
package dev.sfsync.activity;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
