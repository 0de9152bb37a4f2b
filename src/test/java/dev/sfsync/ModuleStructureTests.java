package dev.sfsync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * sfsync's module boundaries, checked by Spring Modulith: each top-level package is an
 * application module that uses only the modules its {@code package-info} allows, with no
 * cycle and no reach into another module's internals. The module diagram and canvases in
 * {@code src/docs/modules} are written here, so the build keeps them true.
 */
class ModuleStructureTests {

	private static final String DIAGRAM_START = "<!-- modules:start";

	private static final String DIAGRAM_END = "<!-- modules:end -->";

	/**
	 * Code that makes a Jackson mapper: {@code JsonMapper.builder()},
	 * {@code JsonMapper.shared()}, {@code new ObjectMapper()} and the like.
	 */
	private static final Pattern MAKES_A_MAPPER = Pattern
		.compile("JsonMapper\\s*\\.\\s*(builder|shared)\\s*\\(|new\\s+([\\w.]+\\.)?(Object|Json)Mapper\\b");

	/**
	 * Code that reads the system clock: {@code Instant.now()} and its kind without a
	 * clock, {@code Clock.systemUTC()} and its kind, {@code System.currentTimeMillis()}.
	 */
	private static final Pattern READS_THE_SYSTEM_CLOCK = Pattern
		.compile("\\b(Instant|LocalDateTime|LocalDate|LocalTime"
				+ "|OffsetDateTime|ZonedDateTime)\\s*\\.\\s*now\\s*\\(\\s*(ZoneOffset\\.UTC|ZoneId\\.\\w+\\(\\))?\\s*\\)"
				+ "|Clock\\s*\\.\\s*system\\w*\\s*\\(|System\\s*\\.\\s*currentTimeMillis");

	/** Comment lines: a class's or method's comment, or a line comment. */
	private static final Pattern COMMENT_LINE = Pattern.compile("(?m)^\\s*(//|/?\\*).*$");

	/** Read once for the class: importing sfsync's classes takes seconds. */
	private static final ApplicationModules MODULES = ApplicationModules.of(SfsyncApplication.class);

	@Test
	void everyModuleKeepsToTheModulesItDeclares() {
		MODULES.verify();
	}

	@Test
	void noProductionModuleDependsOnTheEmulatorOrItsSoqlEngine() {
		ApplicationModule emulator = MODULES.getModuleByName("emulator").orElseThrow();
		assertThat(MODULES.stream()
			.filter((module) -> module.getDirectDependencies(MODULES).contains(emulator))
			.map(ApplicationModule::getIdentifier)).isEmpty();
		// The SOQL engine is a module of its own: inbound reads sync rules with it, and
		// it
		// depends on nothing of sfsync's.
		ApplicationModule soql = MODULES.getModuleByName("soql").orElseThrow();
		assertThat(soql.getDirectDependencies(MODULES).isEmpty()).isTrue();
		assertThat(MODULES.getModuleByName("inbound").orElseThrow().getDirectDependencies(MODULES).contains(soql))
			.isTrue();
	}

	@Test
	void writesTheModuleDiagramAndCanvasesIntoTheDocumentation() throws IOException {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("src/docs/modules"))
			.writeDocumentation();
		try (Stream<Path> diagrams = Files.list(Path.of("src/docs/modules"))) {
			for (Path diagram : diagrams.filter((file) -> file.toString().endsWith(".puml")).toList()) {
				Files.write(diagram, relationsSorted(Files.readAllLines(diagram)));
			}
		}
		assertThat(Path.of("src/docs/modules/components.puml")).content().contains("Inbound", "Soql");
		Path architecture = Path.of("src/docs/architecture.md");
		String document = Files.readString(architecture);
		int start = document.indexOf(DIAGRAM_START);
		int end = document.indexOf(DIAGRAM_END);
		assertThat(start).as("the diagram's markers in " + architecture).isNotNegative().isLessThan(end);
		start = document.indexOf('\n', start) + 1;
		Files.writeString(architecture, document.substring(0, start) + mermaid() + document.substring(end));
		assertThat(Files.readString(architecture)).contains("  inbound --> soql");
	}

	@Test
	void sqlOverTheJobRepositoryAndTheOutboxHasOneOwnerEach() throws IOException {
		assertThat(filesWithStatementsOver("BATCH_\\w+")).as("classes with SQL over BATCH_*")
			.allMatch((file) -> file.startsWith("dev/sfsync/syncstate/"))
			.contains("dev/sfsync/syncstate/RunRecords.java");
		assertThat(filesWithStatementsOver("sync_outbox\\b")).as("classes with SQL over sync_outbox")
			.containsOnly("dev/sfsync/outbound/OutboxStore.java", "dev/sfsync/outbound/OutboxTriggers.java");
	}

	/**
	 * JSON is read and written with the one {@code JsonMapper} Spring Boot configures,
	 * given to every class that needs it (issue 20); only the emulator, a stand-in for
	 * Salesforce, makes mappers of its own.
	 */
	@Test
	void onlyTheEmulatorMakesAJsonMapperOfItsOwn() throws IOException {
		assertThat(filesMatching(MAKES_A_MAPPER))
			.as("classes that make a JsonMapper or ObjectMapper instead of taking the application's")
			.allMatch((file) -> file.startsWith("dev/sfsync/emulator/"));
	}

	@Test
	void onlyTheClockBeansReadTheSystemClock() throws IOException {
		assertThat(filesMatching(READS_THE_SYSTEM_CLOCK))
			.as("classes that read the system clock instead of taking the application's Clock")
			.allMatch((file) -> file.startsWith("dev/sfsync/emulator/")
					|| file.equals("dev/sfsync/system/ClockConfiguration.java")
					// Orphan recovery's end times, in the zone Spring Batch writes them
					// in.
					|| file.equals("dev/sfsync/operations/OperationsConfiguration.java"));
	}

	@Test
	void everyMainSourceOver400LinesSaysWhy() throws IOException {
		Path sources = Path.of("src/main/java");
		try (Stream<Path> files = Files.walk(sources)) {
			assertThat(files.filter((file) -> file.toString().endsWith(".java")).filter((file) -> {
				try {
					List<String> lines = Files.readAllLines(file);
					return lines.size() > 400 && lines.stream().noneMatch((line) -> line.contains("Over 400 lines"));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}).map(sources::relativize)).as("main sources over 400 lines without an 'Over 400 lines' comment")
				.isEmpty();
		}
	}

	/**
	 * The diagram's lines with each run of relations in order: the documenter writes them
	 * in hash order, which changes from run to run.
	 */
	private static List<String> relationsSorted(List<String> lines) {
		List<String> sorted = new java.util.ArrayList<>(lines);
		int start = 0;
		while (start < sorted.size()) {
			int end = start;
			while (end < sorted.size() && sorted.get(end).startsWith("Rel(")) {
				end++;
			}
			java.util.Collections.sort(sorted.subList(start, end));
			start = end + 1;
		}
		return sorted;
	}

	/**
	 * The main sources that name a table matching the pattern after FROM, JOIN, INTO or
	 * UPDATE.
	 */
	private static List<String> filesWithStatementsOver(String table) throws IOException {
		return filesMatching(Pattern.compile("\\b(FROM|JOIN|INTO|UPDATE)\\s+" + table));
	}

	/** The main sources in which the pattern is found, relative to the source root. */
	private static List<String> filesMatching(Pattern pattern) throws IOException {
		Path sources = Path.of("src/main/java");
		try (Stream<Path> files = Files.walk(sources)) {
			return files.filter((file) -> file.toString().endsWith(".java")).filter((file) -> {
				try {
					return pattern.matcher(COMMENT_LINE.matcher(Files.readString(file)).replaceAll("")).find();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}).map((file) -> sources.relativize(file).toString().replace('\\', '/')).sorted().toList();
		}
	}

	/** The modules and their direct dependencies, as a Mermaid graph GitHub draws. */
	private String mermaid() {
		StringBuilder graph = new StringBuilder("```mermaid\nflowchart TD\n");
		MODULES.stream()
			.sorted(Comparator.comparing(ApplicationModule::getIdentifier, Comparator.comparing(Object::toString)))
			.forEach((module) -> module.getDirectDependencies(MODULES)
				.uniqueModules()
				.map((dependency) -> dependency.getIdentifier().toString())
				.sorted()
				.forEach((dependency) -> graph.append("  ")
					.append(module.getIdentifier())
					.append(" --> ")
					.append(dependency)
					.append('\n')));
		return graph.append("```\n").toString();
	}

}
