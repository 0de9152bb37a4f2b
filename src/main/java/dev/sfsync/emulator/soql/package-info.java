/**
 * A SOQL subset for the Salesforce emulator: a hand-written lexer and recursive-descent
 * parser that resolve a query against a {@link dev.sfsync.emulator.soql.SoqlSchema}, and
 * an evaluator that filters and orders {@link dev.sfsync.emulator.soql.SoqlRecord}s the
 * way Salesforce does. Errors carry Salesforce's codes and message shapes.
 */
@NullMarked
package dev.sfsync.emulator.soql;

import org.jspecify.annotations.NullMarked;
