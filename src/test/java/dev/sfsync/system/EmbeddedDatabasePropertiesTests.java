package dev.sfsync.system;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The embedded database's settings: its name reaches SQL, so it is a plain identifier.
 */
class EmbeddedDatabasePropertiesTests {

	@Test
	void aPlainNameAndAPortAreKept() {
		assertThat(new EmbeddedDatabaseProperties(true, Path.of(".sfsync/mariadb"), 3307, "sfsync_local").database())
			.isEqualTo("sfsync_local");
	}

	@Test
	void aNameThatIsNotAPlainIdentifierIsRefusedWithTheSettingsName() {
		for (String name : new String[] { "", "sfsync`; DROP DATABASE mysql; --", "a-b", "x".repeat(65) }) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new EmbeddedDatabaseProperties(true, Path.of("db"), 3307, name))
				.withMessageContaining("sfsync.embedded-database.database");
		}
	}

	@Test
	void aPortOutsideTheRangeIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EmbeddedDatabaseProperties(true, Path.of("db"), 70000, "sfsync"))
			.withMessageContaining("sfsync.embedded-database.port");
	}

}
