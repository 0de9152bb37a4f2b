/**
 * The service around the modules: security and sign-in, the embedded database of the
 * local default, web limits and the startup report.
 */
@ApplicationModule(allowedDependencies = { "catalog", "tenancy" })
@NullMarked
package dev.sfsync.system;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
