package dev.sfsync.catalog;

import org.springframework.batch.core.job.Job;

/**
 * Builds the Spring Batch job of one direction for an object type. The inbound, backfill
 * and outbound features each provide one; {@link SyncJobRegistrar} calls it for every
 * definition in the catalog.
 */
public interface SyncJobFactory {

	Direction direction();

	/** The job named {@code definition.jobName(direction())}. */
	Job create(JobDefinition definition);

}
