package dev.sfsync.connection;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code sfsync connection create|update --file}: a file it cannot read is refused with
 * the place of the problem, never with the text found there, which may be a secret.
 */
class ConnectionCommandTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path folder;

	@Test
	void readsAConnectionWithItsCredentials() throws Exception {
		ConnectionRequest request = ConnectionCommand.read(JSON, file("""
				{"id": "acme", "loginUrl": "https://login.salesforce.com", "authFlow": "REFRESH_TOKEN",
				 "clientId": "key", "credentials": {"refreshToken": "5Aep-secret"}}
				"""));
		assertThat(request.authFlow()).isEqualTo(AuthFlow.REFRESH_TOKEN);
		assertThat(request.credentials().refreshToken()).isEqualTo("5Aep-secret");
	}

	@Test
	void anUnquotedSecretIsNotQuotedInTheMessage() throws Exception {
		Path file = file("""
				{"id": "acme", "credentials": {"password": hunter2-unquoted}}
				""");
		assertThatIllegalArgumentException().isThrownBy(() -> ConnectionCommand.read(JSON, file))
			.withMessage("Cannot read the connection in " + file
					+ ": not valid JSON in 'credentials' at line 1, column 44; see the connection example in src/docs/configuration.md")
			.withMessageNotContaining("hunter2");
	}

	@Test
	void aSecretGivenAsTheCredentialsIsNotQuotedInTheMessage() throws Exception {
		Path file = file("""
				{"id": "acme", "credentials": "hunter2-as-credentials"}
				""");
		assertThatIllegalArgumentException().isThrownBy(() -> ConnectionCommand.read(JSON, file))
			.withMessageStartingWith("Cannot read the connection in " + file
					+ ": 'credentials' has a value of the wrong type or shape at line 1")
			.withMessageNotContaining("hunter2");
	}

	private Path file(String json) throws Exception {
		return Files.writeString(this.folder.resolve("connection.json"), json);
	}

}
