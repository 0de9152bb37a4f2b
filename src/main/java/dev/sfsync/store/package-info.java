/**
 * The app-side tables the sync jobs write and read: what each object type's table looks
 * like, its column types, and how references between rows are resolved.
 */
@ApplicationModule(allowedDependencies = { "catalog" })
@NullMarked
package dev.sfsync.store;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
