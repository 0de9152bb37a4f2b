/**
 * Sync state: per connection, object type and direction, what launch decisions, the
 * running-run guard and the health card need from the job repository, kept in one row so
 * they cost a primary-key lookup whatever the history.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.sfsync.syncstate;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
