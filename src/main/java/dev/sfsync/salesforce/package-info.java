/**
 * The Salesforce client: authentication, query, Bulk API 2.0, sObject Collections,
 * describe, limits and error mapping, plus the Salesforce value types (such as record
 * Ids) that the emulator shares.
 */
@ApplicationModule(allowedDependencies = { "outcome" })
@NullMarked
package dev.sfsync.salesforce;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
