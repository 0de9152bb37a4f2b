package dev.sfsync.k8s;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.sfsync.k8s.Manifests.Container;
import tools.jackson.databind.JsonNode;

/**
 * The environment variables a container gets, each with where it comes from: the
 * container's own {@code env}, or a ConfigMap or Secret of {@code k8s/} through
 * {@code envFrom} or a key reference.
 *
 * @param variables variable name to its source, for example
 * {@code ConfigMap sfsync-config}
 */
record Environment(Map<String, String> variables) {

	static final String VALUE = "a value";

	static Environment of(Container container, Manifests manifests) {
		Map<String, String> variables = new LinkedHashMap<>();
		for (JsonNode source : container.node().path("envFrom").values()) {
			String prefix = source.path("prefix").asString("");
			reference(source.path("configMapRef"), source.path("secretRef"))
				.ifPresent((reference) -> manifests.keysOf(reference.kind(), reference.name())
					.forEach((key) -> variables.put(prefix + key, reference.kind() + " " + reference.name())));
		}
		for (JsonNode variable : container.node().path("env").values()) {
			JsonNode from = variable.path("valueFrom");
			String source = reference(from.path("configMapKeyRef"), from.path("secretKeyRef"))
				.map((reference) -> reference.kind() + " " + reference.name())
				.orElse(from.isMissingNode() ? VALUE : "the pod");
			variables.put(variable.path("name").asString(""), source);
		}
		return new Environment(variables);
	}

	private static Optional<Reference> reference(JsonNode configMap, JsonNode secret) {
		if (!configMap.isMissingNode()) {
			return Optional.of(new Reference("ConfigMap", configMap.path("name").asString("")));
		}
		if (!secret.isMissingNode()) {
			return Optional.of(new Reference("Secret", secret.path("name").asString("")));
		}
		return Optional.empty();
	}

	boolean defines(String name) {
		return this.variables.containsKey(name);
	}

	String sourceOf(String name) {
		return this.variables.getOrDefault(name, "nowhere");
	}

	private record Reference(String kind, String name) {
	}

}
