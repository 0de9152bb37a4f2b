package dev.sfsync;

import java.time.ZoneOffset;
import java.util.TimeZone;

import dev.sfsync.operations.Cli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * sfsync keeps an application's CRM records in sync with each customer's Salesforce org,
 * one Spring Batch job per object type and direction.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SfsyncApplication {

	public static void main(String[] args) {
		// Spring Batch stamps executions with LocalDateTime.now(): store every time in
		// UTC.
		TimeZone.setDefault(TimeZone.getTimeZone(ZoneOffset.UTC));
		Cli cli = Cli.parse(args);
		switch (cli.command()) {
			case SERVE -> SpringApplication.run(SfsyncApplication.class, cli.springArguments());
			case RUN -> System.exit(cli.run(SfsyncApplication.class, System.out, System.err));
			case HELP -> System.out.print(Cli.usage());
			case INVALID -> {
				System.err.println(cli.error());
				System.err.print(Cli.usage());
				System.exit(2);
			}
		}
	}

}
