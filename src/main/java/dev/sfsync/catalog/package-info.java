/**
 * The job catalog: the object types sfsync syncs, read from {@code jobs/*.yaml}, and the
 * Spring Batch jobs registered for each of them and each direction.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.sfsync.catalog;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
