package dev.sfsync;

import java.time.ZoneOffset;
import java.util.TimeZone;

import dev.sfsync.catalog.InvalidJobDefinitionException;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.emulator.Emulator;
import dev.sfsync.emulator.EmulatorProperties;
import dev.sfsync.operations.Cli;
import dev.sfsync.operations.RunExitCode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.modulith.Modulithic;

/**
 * sfsync keeps an application's CRM records in sync with each customer's Salesforce org,
 * one Spring Batch job per object type and direction.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
// The emulator is a separate web context on its own port: keep its controllers out of
// sfsync's.
@ComponentScan(excludeFilters = { @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
		@ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
		@ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.sfsync\\.emulator\\..*") })
@ConfigurationPropertiesScan
@Modulithic(systemName = "sfsync")
public class SfsyncApplication {

	public static void main(String[] args) {
		// Spring Batch stamps executions with LocalDateTime.now(): store every time in
		// UTC.
		TimeZone.setDefault(TimeZone.getTimeZone(ZoneOffset.UTC));
		Cli cli = Cli.parse(args);
		switch (cli.command()) {
			case SERVE -> SpringApplication.run(SfsyncApplication.class, cli.springArguments());
			case RUN -> System.exit(cli.run(SfsyncApplication.class, System.out, System.err));
			case EMULATOR -> startEmulator(cli);
			case CONNECTION -> System.exit(cli.connection(SfsyncApplication.class, System.out, System.err));
			case RUNS -> System.exit(cli.runs(SfsyncApplication.class, System.out, System.err));
			case HELP -> System.out.print(Cli.usage());
			case INVALID -> invalid(cli.error());
		}
	}

	/**
	 * The development command that runs the Salesforce emulator on its own, with the
	 * custom objects of the job catalog sfsync would read.
	 */
	private static void startEmulator(Cli cli) {
		EmulatorProperties properties;
		JobCatalog jobs;
		try {
			properties = EmulatorProperties.standalone(cli.arguments());
			jobs = Emulator.jobCatalog(cli.springArguments());
		}
		catch (IllegalArgumentException ex) {
			invalid(ex.getMessage());
			return;
		}
		catch (InvalidJobDefinitionException ex) {
			System.err.println(ex.getMessage());
			System.exit(RunExitCode.CONFIGURATION_ERROR.code());
			return;
		}
		Emulator.start(properties, jobs);
	}

	private static void invalid(@Nullable String error) {
		System.err.println(error);
		System.err.print(Cli.usage());
		System.exit(2);
	}

}
