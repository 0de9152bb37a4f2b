package dev.sfsync.connection;

/**
 * Published after a connection is created, updated, paused, resumed or deleted, so that
 * what depends on it (its schedules) follows.
 *
 * @param connectionId the connection that changed
 */
public record ConnectionChanged(String connectionId) {
}
