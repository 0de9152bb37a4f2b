/**
 * The inbound direction: Salesforce records decided, one by one, by the rules of their
 * object's job definition and their connection's settings, then written to the app
 * tables.
 */
@NullMarked
package dev.sfsync.inbound;

import org.jspecify.annotations.NullMarked;
