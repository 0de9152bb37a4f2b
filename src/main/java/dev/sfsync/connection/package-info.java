/**
 * Connections: one tenant linked to one Salesforce org, with its login, its encrypted
 * credentials and its sync settings.
 */
@ApplicationModule(allowedDependencies = { "catalog", "outcome", "salesforce", "soql", "syncstate", "tenancy" })
@NullMarked
package dev.sfsync.connection;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
