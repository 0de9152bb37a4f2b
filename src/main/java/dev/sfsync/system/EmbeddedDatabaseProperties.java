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
 * @param database the database (schema) name: letters, digits and underscores
 */
@ConfigurationProperties("sfsync.embedded-database")
public record EmbeddedDatabaseProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue(".sfsync/mariadb") Path folder, @DefaultValue("3307") int port,
		@DefaultValue("sfsync") String database) {

	public EmbeddedDatabaseProperties {
		if (!database.matches("[A-Za-z0-9_]{1,64}")) {
			throw new IllegalArgumentException("sfsync.embedded-database.database must be 1 to 64 letters, digits or"
					+ " underscores; was '" + database + "'");
		}
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("sfsync.embedded-database.port must be from 0 to 65535; was " + port);
		}
	}

}
