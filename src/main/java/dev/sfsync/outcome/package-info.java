/**
 * The record outcome catalog and the whole-run failure causes users see.
 */
@ApplicationModule(allowedDependencies = { "catalog", "store" })
@NullMarked
package dev.sfsync.outcome;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
