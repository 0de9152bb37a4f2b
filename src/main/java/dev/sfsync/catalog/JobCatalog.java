package dev.sfsync.catalog;

import java.util.List;
import java.util.Optional;

/** The object types sfsync syncs, as validated from {@code jobs/}. */
public final class JobCatalog {

	private final List<JobDefinition> definitions;

	JobCatalog(List<JobDefinition> definitions) {
		this.definitions = List.copyOf(definitions);
	}

	public List<JobDefinition> definitions() {
		return this.definitions;
	}

	/**
	 * The definition of an object type by its kebab-case name, for example
	 * {@code contact}.
	 */
	public Optional<JobDefinition> find(String name) {
		return this.definitions.stream().filter((definition) -> definition.name().equals(name)).findFirst();
	}

	/** The definition whose job has this name, for example {@code contact-inbound}. */
	public Optional<JobDefinition> findByJobName(String jobName) {
		return this.definitions.stream()
			.filter((definition) -> definition.directions()
				.stream()
				.anyMatch((direction) -> definition.jobName(direction).equals(jobName)))
			.findFirst();
	}

}
