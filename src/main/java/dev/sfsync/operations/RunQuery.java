package dev.sfsync.operations;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Which runs to list; every filter is optional.
 *
 * @param job the job name, such as {@code contact-inbound}
 * @param connection the connection id
 * @param status the Batch status, such as {@code FAILED}
 * @param since runs started at or after this instant
 * @param until runs started before this instant
 * @param limit at most this many runs, newest first
 * @param connections the connections whose runs the caller reaches; {@code null} for
 * every connection (the platform)
 */
public record RunQuery(@Nullable String job, @Nullable String connection, @Nullable String status,
		@Nullable Instant since, @Nullable Instant until, int limit, java.util.@Nullable Set<String> connections) {

	private static final java.util.Set<String> STATUSES = java.util.Arrays
		.stream(org.springframework.batch.core.BatchStatus.values())
		.map(Enum::name)
		.collect(java.util.stream.Collectors.toSet());

	public RunQuery {
		if (status != null && !STATUSES.contains(status)) {
			throw new IllegalArgumentException(
					"status '" + status + "' is not one of " + new java.util.TreeSet<>(STATUSES));
		}
		if (limit < 1 || limit > 1000) {
			throw new IllegalArgumentException("limit must be from 1 to 1000; was " + limit);
		}
	}

}
