/**
 * A stateful Salesforce org emulator that speaks Salesforce's wire format, for
 * development, tests and benchmarks. It runs in its own web context on its own port.
 */
@ApplicationModule(allowedDependencies = { "catalog", "connection", "salesforce", "soql", "system" })
@NullMarked
package dev.sfsync.emulator;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
