package dev.sfsync.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.sfsync.k8s.Manifests.Container;
import dev.sfsync.k8s.Manifests.Manifest;
import tools.jackson.databind.JsonNode;

/**
 * Checks that the manifests configure sfsync alike: one image, one ConfigMap and one
 * Secret with every setting in one of them, and every variable a command line uses.
 */
final class ConfigurationChecks {

	static final String CONFIG_MAP = "sfsync-config";

	static final String SECRET = "sfsync-secrets";

	/** What every sfsync process needs to start in production. */
	static final List<String> REQUIRED_SETTINGS = List.of("SPRING_PROFILES_ACTIVE", "SPRING_DATASOURCE_URL",
			"SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "SFSYNC_CREDENTIALS_KEY");

	private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|_KEY|PRIVATE).*");

	private static final Pattern VARIABLE_REFERENCE = Pattern.compile("(?<!\\$)\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

	private ConfigurationChecks() {
	}

	/** Every container runs the same sfsync image. */
	static List<String> oneImage(Manifests manifests) {
		Map<String, List<String>> byImage = new TreeMap<>();
		manifests.containers()
			.forEach((container) -> byImage.computeIfAbsent(container.image(), (image) -> new ArrayList<>())
				.add(container.toString()));
		if (byImage.size() <= 1) {
			return List.of();
		}
		String images = byImage.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + " in "
					+ ((entry.getValue().size() > 2) ? entry.getValue().size() + " containers"
							: String.join(", ", entry.getValue())))
			.collect(Collectors.joining("; "));
		return List
			.of("The containers run " + byImage.size() + " images; all must run the same sfsync image: " + images);
	}

	/**
	 * k8s/ defines one ConfigMap and one Secret, and every reference names them and their
	 * keys.
	 */
	static List<String> configurationReferences(Manifests manifests) {
		List<String> problems = new ArrayList<>();
		List<String> configMaps = manifests.ofKind("ConfigMap").stream().map(Manifest::name).toList();
		List<String> secrets = manifests.ofKind("Secret").stream().map(Manifest::name).toList();
		if (!configMaps.equals(List.of(CONFIG_MAP))) {
			problems.add("k8s/ must define exactly one ConfigMap, " + CONFIG_MAP + "; it defines " + configMaps);
		}
		if (!secrets.equals(List.of(SECRET))) {
			problems.add("k8s/ must define exactly one Secret, " + SECRET + "; it defines " + secrets);
		}
		for (Container container : manifests.containers()) {
			for (JsonNode source : container.node().path("envFrom").values()) {
				reference(problems, manifests, container, "ConfigMap", source.path("configMapRef"), false);
				reference(problems, manifests, container, "Secret", source.path("secretRef"), false);
			}
			for (JsonNode variable : container.node().path("env").values()) {
				reference(problems, manifests, container, "ConfigMap", variable.at("/valueFrom/configMapKeyRef"), true);
				reference(problems, manifests, container, "Secret", variable.at("/valueFrom/secretKeyRef"), true);
			}
		}
		return problems;
	}

	private static void reference(List<String> problems, Manifests manifests, Container container, String kind,
			JsonNode reference, boolean withKey) {
		if (reference.isMissingNode()) {
			return;
		}
		String name = reference.path("name").asString("");
		String expected = kind.equals("ConfigMap") ? CONFIG_MAP : SECRET;
		if (!name.equals(expected) || manifests.find(kind, name).isEmpty()) {
			problems.add(container + " refers to " + kind + " '" + name + "'; the " + kind + " of k8s/ is " + expected);
		}
		else if (withKey && !manifests.keysOf(kind, name).contains(reference.path("key").asString(""))) {
			problems.add(container + " refers to key '" + reference.path("key").asString("") + "' of " + kind + " "
					+ name + ", which does not define it");
		}
	}

	/**
	 * Every container gets what sfsync needs to start, secrets from the Secret only, and
	 * no setting is in both the ConfigMap and the Secret (which one wins would depend on
	 * the order of envFrom).
	 */
	static List<String> settings(Manifests manifests) {
		List<String> problems = new ArrayList<>();
		for (Container container : manifests.containers()) {
			Environment environment = Environment.of(container, manifests);
			for (String setting : REQUIRED_SETTINGS) {
				if (!environment.defines(setting)) {
					problems.add(container + " does not get " + setting);
				}
			}
			environment.variables().forEach((name, source) -> {
				if (SECRET_NAME.matcher(name).matches() && !source.startsWith("Secret ")) {
					problems.add(container + " gets the secret " + name + " from " + source + "; secrets come from "
							+ SECRET);
				}
			});
		}
		Set<String> both = new TreeSet<>(manifests.keysOf("ConfigMap", CONFIG_MAP));
		both.retainAll(manifests.keysOf("Secret", SECRET));
		if (!both.isEmpty()) {
			problems.add(both + " are defined in both " + CONFIG_MAP + " and " + SECRET + "; keep each in one place");
		}
		manifests.find("ConfigMap", CONFIG_MAP).ifPresent((configMap) -> {
			String url = configMap.document().at("/data/SPRING_DATASOURCE_URL").asString("");
			if (!url.startsWith("jdbc:mysql://")) {
				problems.add(configMap + " has SPRING_DATASOURCE_URL '" + url + "'; expected a jdbc:mysql:// URL");
			}
		});
		return problems;
	}

	/**
	 * ConfigMap and Secret values and env values are strings: the API server refuses a
	 * bare {@code true} or {@code 30}.
	 */
	static List<String> stringValues(Manifests manifests) {
		List<String> problems = new ArrayList<>();
		for (Manifest manifest : manifests.all()) {
			for (String field : List.of("data", "stringData")) {
				manifest.document().path(field).properties().forEach((entry) -> {
					if (!entry.getValue().isString()) {
						problems.add(manifest + " " + field + "." + entry.getKey() + " is "
								+ entry.getValue().getNodeType().toString().toLowerCase() + "; quote it");
					}
				});
			}
		}
		for (Container container : manifests.containers()) {
			for (JsonNode variable : container.node().path("env").values()) {
				if (variable.has("value") && !variable.path("value").isString()) {
					problems
						.add(container + " env " + variable.path("name").asString("") + " is not a string; quote it");
				}
			}
		}
		return problems;
	}

	/**
	 * Every {@code $(VAR)} in a command line is a variable the container gets; Kubernetes
	 * passes an unknown one on literally.
	 */
	static List<String> commandLineVariables(Manifests manifests) {
		List<String> problems = new ArrayList<>();
		for (Container container : manifests.containers()) {
			Environment environment = Environment.of(container, manifests);
			for (String arg : container.commandLine()) {
				Matcher matcher = VARIABLE_REFERENCE.matcher(arg);
				while (matcher.find()) {
					if (!environment.defines(matcher.group(1))) {
						problems.add(container + " uses $(" + matcher.group(1) + ") in '" + arg
								+ "', but does not define it");
					}
				}
			}
		}
		return problems;
	}

}
