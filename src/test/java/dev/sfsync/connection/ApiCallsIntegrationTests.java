package dev.sfsync.connection;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import dev.sfsync.salesforce.ApiUsage;
import dev.sfsync.system.IntegrationTestSupport;
import dev.sfsync.system.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API call counts of the Rate limits view on the real database: counted in memory,
 * added to {@code sync_api_calls} a flush at a time in statements of at most 1,000 rows,
 * summed across flushes, and the usage kept on the connection's row.
 */
class ApiCallsIntegrationTests extends IntegrationTestSupport {

	private static final Instant NOW = Instant.parse("2026-12-06T10:15:00Z");

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JdbcClient client;

	@BeforeEach
	void empty() {
		TestDatabase.get().reset();
	}

	@Test
	void callsAreCountedPerHourObjectTypeAndKindAndAddedUpAcrossFlushes() {
		ApiCalls calls = new ApiCalls(this.client, Clock.fixed(NOW, ZoneOffset.UTC));
		this.jdbc.update("INSERT INTO connections (id, name) VALUES ('acme', 'Acme')");
		calls.called("acme", "contact", "query");
		calls.called("acme", "contact", "query");
		calls.called("acme", null, "limits");
		calls.reported("acme", new ApiUsage(1200, 100000));
		calls.flush();
		calls.called("acme", "contact", "query");
		// Another replica's many object types and kinds: more than one statement's rows.
		for (int i = 0; i < 2_500; i++) {
			calls.called("globex", "object-" + i, "bulk");
		}
		calls.flush();
		calls.flush();

		assertThat(this.jdbc.queryForList("SELECT CONCAT(object_type, ' ', kind, ' ', calls) FROM sync_api_calls"
				+ " WHERE connection_id = 'acme' ORDER BY object_type", String.class))
			.containsExactly(" limits 1", "contact query 3");
		assertThat(this.jdbc.queryForObject("SELECT SUM(calls) FROM sync_api_calls WHERE connection_id = 'globex'",
				Long.class))
			.isEqualTo(2_500);
		assertThat(this.jdbc.queryForList("SELECT DISTINCT hour FROM sync_api_calls", LocalDateTime.class))
			.containsExactly(LocalDateTime.parse("2026-12-06T10:00:00"));
		assertThat(calls.usages(List.of("acme", "globex"))).containsOnlyKeys("acme");
		assertThat(calls.usages(List.of("acme")).get("acme").used()).isEqualTo(1200);
		assertThat(calls.since(List.of("acme"), NOW.minusSeconds(3600))).hasSize(2);
	}

}
