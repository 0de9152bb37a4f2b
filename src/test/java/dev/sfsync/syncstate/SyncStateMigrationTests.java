package dev.sfsync.syncstate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The V16 migration (and V13 before it) fills {@code sync_state} from the history already
 * in the job repository with the documented rebuild statement itself, so an upgrade and a
 * rebuild give the same rows.
 */
class SyncStateMigrationTests {

	@Test
	void theMigrationFillsTheStateWithTheDocumentedRebuildStatement() throws IOException {
		String migration = new ClassPathResource("db/migration/V16__sync_poll.sql")
			.getContentAsString(StandardCharsets.UTF_8);
		String rebuild = SyncStates.rebuildStatement();
		String statement = rebuild.substring(rebuild.indexOf("INSERT INTO sync_state")).strip();

		assertThat(statement).contains("FROM BATCH_JOB_EXECUTION e").contains("ON DUPLICATE KEY UPDATE");
		assertThat(migration).contains(statement);
	}

}
