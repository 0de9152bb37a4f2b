package dev.sfsync.emulator;

import java.util.HashMap;
import java.util.Map;

import dev.sfsync.catalog.CatalogProperties;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobCatalogLoader;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * A running Salesforce emulator: its own web context on its own port, on 127.0.0.1.
 * Started by the {@code emulator} command, by the local default and by tests. Its port
 * comes from {@code sfsync.emulator.port} only, never from {@code server.port}; its orgs'
 * custom objects come from sfsync's job catalog.
 */
public final class Emulator implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(Emulator.class);

	/**
	 * The demo org's connected app and integration user, for the local default's demo
	 * connection.
	 */
	public static final String DEMO_CLIENT_ID = DemoSeed.CONSUMER_KEY;

	public static final String DEMO_CLIENT_SECRET = DemoSeed.CONSUMER_SECRET;

	public static final String DEMO_USERNAME = DemoSeed.USERNAME;

	public static final String DEMO_PASSWORD = DemoSeed.PASSWORD;

	/** The demo org's name, as the admin API lists it. */
	public static final String DEMO_ORG_NAME = DemoSeed.ORG_NAME;

	private static final String CATALOG_LOCATION_OPTION = "--sfsync.catalog.location=";

	private final ConfigurableApplicationContext context;

	private Emulator(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts an emulator whose orgs have the custom objects of the job catalog sfsync
	 * reads when told nothing else ({@link #jobCatalog}).
	 */
	public static Emulator start(EmulatorProperties properties) {
		return start(properties, jobCatalog());
	}

	/** Starts an emulator whose orgs have the custom objects of this job catalog. */
	public static Emulator start(EmulatorProperties properties, JobCatalog jobs) {
		Map<String, Object> settings = new HashMap<>();
		// Not application.yaml: the emulator shares none of sfsync's configuration.
		settings.put("spring.config.name", "sfsync-emulator");
		settings.put("server.port", properties.port());
		settings.put("server.address", "127.0.0.1");
		settings.put("spring.web.resources.add-mappings", false);
		settings.put("spring.jmx.enabled", false);
		// Ahead of the system properties and environment variables: SERVER_PORT or
		// -Dserver.port set for sfsync's web server must not move the emulator.
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("emulator", settings));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(EmulatorConfiguration.class)
			.environment(environment)
			.web(WebApplicationType.SERVLET)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(true)
			.initializers((initializing) -> {
				initializing.getBeanFactory().registerSingleton("emulatorProperties", properties);
				initializing.getBeanFactory().registerSingleton("jobCatalog", jobs);
			})
			.run();
		Emulator emulator = new Emulator(context);
		String seeded = context.getBean(DemoSeed.class).apply(properties, emulator.baseUrl());
		logger.info("Salesforce emulator is up at " + emulator.baseUrl() + " (admin API: " + emulator.baseUrl()
				+ "/emulator/orgs). " + seeded);
		return emulator;
	}

	/**
	 * The job catalog sfsync reads with these options: from
	 * {@code sfsync.catalog.location}, given as {@code --sfsync.catalog.location=…}, as a
	 * system property or in the environment ({@code SFSYNC_CATALOG_LOCATION}), by default
	 * the catalog in the jar.
	 * @param options the {@code emulator} command's options of sfsync's properties
	 * @return the catalog
	 * @throws IllegalArgumentException for an option that is not the catalog's location
	 * @throws dev.sfsync.catalog.InvalidJobDefinitionException for a catalog that cannot
	 * be used
	 */
	public static JobCatalog jobCatalog(String... options) {
		for (String option : options) {
			if (!option.startsWith(CATALOG_LOCATION_OPTION)) {
				throw new IllegalArgumentException("Unknown emulator option '" + option
						+ "': of sfsync's properties, the emulator reads only " + CATALOG_LOCATION_OPTION + "….");
			}
		}
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(options));
		CatalogProperties catalog = Binder.get(environment)
			.bindOrCreate("sfsync.catalog", Bindable.of(CatalogProperties.class));
		return new JobCatalogLoader().load(catalog.location());
	}

	public int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	/**
	 * The emulator's login and instance URL, for example {@code http://localhost:8089}.
	 */
	public String baseUrl() {
		return "http://localhost:" + port();
	}

	/** One of the emulator's own beans, for benchmarks that seed it directly. */
	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
