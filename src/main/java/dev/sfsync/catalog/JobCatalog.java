package dev.sfsync.catalog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The object types sfsync syncs, as validated from {@code jobs/}. */
public final class JobCatalog {

	private final List<JobDefinition> definitions;

	/** Each object type's parents: the object types its first sync waits for. */
	private final Map<String, List<String>> parents;

	JobCatalog(List<JobDefinition> definitions) {
		this.definitions = List.copyOf(definitions);
		this.parents = parents(this.definitions);
	}

	/**
	 * The object types whose first sync (backfill) should complete before this one's: the
	 * objects its inbound references name ({@code AccountId} names Account, {@code WhoId}
	 * Contact and Lead) and those its rules look up ({@link SyncRule#needs}), when the
	 * catalog syncs them. A reference that would close a cycle is left out, so every
	 * first sync can start.
	 */
	public List<String> parents(String objectType) {
		return this.parents.getOrDefault(objectType, List.of());
	}

	/** The object types whose first sync waits for this one's. */
	public List<String> children(String objectType) {
		return this.definitions.stream()
			.map(JobDefinition::name)
			.filter((name) -> parents(name).contains(objectType))
			.toList();
	}

	private static Map<String, List<String>> parents(List<JobDefinition> definitions) {
		Map<String, List<String>> byObject = new HashMap<>();
		for (JobDefinition definition : definitions) {
			byObject.computeIfAbsent(definition.salesforceObject(), (key) -> new ArrayList<>()).add(definition.name());
		}
		Map<String, List<String>> parents = new LinkedHashMap<>();
		for (JobDefinition definition : definitions) {
			Set<String> objects = new LinkedHashSet<>();
			for (FieldMapping field : definition.fields()) {
				String name = field.salesforceField();
				if (!field.direction().inbound()) {
					continue;
				}
				// A declared reference names its objects (WhoId: Contact and Lead); any
				// other <Object>Id names <Object>.
				List<String> declared = definition.app()
					.references()
					.stream()
					.filter((reference) -> reference.field().equals(name))
					.flatMap((reference) -> reference.to().stream())
					.toList();
				if (!declared.isEmpty()) {
					objects.addAll(declared);
				}
				else if (name.endsWith("Id") && name.length() > 2) {
					objects.add(name.substring(0, name.length() - 2));
				}
			}
			definition.rules().forEach((rule) -> objects.addAll(rule.needs()));
			List<String> own = new ArrayList<>();
			for (String object : objects) {
				for (String parent : byObject.getOrDefault(object, List.of())) {
					if (!parent.equals(definition.name()) && !reaches(parents, parent, definition.name())) {
						own.add(parent);
					}
				}
			}
			parents.put(definition.name(), List.copyOf(own));
		}
		return parents;
	}

	/** Whether {@code from} already waits, directly or not, for {@code to}. */
	private static boolean reaches(Map<String, List<String>> parents, String from, String to) {
		Deque<String> next = new ArrayDeque<>(List.of(from));
		Set<String> seen = new HashSet<>();
		while (!next.isEmpty()) {
			String object = next.pop();
			if (object.equals(to)) {
				return true;
			}
			if (seen.add(object)) {
				next.addAll(parents.getOrDefault(object, List.of()));
			}
		}
		return false;
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
