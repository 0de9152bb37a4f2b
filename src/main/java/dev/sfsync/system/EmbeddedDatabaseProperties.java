package dev.sfsync.system;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded database of the local default.
 *
 * @param enabled whether sfsync runs its own database instead of using
 * {@code spring.datasource.url}
 * @param folder where the database keeps its binaries and data between restarts
 * @param port the port it listens on, on 127.0.0.1 only
 * @param database the database (schema) name
 */
@ConfigurationProperties("sfsync.embedded-database")
public record EmbeddedDatabaseProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue(".sfsync/mariadb") Path folder, @DefaultValue("3307") int port,
		@DefaultValue("sfsync") String database) {
}
