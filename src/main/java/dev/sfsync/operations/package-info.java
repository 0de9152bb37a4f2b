/**
 * Operating runs: launching, restarting and stopping them, run claims and owners, the
 * command line, and what a run's failure means.
 */
@ApplicationModule(allowedDependencies = { "catalog", "connection", "outcome", "syncstate", "tenancy" })
@NullMarked
package dev.sfsync.operations;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
