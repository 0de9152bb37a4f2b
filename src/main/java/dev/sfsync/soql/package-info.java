/**
 * The SOQL subset sfsync speaks, as a module of its own: the emulator answers queries
 * with it, {@code inbound} applies a connection's sync rules to each record with it, and
 * {@code connection} checks a rule when it is saved. A hand-written lexer and
 * recursive-descent parser that resolve a query against a
 * {@link dev.sfsync.soql.SoqlSchema}, and an evaluator that filters and orders
 * {@link dev.sfsync.soql.SoqlRecord}s the way Salesforce does. Errors carry Salesforce's
 * codes and message shapes.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.sfsync.soql;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
