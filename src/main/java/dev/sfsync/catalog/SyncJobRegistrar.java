package dev.sfsync.catalog;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.configuration.DuplicateJobException;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.Job;

/**
 * Registers one Spring Batch job per object type and direction of the catalog, so that
 * {@code contact-inbound}, {@code contact-backfill} and {@code contact-outbound} can be
 * launched by name from the CLI, the scheduler and the operator API.
 */
public final class SyncJobRegistrar {

	private static final Log logger = LogFactory.getLog(SyncJobRegistrar.class);

	private final JobCatalog catalog;

	private final Map<Direction, SyncJobFactory> factories;

	private final JobRegistry registry;

	public SyncJobRegistrar(JobCatalog catalog, List<SyncJobFactory> factories, JobRegistry registry) {
		this.catalog = catalog;
		this.factories = factories.stream().collect(Collectors.toMap(SyncJobFactory::direction, Function.identity()));
		this.registry = registry;
	}

	/** Registers the jobs and returns their names. */
	public List<String> registerAll() {
		List<String> names = this.catalog.definitions()
			.stream()
			.flatMap((definition) -> definition.directions()
				.stream()
				.filter(this.factories::containsKey)
				.map((direction) -> register(definition, direction)))
			.toList();
		logger.info("Registered " + names.size() + " sync jobs for " + this.catalog.definitions().size()
				+ " object types; directions built: " + this.factories.keySet());
		return names;
	}

	private String register(JobDefinition definition, Direction direction) {
		Job job = this.factories.get(direction).create(definition);
		String expected = definition.jobName(direction);
		if (!job.getName().equals(expected)) {
			throw new IllegalStateException("The " + direction.suffix() + " job factory built '" + job.getName()
					+ "' for " + definition.source() + "; expected '" + expected + "'");
		}
		try {
			this.registry.register(job);
		}
		catch (DuplicateJobException ex) {
			throw new IllegalStateException("Job '" + expected + "' from " + definition.source()
					+ " is already registered; job names must be unique", ex);
		}
		return expected;
	}

}
