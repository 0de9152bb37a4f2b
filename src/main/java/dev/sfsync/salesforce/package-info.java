/**
 * The Salesforce client: authentication, query, Bulk API 2.0, sObject Collections,
 * describe, limits and error mapping, plus the Salesforce value types (such as record
 * Ids) that the emulator shares.
 */
@NullMarked
package dev.sfsync.salesforce;

import org.jspecify.annotations.NullMarked;
