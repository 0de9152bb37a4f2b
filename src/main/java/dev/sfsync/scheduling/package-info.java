/**
 * Scheduled inbound runs: one clustered Quartz trigger per connection and object type.
 */
@NullMarked
package dev.sfsync.scheduling;

import org.jspecify.annotations.NullMarked;
