/**
 * Who may reach what. The roles ({@code PLATFORM}, tenant {@code ADMIN} and
 * {@code OPERATOR}, {@code METRICS}), each signed-in user's connections, the one
 * authorization component that every endpoint goes through ({@link Authorization}), and
 * the audit of every state-changing call.
 */
@ApplicationModule(allowedDependencies = { "syncstate" })
@NullMarked
package dev.sfsync.tenancy;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
