/**
 * Scheduled inbound runs: one clustered Quartz trigger per connection and object type.
 */
@ApplicationModule(allowedDependencies = { "catalog", "connection", "operations", "syncstate" })
@NullMarked
package dev.sfsync.scheduling;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
