/**
 * Connections: one tenant linked to one Salesforce org, with its login, its encrypted
 * credentials and its sync settings.
 */
@NullMarked
package dev.sfsync.connection;

import org.jspecify.annotations.NullMarked;
