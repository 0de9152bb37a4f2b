package dev.sfsync.connection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Secret references stay inside the configured roots: as written when saved, and by their
 * real paths when read.
 */
class SecretRootsTests {

	@TempDir
	Path temp;

	@Test
	void fileReferencesMustBeAbsoluteNormalizedFoldersInsideARoot() {
		SecretRoots roots = SecretRoots.of(List.of("file:/var/run/secrets/sfsync/", "env:SFSYNC_CONNECTION_"));
		assertThat(roots.refusal("file:/var/run/secrets/sfsync/acme")).isEmpty();
		assertThat(roots.refusal("file:/var/run/secrets/sfsync/acme/")).isEmpty();
		assertThat(roots.refusal("file:/var/run/secrets/sfsync")).hasValue("its folder is not inside an allowed root");
		assertThat(roots.refusal("file:/var/run/secrets/sfsync-other/acme"))
			.hasValue("its folder is not inside an allowed root");
		assertThat(roots.refusal("file:/var/run/secrets/kubernetes.io/serviceaccount"))
			.hasValue("its folder is not inside an allowed root");
		assertThat(roots.refusal("file:/var/run/secrets/sfsync/../kubernetes.io"))
			.hasValue("a file: reference is an absolute, normalized folder (no . or .. segments)");
		assertThat(roots.refusal("file:/var/run/secrets/sfsync/./acme")).isPresent();
		assertThat(roots.refusal("file:var/run/secrets/sfsync/acme")).isPresent();
		assertThat(roots.refusal("file:")).isPresent();
		assertThat(roots.refusal("/var/run/secrets/sfsync/acme"))
			.hasValue("it is not a reference; expected env:PREFIX or file:/path/to/secret/dir");
	}

	@Test
	void envReferencesMustBeCapitalPrefixesStartingWithAnAllowedOne() {
		SecretRoots roots = SecretRoots.of(List.of("env:SFSYNC_CONNECTION_"));
		assertThat(roots.refusal("env:SFSYNC_CONNECTION_ACME")).isEmpty();
		assertThat(roots.refusal("env:SPRING_DATASOURCE"))
			.hasValue("its variable prefix does not start with an allowed prefix");
		assertThat(roots.refusal("env:SFSYNC_CONNECTIONS")).isPresent();
		assertThat(roots.refusal("env:sfsync_connection_acme"))
			.hasValue("an env: prefix is capital letters, digits and underscores, starting with a letter");
		assertThat(roots.refusal("env:SFSYNC_CONNECTION_A-B")).isPresent();
		assertThat(roots.refusal("env:")).isPresent();
		assertThat(roots.refusal("file:/var/run/secrets/sfsync/acme"))
			.hasValue("its folder is not inside an allowed root");
	}

	@Test
	void aRootThatIsNeitherAnAbsoluteFolderNorAPrefixStopsStartupNamingTheKey() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SecretRoots.of(List.of("file:/var/run/secrets/sfsync/", "file:relative/")))
			.withMessageStartingWith("sfsync.credentials.allowed-roots[1] 'file:relative/' is not a root");
		assertThatIllegalArgumentException().isThrownBy(() -> SecretRoots.of(List.of("env:lower")));
		assertThatIllegalArgumentException().isThrownBy(() -> SecretRoots.of(List.of("/var/run/secrets")));
		assertThatIllegalArgumentException().isThrownBy(() -> SecretRoots.of(List.of("file:/a/../b")));
	}

	@Test
	void readsSecretsInsideARootButNotThroughALinkThatLeadsOutside() throws Exception {
		Path root = Files.createDirectories(this.temp.resolve("root"));
		Path outside = Files.createDirectories(this.temp.resolve("other-tenant"));
		Files.writeString(outside.resolve("password"), "their-password");
		Path acme = Files.createDirectories(root.resolve("acme"));
		Files.writeString(acme.resolve("password"), "acme-password\n");
		Path linked = Files.createDirectories(root.resolve("linked"));
		Files.createSymbolicLink(linked.resolve("password"), outside.resolve("password"));
		Files.createSymbolicLink(root.resolve("escape"), outside);
		SecretReference secrets = new SecretReference(Map.<String, String>of()::get,
				SecretRoots.of(List.of("file:" + root + "/")));

		assertThat(secrets.read("file:" + acme).password()).isEqualTo("acme-password");
		assertThatIllegalStateException().isThrownBy(() -> secrets.read("file:" + root.resolve("escape")))
			.withMessageContaining("leads outside file:" + root + "/ once its links are resolved")
			.withMessageNotContaining("their-password");
		assertThatIllegalStateException().isThrownBy(() -> secrets.read("file:" + linked))
			.withMessageContaining("leads outside");
		assertThatIllegalStateException().isThrownBy(() -> secrets.read("file:" + outside))
			.withMessageStartingWith("credentialsRef 'file:" + outside + "' is not allowed (its folder is not inside"
					+ " an allowed root)");
	}

	@Test
	void readsEnvironmentVariablesOnlyUnderAnAllowedPrefix() {
		Map<String, String> environment = Map.of("SFSYNC_CONNECTION_ACME_PASSWORD", "acme-password",
				"SPRING_DATASOURCE_PASSWORD", "database-password");
		SecretReference secrets = new SecretReference(environment::get,
				SecretRoots.of(List.of("env:SFSYNC_CONNECTION_")));

		assertThat(secrets.read("env:SFSYNC_CONNECTION_ACME").password()).isEqualTo("acme-password");
		assertThatIllegalStateException().isThrownBy(() -> secrets.read("env:SPRING_DATASOURCE"))
			.withMessageNotContaining("database-password");
	}

}
