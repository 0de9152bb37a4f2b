package dev.sfsync.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Kubernetes manifests of {@code k8s/} parsed with Jackson YAML, one document per
 * object with its file, its pods and containers; templates are read filled in from
 * {@link #TEMPLATE_EXAMPLE}, and {@code kustomization.yaml}, not an object, is kept
 * apart.
 */
final class Manifests {

	static final Path DIRECTORY = Path.of("k8s");

	static final String KUSTOMIZATION = "kustomization.yaml";

	/** Values for the placeholders of the templates, as an operator would give them. */
	static final Map<String, String> TEMPLATE_EXAMPLE = Map.of("JOB", "invoice__c-inbound", "CONNECTION", "acme",
			"FROM", "2026-11-01T00:00:00Z", "TO", "2026-11-01T00:05:00Z");

	static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

	private static final YAMLMapper mapper = YAMLMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private final List<Manifest> manifests;

	private final JsonNode kustomization;

	private final List<String> files;

	private Manifests(List<Manifest> manifests, JsonNode kustomization, List<String> files) {
		this.manifests = manifests;
		this.kustomization = kustomization;
		this.files = files;
	}

	static Manifests load() {
		List<String> files;
		try (Stream<Path> paths = Files.list(DIRECTORY)) {
			files = paths.map((path) -> path.getFileName().toString())
				.filter((name) -> name.endsWith(".yaml") || name.endsWith(".yml"))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<Manifest> manifests = new ArrayList<>();
		JsonNode kustomization = MissingNode.getInstance();
		for (String file : files) {
			List<JsonNode> documents = read(file);
			if (file.equals(KUSTOMIZATION)) {
				kustomization = documents.get(0);
				continue;
			}
			for (JsonNode document : documents) {
				if (!(document instanceof ObjectNode object)) {
					throw new IllegalStateException(
							"k8s/" + file + " holds a document that is not a mapping: " + document);
				}
				manifests.add(new Manifest(file, object));
			}
		}
		return new Manifests(List.copyOf(manifests), kustomization, files);
	}

	private static List<JsonNode> read(String file) {
		try {
			String text = Files.readString(DIRECTORY.resolve(file));
			if (file.endsWith(".template.yaml")) {
				text = fill(text, TEMPLATE_EXAMPLE);
			}
			return mapper.readerFor(JsonNode.class)
				.<JsonNode>readValues(text)
				.readAll()
				.stream()
				.filter((document) -> document != null && !document.isMissingNode() && !document.isNull())
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A template's text with each {@code ${NAME}} replaced by its value. */
	static String fill(String template, Map<String, String> values) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder filled = new StringBuilder();
		while (matcher.find()) {
			String value = values.get(matcher.group(1));
			matcher.appendReplacement(filled, Matcher.quoteReplacement((value != null) ? value : matcher.group()));
		}
		matcher.appendTail(filled);
		return filled.toString();
	}

	/** A copy whose documents can be changed without changing these. */
	Manifests copy() {
		return new Manifests(this.manifests.stream()
			.map((manifest) -> new Manifest(manifest.file(), manifest.document().deepCopy()))
			.toList(), this.kustomization.deepCopy(), this.files);
	}

	/** The same manifests without the documents of one file, as if it were deleted. */
	Manifests without(String file) {
		return new Manifests(this.manifests.stream().filter((manifest) -> !manifest.file().equals(file)).toList(),
				this.kustomization, this.files.stream().filter((name) -> !name.equals(file)).toList());
	}

	List<Manifest> all() {
		return this.manifests;
	}

	List<Manifest> ofKind(String kind) {
		return this.manifests.stream().filter((manifest) -> manifest.kind().equals(kind)).toList();
	}

	Optional<Manifest> find(String kind, String name) {
		return ofKind(kind).stream().filter((manifest) -> manifest.name().equals(name)).findFirst();
	}

	/** The document of an object that must exist, to look at or to change in a copy. */
	ObjectNode document(String kind, String name) {
		return find(kind, name).orElseThrow(() -> new IllegalArgumentException("No " + kind + " " + name + " in k8s/"))
			.document();
	}

	JsonNode kustomization() {
		return this.kustomization;
	}

	/** The names of the YAML files in {@code k8s/}. */
	List<String> files() {
		return this.files;
	}

	/** The pods that the Deployments, CronJobs and Jobs run. */
	List<Pod> pods() {
		List<Pod> pods = new ArrayList<>();
		for (Manifest manifest : this.manifests) {
			JsonNode jobSpec = switch (manifest.kind()) {
				case "CronJob" -> manifest.document().at("/spec/jobTemplate/spec");
				case "Job" -> manifest.document().path("spec");
				default -> MissingNode.getInstance();
			};
			JsonNode template = switch (manifest.kind()) {
				case "Deployment" -> manifest.document().at("/spec/template");
				case "CronJob", "Job" -> jobSpec.path("template");
				default -> null;
			};
			if (template != null) {
				pods.add(new Pod(manifest, jobSpec, template.at("/metadata/labels"), template.path("spec")));
			}
		}
		return pods;
	}

	List<Container> containers() {
		return pods().stream().flatMap((pod) -> pod.containers().stream()).toList();
	}

	/** A ConfigMap's or Secret's keys, or empty when k8s/ defines no such object. */
	List<String> keysOf(String kind, String name) {
		return find(kind, name).map((manifest) -> {
			List<String> keys = new ArrayList<>(manifest.document().path("data").propertyNames());
			keys.addAll(manifest.document().path("stringData").propertyNames());
			return keys;
		}).orElse(List.of());
	}

	/** One Kubernetes object and the file it came from. */
	record Manifest(String file, ObjectNode document) {

		String kind() {
			return this.document.path("kind").asString("");
		}

		String name() {
			JsonNode metadata = this.document.path("metadata");
			return metadata.path("name").asString(metadata.path("generateName").asString(""));
		}

		@Override
		public String toString() {
			return kind() + " " + (name().isEmpty() ? "(unnamed)" : name()) + " (k8s/" + this.file + ")";
		}

	}

	/**
	 * A pod template: who owns it, the Job spec around it (missing for a Deployment), its
	 * labels and its spec.
	 */
	record Pod(Manifest owner, JsonNode jobSpec, JsonNode labels, JsonNode spec) {

		boolean isJob() {
			return !this.jobSpec.isMissingNode();
		}

		List<Container> containers() {
			List<Container> containers = new ArrayList<>();
			for (String field : List.of("initContainers", "containers")) {
				this.spec.path(field).values().forEach((container) -> containers.add(new Container(this, container)));
			}
			return containers;
		}

		@Override
		public String toString() {
			return "the pods of " + this.owner;
		}

	}

	/** A container of a pod template. */
	record Container(Pod pod, JsonNode node) {

		String name() {
			return this.node.path("name").asString("");
		}

		String image() {
			return this.node.path("image").asString("");
		}

		List<String> args() {
			return this.node.path("args").values().stream().map((arg) -> arg.asString("")).toList();
		}

		/** The command and arguments, where Kubernetes expands {@code $(VAR)}. */
		List<String> commandLine() {
			List<String> line = new ArrayList<>();
			this.node.path("command").values().forEach((arg) -> line.add(arg.asString("")));
			line.addAll(args());
			return line;
		}

		@Override
		public String toString() {
			return "container " + name() + " of " + this.pod.owner();
		}

	}

}
