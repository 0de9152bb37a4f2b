package dev.sfsync.activity;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.sfsync.outcome.OutcomeLog;
import dev.sfsync.outcome.OutcomeReason;
import dev.sfsync.outcome.OutcomeRow;
import dev.sfsync.outcome.RecordOutcome;
import dev.sfsync.outcome.RunFailureCause;
import dev.sfsync.system.IntegrationTestSupport;
import dev.sfsync.system.PlantedRuns;
import dev.sfsync.system.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The sync activity API on the real database, over runs planted in the job repository for
 * two tenants: every filter, both sorts, paging, a run's steps and records, the errors
 * export, recent sync health, and tenant isolation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class ActivityApiIntegrationTests extends IntegrationTestSupport {

	@Autowired
	MockMvc mvc;

	@Autowired
	JobRepository repository;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JsonMapper json;

	private LocalDateTime now;

	private long backfill;

	private long createdAppId;

	private long authFailure;

	private long accounts;

	private long outbound;

	private long stopped;

	private long old;

	private long globex;

	@BeforeEach
	void plantTwoTenantsRuns() {
		TestDatabase.get().reset();
		PlantedRuns planted = new PlantedRuns(this.repository, this.jdbc);
		this.now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
		this.old = planted.completed("contact-inbound", "acme", "2026-11-01T07", this.now.minusDays(10),
				this.now.minusDays(10).plusSeconds(20));
		planted.step(this.old, "pull-updates", BatchStatus.COMPLETED, 1, 1, 0, 0, 0, 0);
		this.backfill = planted.completed("contact-backfill", "acme", "2026-11-01T08", this.now.minusDays(4),
				this.now.minusDays(4).plusSeconds(90));
		planted.step(this.backfill, "sync-schema", BatchStatus.COMPLETED, 0, 0, 0, 0, 0, 0);
		long pullUpdates = planted.step(this.backfill, "pull-updates", BatchStatus.COMPLETED, 12, 8, 1, 0, 2, 1);
		// What a completed step reports for people, as a reconcile's outbox report is.
		this.jdbc.update("UPDATE BATCH_STEP_EXECUTION SET EXIT_MESSAGE = 'App changes of contact older than 60"
				+ " minutes in the outbox: 1 still pending' WHERE STEP_EXECUTION_ID = ?", pullUpdates);
		// The inbound writer leaves a created record's app id out of its outcome row: the
		// records view finds the app row by Salesforce Id, in the run's connection only.
		this.jdbc.update("INSERT INTO contacts (connection_id, salesforce_contact_id, email) VALUES"
				+ " ('globex', '003000000000000AA1', 'other@example.com')");
		this.jdbc.update("INSERT INTO contacts (connection_id, salesforce_contact_id, email) VALUES"
				+ " ('acme', '003000000000000AA1', 'ada@example.com')");
		this.createdAppId = this.jdbc.queryForObject(
				"SELECT id FROM contacts WHERE connection_id = 'acme' AND salesforce_contact_id = '003000000000000AA1'",
				Long.class);
		for (int i = 1; i <= 9; i++) {
			planted.outcome(this.backfill, pullUpdates, "acme", "contact", (i == 9) ? "UPDATED" : "CREATED", null, null,
					"003000000000000AA" + i, (i == 1) ? null : (long) i, this.now.minusDays(4));
		}
		planted.outcome(this.backfill, pullUpdates, "acme", "contact", "SKIPPED", "MISSING_EMAIL_ADDRESS", null,
				"003000000000000B01", null, this.now.minusDays(4));
		planted.outcome(this.backfill, pullUpdates, "acme", "contact", "SKIPPED", "INVALID_EMAIL_ADDRESS",
				"=HYPERLINK(\"http://evil.example\",\"click\")", "003000000000000B02", null, this.now.minusDays(4));
		planted.outcome(this.backfill, pullUpdates, "acme", "contact", "FAILED", "MALFORMED_DATA",
				"@SUM(1+1) Email: not a string", "003000000000000B03", null, this.now.minusDays(4));
		this.authFailure = planted.run("contact-inbound", "acme", "2026-11-01T09", BatchStatus.FAILED,
				PlantedRuns.failure(RunFailureCause.AUTHENTICATION_FAILURE), this.now.minusHours(3),
				this.now.minusHours(3).plusSeconds(2));
		planted.step(this.authFailure, "sync-schema", BatchStatus.FAILED, 0, 0, 0, 0, 0, 0);
		this.stopped = planted.run("lead-inbound", "acme", "2026-11-01T10", BatchStatus.STOPPED, ExitStatus.STOPPED,
				this.now.minusHours(2), this.now.minusMinutes(5));
		planted.step(this.stopped, "pull-updates", BatchStatus.STOPPED, 4, 4, 0, 0, 0, 0);
		this.accounts = planted.completed("account-inbound", "acme", "2026-11-01T11", this.now.minusHours(1),
				this.now.minusMinutes(50));
		planted.step(this.accounts, "pull-updates", BatchStatus.COMPLETED, 3, 1, 2, 0, 0, 0);
		planted.step(this.accounts, "pull-deletes", BatchStatus.COMPLETED, 1, 0, 0, 1, 0, 0);
		this.outbound = planted.run("contact-outbound", "acme", "2026-11-01T12", BatchStatus.STARTED,
				ExitStatus.EXECUTING, this.now.minusMinutes(10), null);
		this.globex = planted.completed("contact-inbound", "globex", "2026-11-01T08", this.now.minusMinutes(30),
				this.now.minusMinutes(29));
		long globexStep = planted.step(this.globex, "pull-updates", BatchStatus.COMPLETED, 1, 0, 0, 0, 1, 0);
		planted.outcome(this.globex, globexStep, "globex", "contact", "SKIPPED", "MISSING_EMAIL_ADDRESS", null,
				"003000000000000G01", null, this.now.minusMinutes(30));
	}

	@Test
	void theRunsListShowsTheLastFiveDaysNewestFirstWithDescriptionStatusAndCounts() throws Exception {
		this.mvc.perform(get("/api/activity/runs").with(admin("acme")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(5))
			.andExpect(jsonPath("$.items[*].id")
				.value(contains(ids(this.outbound, this.accounts, this.stopped, this.authFailure, this.backfill))))
			.andExpect(jsonPath("$.items[0].description").value("Pushed contact updates to Salesforce"))
			.andExpect(jsonPath("$.items[0].status").value("In progress"))
			.andExpect(jsonPath("$.items[0].endedAt").value(nullValue()))
			.andExpect(jsonPath("$.items[1].description").value("Synced accounts from Salesforce"))
			.andExpect(jsonPath("$.items[1].status").value("Completed"))
			.andExpect(jsonPath("$.items[1].durationSeconds").value(600.0))
			.andExpect(jsonPath("$.items[1].counts.created").value(1))
			.andExpect(jsonPath("$.items[1].counts.updated").value(2))
			.andExpect(jsonPath("$.items[1].counts.deleted").value(1))
			.andExpect(jsonPath("$.items[1].window.from").value("2026-11-01T11:00:00Z"))
			.andExpect(jsonPath("$.items[1].window.to").value("2026-11-01T11:05:00Z"))
			.andExpect(jsonPath("$.items[2].status").value("Incomplete"))
			.andExpect(jsonPath("$.items[3].status").value("Failed"))
			.andExpect(jsonPath("$.items[3].failure.message").value("Authentication failure"))
			.andExpect(jsonPath("$.items[3].failure.whatToDo").value("Reconnect Salesforce from the Overview tab."))
			.andExpect(jsonPath("$.items[4].description").value("Backfilled contacts from Salesforce"))
			.andExpect(jsonPath("$.items[4].counts.skipped").value(2))
			.andExpect(jsonPath("$.items[4].counts.failed").value(1))
			.andExpect(
					jsonPath("$.items[4].startedAt").value(this.now.minusDays(4).toInstant(ZoneOffset.UTC).toString()));
	}

	@Test
	void theInboundTabIncludesBackfillsAndTheOutboundTabOnlyOutboundRuns() throws Exception {
		this.mvc.perform(get("/api/activity/runs").param("direction", "inbound").with(admin("acme")))
			.andExpect(jsonPath("$.items[*].id")
				.value(contains(ids(this.accounts, this.stopped, this.authFailure, this.backfill))));
		this.mvc.perform(get("/api/activity/runs").param("direction", "outbound").with(admin("acme")))
			.andExpect(jsonPath("$.items[*].id").value(contains(ids(this.outbound))));
	}

	@Test
	void theDateRangeTakesInstantsOrDaysAndDefaultsToTheLastFiveDays() throws Exception {
		this.mvc
			.perform(
					get("/api/activity/runs").param("from", this.now.minusDays(11).toInstant(ZoneOffset.UTC).toString())
						.param("to", this.now.minusDays(3).toInstant(ZoneOffset.UTC).toString())
						.with(admin("acme")))
			.andExpect(jsonPath("$.items[*].id").value(contains(ids(this.backfill, this.old))));
		String day = this.now.minusDays(10).toLocalDate().toString();
		this.mvc.perform(get("/api/activity/runs").param("from", day).param("to", day).with(admin("acme")))
			.andExpect(jsonPath("$.items[*].id").value(contains(ids(this.old))));
	}

	@Test
	void runsFilterByObjectTypeOperationAndStatus() throws Exception {
		this.mvc.perform(get("/api/activity/runs").param("objectType", "contact").with(admin("acme")))
			.andExpect(jsonPath("$.items[*].id").value(contains(ids(this.outbound, this.authFailure, this.backfill))));
		this.mvc.perform(get("/api/activity/runs").param("operation", "pull-deletes").with(admin("acme")))
			.andExpect(jsonPath("$.items[*].id").value(contains(ids(this.accounts))));
		this.mvc.perform(get("/api/activity/runs").param("status", "Failed").with(admin("acme")))
			.andExpect(jsonPath("$.items[*].id").value(contains(ids(this.authFailure))));
		this.mvc.perform(get("/api/activity/runs").param("status", "in-progress").with(admin("acme")))
			.andExpect(jsonPath("$.items[*].id").value(contains(ids(this.outbound))));
		this.mvc.perform(get("/api/activity/runs").param("status", "Incomplete").with(admin("acme")))
			.andExpect(jsonPath("$.items[*].id").value(contains(ids(this.stopped))));
		this.mvc.perform(get("/api/activity/runs").param("status", "Completed").with(admin("acme")))
			.andExpect(jsonPath("$.items[*].id").value(contains(ids(this.accounts, this.backfill))));
		this.mvc
			.perform(get("/api/activity/runs").param("objectType", "contact")
				.param("operation", "pull-updates")
				.param("direction", "inbound")
				.with(admin("acme")))
			.andExpect(jsonPath("$.items[*].id").value(contains(ids(this.backfill))));
	}

	@Test
	void hasProblemsKeepsTheFailedRunsAndTheRunsWithSkippedOrFailedRecordsOfTheTenantOnly() throws Exception {
		this.mvc.perform(get("/api/activity/runs").param("problems", "true").with(admin("acme")))
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.items[*].id").value(contains(ids(this.authFailure, this.backfill))));
		this.mvc.perform(get("/api/activity/runs").param("problems", "false").with(admin("acme")))
			.andExpect(jsonPath("$.total").value(5));
		this.mvc.perform(get("/api/activity/runs").param("problems", "true").with(admin("globex")))
			.andExpect(jsonPath("$.items[*].id").value(contains(ids(this.globex))));
		this.mvc
			.perform(get("/api/activity/runs").param("problems", "true")
				.param("direction", "inbound")
				.param("status", "Completed")
				.with(admin("acme")))
			.andExpect(jsonPath("$.items[*].id").value(contains(ids(this.backfill))));
	}

	@Test
	void aRunListsItsObjectAndOperationsInTheOrderTheyRan() throws Exception {
		this.mvc.perform(get("/api/activity/runs").param("objectType", "account").with(admin("acme")))
			.andExpect(jsonPath("$.items[0].objectLabel").value("Account"))
			.andExpect(jsonPath("$.items[0].operations").value(contains("Pull updates", "Pull deletes")))
			.andExpect(jsonPath("$.items[0].endedAt")
				.value(this.now.minusMinutes(50).toInstant(ZoneOffset.UTC).toString()));
	}

	@Test
	void sortingByEndedPutsRunsStillGoingFirstThenTheLatestToEnd() throws Exception {
		this.mvc.perform(get("/api/activity/runs").param("sort", "ended").with(admin("acme")))
			.andExpect(jsonPath("$.items[*].id")
				.value(contains(ids(this.outbound, this.stopped, this.accounts, this.authFailure, this.backfill))));
	}

	@Test
	void runsArePagedWithTheTotal() throws Exception {
		this.mvc.perform(get("/api/activity/runs").param("page", "1").param("size", "2").with(admin("acme")))
			.andExpect(jsonPath("$.total").value(5))
			.andExpect(jsonPath("$.page").value(1))
			.andExpect(jsonPath("$.size").value(2))
			.andExpect(jsonPath("$.items[*].id").value(contains(ids(this.stopped, this.authFailure))));
	}

	@Test
	void aRunShowsItsStepsWithTheirCounts() throws Exception {
		this.mvc.perform(get("/api/activity/runs/{id}", this.backfill).with(admin("acme")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.run.id").value(this.backfill))
			.andExpect(jsonPath("$.run.objectLabel").value("Contact"))
			.andExpect(jsonPath("$.run.failure").value(nullValue()))
			.andExpect(jsonPath("$.steps[*].operation").value(contains("Sync schema", "Pull updates")))
			.andExpect(jsonPath("$.steps[1].counts.created").value(8))
			.andExpect(jsonPath("$.steps[1].counts.updated").value(1))
			.andExpect(jsonPath("$.steps[1].counts.skipped").value(2))
			.andExpect(jsonPath("$.steps[1].counts.failed").value(1))
			.andExpect(jsonPath("$.steps[1].status").value("Completed"))
			.andExpect(jsonPath("$.steps[0].note").value(nullValue()))
			.andExpect(jsonPath("$.steps[1].note")
				.value("App changes of contact older than 60 minutes in the outbox: 1 still pending"));
		// A failed step's message is the run's failure, not a note.
		this.mvc.perform(get("/api/activity/runs/{id}", this.authFailure).with(admin("acme")))
			.andExpect(jsonPath("$.steps[0].note").value(nullValue()));
	}

	@Test
	void aRunsRecordsShowTheirMessageExplanationIdsAndExternalTimesFilteredByOutcome() throws Exception {
		// The org acme last signed in to.
		this.jdbc.update("INSERT INTO connections (id, name, instance_url) VALUES ('acme', 'Acme',"
				+ " 'https://acme.my.salesforce.com')");
		this.mvc.perform(get("/api/activity/runs/{id}/records", this.backfill).with(admin("acme")))
			.andExpect(jsonPath("$.total").value(12))
			.andExpect(jsonPath("$.items", hasSize(12)))
			.andExpect(jsonPath("$.items[0].status").value("Success"))
			.andExpect(jsonPath("$.items[0].message").value("Created"))
			.andExpect(jsonPath("$.items[0].appId").value(this.createdAppId))
			.andExpect(jsonPath("$.items[0].label").value("ada@example.com"))
			.andExpect(jsonPath("$.items[0].salesforceUrl").value("https://acme.my.salesforce.com/003000000000000AA1"))
			.andExpect(jsonPath("$.items[1].appId").value(2));
		this.mvc
			.perform(get("/api/activity/runs/{id}/records", this.backfill).param("outcome", "skipped")
				.with(admin("acme")))
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.items[0].status").value("Skipped"))
			.andExpect(jsonPath("$.items[0].message").value("Missing email address"))
			.andExpect(jsonPath("$.items[0].explanation")
				.value("The Lead or Contact has no email address. Contacts in the app must have an email address."))
			.andExpect(jsonPath("$.items[0].salesforceId").value("003000000000000B01"))
			.andExpect(jsonPath("$.items[0].appId").value(nullValue()))
			.andExpect(jsonPath("$.items[0].operation").value("Pull updates"))
			.andExpect(jsonPath("$.items[0].externalCreatedAt")
				.value(this.now.minusDays(34).toInstant(ZoneOffset.UTC).toString()))
			.andExpect(jsonPath("$.items[0].externalUpdatedAt")
				.value(this.now.minusDays(4).minusMinutes(5).toInstant(ZoneOffset.UTC).toString()));
		this.mvc
			.perform(get("/api/activity/runs/{id}/records", this.backfill).param("outcome", "failed")
				.with(admin("acme")))
			.andExpect(jsonPath("$.items[*].message").value(contains("Malformed data")))
			.andExpect(jsonPath("$.items[0].detail").value("@SUM(1+1) Email: not a string"))
			.andExpect(jsonPath("$.items[0].field").value(nullValue()));
		this.mvc
			.perform(get("/api/activity/runs/{id}/records", this.backfill).param("outcome", "success")
				.param("size", "5")
				.param("page", "1")
				.with(admin("acme")))
			.andExpect(jsonPath("$.total").value(9))
			.andExpect(jsonPath("$.items[*].message").value(contains("Created", "Created", "Created", "Updated")));
	}

	@Test
	void aRecordShowsItsLabelItsLinkAndTheFieldSalesforceNamedButNothingOfAnotherTenantsRows() throws Exception {
		this.jdbc.update("INSERT INTO connections (id, name, instance_url) VALUES ('acme', 'Acme',"
				+ " 'https://acme.my.salesforce.com/')");
		this.jdbc.update("UPDATE contacts SET first_name = 'Ada', last_name = 'Lovelace' WHERE id = ?",
				this.createdAppId);
		long globexRow = this.jdbc.queryForObject("SELECT id FROM contacts WHERE connection_id = 'globex'", Long.class);
		PlantedRuns planted = new PlantedRuns(this.repository, this.jdbc);
		long run = planted.completed("contact-outbound", "acme", "2026-11-02T09", this.now.minusHours(4),
				this.now.minusHours(4).plusSeconds(3));
		long step = planted.step(run, "push-updates", BatchStatus.COMPLETED, 2, 0, 0, 0, 0, 2);
		planted.outcome(run, step, "acme", "contact", "FAILED", "FIELD_LENGTH_EXCEEDED",
				"STRING_TOO_LONG: Email: data value too large: (max length=80) [Email]", "003000000000000AA1",
				this.createdAppId, this.now.minusHours(4));
		// An outcome naming another tenant's app row shows nothing of it.
		planted.outcome(run, step, "acme", "contact", "FAILED", "FIELD_LENGTH_EXCEEDED", "STRING_TOO_LONG [Phone]",
				"javascript:alert()", globexRow, this.now.minusHours(4));
		this.mvc.perform(get("/api/activity/runs/{id}/records", run).with(admin("acme")))
			.andExpect(jsonPath("$.items[0].label").value("Ada Lovelace (ada@example.com)"))
			.andExpect(jsonPath("$.items[0].message").value("Field length exceeded"))
			.andExpect(jsonPath("$.items[0].field").value("Email"))
			.andExpect(jsonPath("$.items[0].detail")
				.value("STRING_TOO_LONG: Email: data value too large: (max length=80) [Email]"))
			.andExpect(jsonPath("$.items[0].salesforceUrl").value("https://acme.my.salesforce.com/003000000000000AA1"))
			.andExpect(jsonPath("$.items[1].label").value(nullValue()))
			.andExpect(jsonPath("$.items[1].field").value("Phone"))
			.andExpect(jsonPath("$.items[1].salesforceUrl").value(nullValue()));
		// A skipped inbound record has no app row: its label is the one its payload gave.
		this.jdbc.update("UPDATE sync_record_outcome_log SET label = 'Grace Hopper' WHERE salesforce_id = ?",
				"003000000000000B01");
		this.mvc
			.perform(get("/api/activity/runs/{id}/records", this.backfill).param("outcome", "skipped")
				.with(admin("acme")))
			.andExpect(jsonPath("$.items[0].label").value("Grace Hopper"))
			.andExpect(jsonPath("$.items[1].label").value(nullValue()));
	}

	@Test
	void aRecordSkippedForAMissingParentShowsItsWaitAndTheRunThatSyncedIt() throws Exception {
		PlantedRuns planted = new PlantedRuns(this.repository, this.jdbc);
		long run = planted.completed("contact-inbound", "acme", "2026-11-03T08", this.now.minusHours(4),
				this.now.minusHours(4).plusSeconds(5));
		long step = planted.step(run, "pull-updates", BatchStatus.COMPLETED, 3, 0, 0, 0, 3, 0);
		for (String id : List.of("003000000000000W01", "003000000000000W02", "003000000000000W03")) {
			planted.outcome(run, step, "acme", "contact", "SKIPPED", "NO_ACCOUNT_ASSOCIATION", null, id, null,
					this.now.minusHours(4));
		}
		// One waits, one was synced by the accounts' run once its account arrived, one
		// waited in vain; globex's row of the same Id is not acme's.
		unwritten("acme", "003000000000000W01", "WAITING", null);
		unwritten("acme", "003000000000000W02", "RESOLVED", this.accounts);
		unwritten("acme", "003000000000000W03", "EXPIRED", null);
		unwritten("globex", "003000000000000W03", "RESOLVED", this.globex);

		this.mvc.perform(get("/api/activity/runs/{id}/records", run).with(admin("acme")))
			.andExpect(jsonPath("$.items[*].status").value(contains("Waiting", "Skipped", "Skipped")))
			.andExpect(jsonPath("$.items[*].message")
				.value(contains("No account association", "No account association", "No account association")))
			.andExpect(jsonPath("$.items[0].waitsFor").value("its account"))
			.andExpect(jsonPath("$.items[0].syncedIn").value(nullValue()))
			.andExpect(jsonPath("$.items[1].waitsFor").value(nullValue()))
			.andExpect(jsonPath("$.items[1].syncedIn").value(this.accounts))
			.andExpect(jsonPath("$.items[2].waitsFor").value(nullValue()))
			.andExpect(jsonPath("$.items[2].syncedIn").value(nullValue()));
		this.mvc.perform(get("/api/activity/runs/{id}/records", run).with(admin("globex")))
			.andExpect(status().isNotFound());
	}

	private void unwritten(String connection, String salesforceId, String state, Long resolvedBy) {
		this.jdbc.update("INSERT INTO sync_unwritten (connection_id, object_type, salesforce_id, reason, modstamp,"
				+ " state, first_execution_id, last_execution_id, resolved_execution_id, updated_at) VALUES"
				+ " (?, 'contact', ?, 'NO_ACCOUNT_ASSOCIATION', UTC_TIMESTAMP(6), ?, 1, 1, ?, UTC_TIMESTAMP(6))",
				connection, salesforceId, state, resolvedBy);
	}

	@Test
	void anOutboundRunThatFailedLinksToTheLaterRunThatContinuedItsChanges() throws Exception {
		// A dead outbound run, and the later run whose range starts inside its own (its
		// unsent changes stayed pending)
		long failed = outboundRun(9_100, 9_300, BatchStatus.FAILED, this.now.minusHours(2));
		long continued = outboundRun(9_250, 9_500, BatchStatus.COMPLETED, this.now.minusHours(1));
		this.mvc.perform(get("/api/activity/runs/{id}", failed).with(admin("acme")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.run.completedBy").value(continued))
			.andExpect(jsonPath("$.run.continued").value(true));
		this.mvc.perform(get("/api/activity/runs/{id}", continued).with(admin("acme")))
			.andExpect(jsonPath("$.run.completedBy").doesNotExist());
	}

	private long outboundRun(long from, long to, BatchStatus status, LocalDateTime start) {
		JobParameters parameters = new org.springframework.batch.core.job.parameters.JobParametersBuilder()
			.addString("connection", "acme")
			.addLong("outboxFrom", from)
			.addLong("outboxTo", to)
			.toJobParameters();
		JobExecution execution = this.repository.createJobExecution(
				this.repository.createJobInstance("account-outbound", parameters), parameters,
				new org.springframework.batch.infrastructure.item.ExecutionContext());
		execution.setStartTime(start);
		execution.setEndTime(start.plusSeconds(5));
		execution.setStatus(status);
		execution.setExitStatus((status == BatchStatus.COMPLETED) ? ExitStatus.COMPLETED
				: PlantedRuns.failure(RunFailureCause.PROCESS_DIED));
		this.repository.update(execution);
		return execution.getId();
	}

	@Test
	void aRunsRecordsPageAcrossBlocksOfSuccessesAndRowsOfTheirOwnInOrder() throws Exception {
		PlantedRuns planted = new PlantedRuns(this.repository, this.jdbc);
		long run = planted.completed("contact-backfill", "acme", "2026-11-02T08", this.now.minusHours(5),
				this.now.minusHours(5).plusSeconds(30));
		long step = planted.step(run, "pull-updates", BatchStatus.COMPLETED, 403, 250, 150, 0, 3, 0);
		List<OutcomeRow> rows = new ArrayList<>();
		for (int i = 1; i <= 250; i++) {
			rows.add(
					new OutcomeRow(RecordOutcome.CREATED, null, null, String.format("003C%014d", i), null, null, null));
		}
		for (int i = 1; i <= 3; i++) {
			rows.add(OutcomeRow.skipped(OutcomeReason.MISSING_EMAIL_ADDRESS, String.format("003S%014d", i), null, null,
					null, "Skipped Person " + i));
		}
		for (int i = 1; i <= 150; i++) {
			rows.add(new OutcomeRow(RecordOutcome.UPDATED, null, null, String.format("003U%014d", i), (long) i, null,
					null));
		}
		StepSynchronizationManager.register(new StepExecution(step, "pull-updates",
				new JobExecution(run, new JobInstance(1L, "contact-backfill"), new JobParameters())));
		try {
			new OutcomeLog(this.jdbc, Clock.systemUTC(), this.json).append("acme", "contact", rows);
		}
		finally {
			StepSynchronizationManager.close();
		}
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sync_record_outcome_log WHERE job_execution_id = ?",
				Integer.class, run))
			.as("two blocks and three rows")
			.isEqualTo(5);

		this.mvc.perform(get("/api/activity/runs/{id}/records", run).param("size", "100").with(admin("acme")))
			.andExpect(jsonPath("$.total").value(403))
			.andExpect(jsonPath("$.items", hasSize(100)))
			.andExpect(jsonPath("$.items[0].salesforceId").value("003C00000000000001"))
			.andExpect(jsonPath("$.items[99].salesforceId").value("003C00000000000100"));
		List<String> third = new ArrayList<>();
		for (int i = 201; i <= 250; i++) {
			third.add(String.format("003C%014d", i));
		}
		for (int i = 1; i <= 3; i++) {
			third.add(String.format("003S%014d", i));
		}
		for (int i = 1; i <= 47; i++) {
			third.add(String.format("003U%014d", i));
		}
		this.mvc.perform(
				get("/api/activity/runs/{id}/records", run).param("size", "100").param("page", "2").with(admin("acme")))
			.andExpect(jsonPath("$.items[*].salesforceId").value(contains(third.toArray())))
			.andExpect(jsonPath("$.items[50].message").value("Missing email address"))
			.andExpect(jsonPath("$.items[53].appId").value(1));
		this.mvc
			.perform(get("/api/activity/runs/{id}/records", run).param("outcome", "updated")
				.param("size", "100")
				.param("page", "1")
				.with(admin("acme")))
			.andExpect(jsonPath("$.total").value(150))
			.andExpect(jsonPath("$.items", hasSize(50)))
			.andExpect(jsonPath("$.items[0].salesforceId").value("003U00000000000101"))
			.andExpect(jsonPath("$.items[49].position").value(150));
		this.mvc.perform(
				get("/api/activity/runs/{id}/records", run).param("size", "100").param("page", "5").with(admin("acme")))
			.andExpect(jsonPath("$.total").value(403))
			.andExpect(jsonPath("$.items", hasSize(0)));
	}

	@Test
	void theErrorsExportStreamsEverySkippedAndFailedRecordOfTheFilteredRunsSafeFromFormulas() throws Exception {
		MvcResult export = this.mvc.perform(get("/api/activity/errors.csv").with(platform())).andReturn();
		String csv = this.mvc.perform(asyncDispatch(export))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", "attachment; filename=\"sync-errors.csv\""))
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<String> lines = csv.lines().toList();
		assertThat(lines.get(0)).startsWith("Run,\"Run description\",Object,Connection");
		assertThat(lines).hasSize(5);
		assertThat(lines.get(1)).startsWith(this.globex + ",\"Synced contacts from Salesforce\",Contact,globex,")
			.contains("Missing email address");
		assertThat(lines.get(3)).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"");
		assertThat(lines.get(4)).contains("'@SUM(1+1) Email: not a string").contains("Malformed data");
		String acmeOnly = csv(get("/api/activity/errors.csv").with(admin("acme")));
		assertThat(acmeOnly.lines()).hasSize(4).noneMatch((line) -> line.contains("globex"));
		String oneRunFailures = csv(get("/api/activity/errors.csv").param("status", "Completed")
			.param("objectType", "contact")
			.param("run", String.valueOf(this.backfill))
			.with(admin("acme")));
		assertThat(oneRunFailures.lines()).hasSize(4);
	}

	@Test
	void recentSyncHealthShowsTheLastRunOfEachObjectAndDirectionAndTheFailingObjects() throws Exception {
		// A scheduled poll found no change in acme's accounts after their last run.
		this.jdbc.update("UPDATE sync_state SET last_poll_at = '2026-12-01 09:30:00' WHERE connection_id = 'acme'"
				+ " AND object_type = 'account' AND direction = 'inbound'");

		this.mvc.perform(get("/api/activity/health").with(admin("acme")))
			.andExpect(jsonPath("$.lastRuns[*].lastRun.id")
				.value(contains(ids(this.accounts, this.authFailure, this.outbound, this.stopped))))
			.andExpect(jsonPath("$.lastRuns[0].lastCheckedAt").value("2026-12-01T09:30:00Z"))
			.andExpect(jsonPath("$.lastRuns[2].lastCheckedAt").value(nullValue()))
			.andExpect(jsonPath("$.lastRuns[1].failing").value(true))
			.andExpect(jsonPath("$.lastRuns[1].problems").value(true))
			.andExpect(jsonPath("$.lastRuns[0].problems").value(false))
			.andExpect(jsonPath("$.failingObjects").value(contains("contact")));
	}

	@Test
	void theOverviewAndRateLimitsShowTheTenantsOwnConnectionsOnly() throws Exception {
		this.jdbc.update("INSERT INTO connections (id, name, username, instance_url, signed_in_at, api_used, api_max,"
				+ " api_usage_at) VALUES ('acme', 'Acme', 'int@acme.example', 'https://acme.my.salesforce.com',"
				+ " UTC_TIMESTAMP(6), 1200, 100000, UTC_TIMESTAMP(6)), ('globex', 'Globex', 'int@globex.example',"
				+ " NULL, NULL, NULL, NULL, NULL)");
		this.jdbc.update("INSERT INTO connections (id, name, enabled, sign_in_refused_at, sign_in_refusal) VALUES"
				+ " ('initech', 'Initech', TRUE, UTC_TIMESTAMP(6), 'invalid_grant: authentication failure')");
		this.jdbc.update("INSERT INTO sync_api_calls (connection_id, hour, object_type, kind, calls) VALUES"
				+ " ('acme', DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:00:00'), 'contact', 'query', 7),"
				+ " ('acme', DATE_FORMAT(UTC_TIMESTAMP() - INTERVAL 3 DAY, '%Y-%m-%d %H:00:00'), 'contact', 'bulk', 2),"
				+ " ('globex', DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:00:00'), 'contact', 'query', 99)");

		this.mvc.perform(get("/api/activity/overview").with(admin("acme")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].id").value(contains("acme")))
			.andExpect(jsonPath("$[0].status").value("Connected"))
			.andExpect(jsonPath("$[0].org").value("https://acme.my.salesforce.com"))
			.andExpect(jsonPath("$[0].integrationUser").value("int@acme.example"))
			.andExpect(jsonPath("$[0].objects[?(@.objectType == 'account' && @.direction == 'inbound')].runId")
				.value(contains((int) this.accounts)))
			.andExpect(jsonPath("$[0].whatToDo").value(nullValue()));
		this.mvc.perform(get("/api/activity/overview").with(admin("globex", "initech")))
			.andExpect(jsonPath("$[*].id").value(contains("globex", "initech")))
			.andExpect(jsonPath("$[0].status").value("Not signed in yet"))
			.andExpect(jsonPath("$[1].status").value("Needs reconnect"))
			.andExpect(jsonPath("$[1].whatToDo").value(org.hamcrest.Matchers
				.startsWith("Salesforce refused sfsync's sign-in (invalid_grant: authentication failure).")));
		this.mvc.perform(get("/api/activity/overview").with(admin())).andExpect(jsonPath("$", hasSize(0)));
		// A replica's runs stopped for the API budget: every replica's page says so, from
		// the
		// usage they keep.
		this.jdbc.update("INSERT INTO connections (id, name, signed_in_at, api_used, api_max, api_usage_at) VALUES"
				+ " ('hooli', 'Hooli', UTC_TIMESTAMP(6), 85000, 100000, UTC_TIMESTAMP(6))");
		this.mvc.perform(get("/api/activity/overview").with(admin("hooli")))
			.andExpect(jsonPath("$[0].status").value("API limit reached"))
			.andExpect(jsonPath("$[0].apiLimitUntil").isNotEmpty())
			.andExpect(jsonPath("$[0].whatToDo").value(org.hamcrest.Matchers
				.startsWith("Runs stop at 80 % of the org's daily API allocation. sfsync reads the usage again at ")));
		this.mvc.perform(get("/api/activity/rate-limits").with(admin("hooli")))
			.andExpect(jsonPath("$[0].used").value(85000))
			.andExpect(jsonPath("$[0].stoppedUntil").isNotEmpty());

		this.mvc.perform(get("/api/activity/rate-limits").with(admin("acme")))
			.andExpect(jsonPath("$[*].connectionId").value(contains("acme")))
			.andExpect(jsonPath("$[0].used").value(1200))
			.andExpect(jsonPath("$[0].max").value(100000))
			.andExpect(jsonPath("$[0].totalShare").value(0.8))
			.andExpect(jsonPath("$[0].perRunShare").value(0.25))
			.andExpect(jsonPath("$[0].hours", hasSize(24)))
			.andExpect(jsonPath("$[0].hours[23].calls.query").value(7))
			.andExpect(jsonPath("$[0].days", hasSize(5)))
			.andExpect(jsonPath("$[0].days[1].calls.bulk").value(2))
			.andExpect(jsonPath("$[0].objects[0].objectLabel").value("Contact"))
			.andExpect(jsonPath("$[0].objects[0].last24Hours.query").value(7))
			.andExpect(jsonPath("$[0].objects[0].last24Hours.bulk").value(0))
			.andExpect(jsonPath("$[0].objects[0].last5Days.bulk").value(2));
		this.mvc.perform(get("/api/activity/rate-limits").with(admin("globex")))
			.andExpect(jsonPath("$[0].hours[23].total").value(99))
			.andExpect(jsonPath("$[0].used").value(nullValue()));
	}

	@Test
	void anotherTenantsRunIsNotFoundAndItsRunsAndRecordsAreNeverShown() throws Exception {
		this.mvc.perform(get("/api/activity/runs/{id}", this.globex).with(admin("acme")))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/activity/runs/{id}/records", this.globex).with(admin("acme")))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/activity/runs/{id}", this.backfill).with(admin("globex")))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/activity/runs").with(admin("globex")))
			.andExpect(jsonPath("$.items[*].id").value(contains(ids(this.globex))));
		this.mvc.perform(get("/api/activity/runs").with(platform())).andExpect(jsonPath("$.total").value(6));
		this.mvc.perform(get("/api/activity/runs").with(admin())).andExpect(jsonPath("$.total").value(0));
		this.mvc.perform(get("/api/activity/health").with(admin())).andExpect(jsonPath("$.lastRuns", hasSize(0)));
		this.mvc.perform(get("/api/activity/runs/{id}", this.backfill).with(admin())).andExpect(status().isNotFound());
	}

	@Test
	void badParametersAreRefusedWithAMessageThatSaysWhatIsAllowed() throws Exception {
		expectBadRequest("direction", "sideways", "direction 'sideways' is not a tab; use all, inbound or outbound");
		expectBadRequest("status", "Done",
				"status 'Done' is not a run status; use In progress, Completed, Failed or Incomplete");
		expectBadRequest("sort", "size", "sort 'size' is not a sort; use started or ended");
		expectBadRequest("from", "yesterday",
				"from 'yesterday' is not a date (2026-12-01) or an ISO-8601 instant (2026-12-01T08:00:00Z)");
		expectBadRequest("size", "500", "size 500 must be from 1 to 200");
		expectBadRequest("page", "-1", "page -1 must be 0 or more (pages count from 0)");
		expectBadRequest("page", "first", "page 'first' is not a whole number");
		expectBadRequest("operation", "push-everything",
				"operation 'push-everything' is not an operation; use one of [sync-schema, pull-updates,"
						+ " pull-deletes, pull-conversions, retry-waiting, list-ids, find-drift, reconcile,"
						+ " update-foreign-keys, push-new, push-updates, push-deletes]");
		this.mvc.perform(get("/api/activity/runs").param("objectType", "widget").with(admin("acme")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith(
					"objectType 'widget' is not an object type; use one of [account, campaign, campaign-member,")));
		this.mvc
			.perform(
					get("/api/activity/runs").param("from", "2026-12-02").param("to", "2026-12-01").with(admin("acme")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("from 2026-12-02T00:00:00Z must be before to 2026-12-02T00:00:00Z"));
		this.mvc
			.perform(
					get("/api/activity/runs/{id}/records", this.backfill).param("outcome", "weird").with(admin("acme")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(
					"outcome 'weird' is not an outcome; use success, created, updated, deleted, skipped, failed or errors"));
		this.mvc.perform(get("/api/activity/errors.csv").param("direction", "up").with(admin("acme")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void viewingNeedsARoleStateChangesNeedTheCsrfTokenAndEveryConnectionIsForThePlatformOnly() throws Exception {
		this.mvc.perform(get("/api/activity/runs")).andExpect(status().isUnauthorized());
		this.mvc
			.perform(get("/api/activity/runs")
				.with(SecurityMockMvcRequestPostProcessors.user("viewer").authorities(() -> "CONNECTION_*")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/activity/runs").with(SecurityMockMvcRequestPostProcessors.user("op")
			.roles("OPERATOR")
			.authorities(() -> "ROLE_OPERATOR", () -> "CONNECTION_acme"))).andExpect(status().isOk());
		this.mvc.perform(post("/api/activity/runs/{id}/stop", this.outbound).with(admin("acme")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/activity/me").with(operator("acme")))
			.andExpect(jsonPath("$.operator").value(true))
			.andExpect(jsonPath("$.connections").value(contains("acme")));
		this.mvc.perform(get("/api/activity/me").with(admin("acme", "*")))
			.andExpect(jsonPath("$.operator").value(false))
			.andExpect(jsonPath("$.connections").value(contains("acme")));
		this.mvc.perform(get("/api/activity/me").with(platform()))
			.andExpect(jsonPath("$.operator").value(true))
			.andExpect(jsonPath("$.connections").value(contains("*")));
	}

	@Test
	void anOperatorStopsARunInProgressAndRestartsAFailedOneWithTheCsrfToken() throws Exception {
		this.mvc.perform(post("/api/activity/runs/{id}/stop", this.outbound).with(operator("acme")))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/api/activity/runs/{id}/stop", this.outbound).with(admin("acme")).with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/api/activity/runs/{id}/stop", this.outbound).with(operator("globex")).with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/api/activity/runs/{id}/stop", this.accounts).with(operator("acme")).with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.message")
				.value("Run " + this.accounts + " is not in progress, so there is nothing to stop"));
		this.mvc.perform(post("/api/activity/runs/{id}/stop", this.outbound).with(operator("acme")).with(csrf()))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.message").value("Run " + this.outbound + " stops after its current chunk"));
		assertThat(this.jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, this.outbound))
			.as("a run with no step running stops at once")
			.isIn("STOPPING", "STOPPED");
		this.mvc.perform(post("/api/activity/runs/{id}/restart", this.accounts).with(operator("acme")).with(csrf()))
			.andExpect(status().isConflict());
		// The planted runs' connection does not exist: the restart is refused with the
		// reason, not accepted to fail in the background (restarts that run are in
		// OperatorControlsIntegrationTests)
		this.mvc.perform(post("/api/activity/runs/{id}/restart", this.authFailure).with(operator("acme")).with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.message")
				.value("Run " + this.authFailure + " cannot be restarted: connection=acme is not a connection"));
		assertThat(this.jdbc.queryForList("SELECT CONCAT(actor, ' ', action, ' ', outcome) FROM sync_operator_audit"
				+ " WHERE job_execution_id = ?", String.class, this.authFailure))
			.contains("operator restart REJECTED");
	}

	private String csv(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult started = this.mvc.perform(request).andReturn();
		return this.mvc.perform(asyncDispatch(started)).andReturn().getResponse().getContentAsString();
	}

	private void expectBadRequest(String parameter, String value, String detail) throws Exception {
		this.mvc.perform(get("/api/activity/runs").param(parameter, value).with(admin("acme")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(detail));
	}

	/** An ADMIN who sees the given connections. */
	static RequestPostProcessor admin(String... connections) {
		List<org.springframework.security.core.GrantedAuthority> authorities = new java.util.ArrayList<>();
		authorities.add(() -> "ROLE_ADMIN");
		for (String connection : connections) {
			authorities.add(() -> "CONNECTION_" + connection);
		}
		return SecurityMockMvcRequestPostProcessors.user("admin").authorities(authorities);
	}

	/** The platform's operator, who sees every connection. */
	static RequestPostProcessor platform() {
		return SecurityMockMvcRequestPostProcessors.user("platform").authorities(() -> "ROLE_PLATFORM");
	}

	/** An OPERATOR who sees the given connection. */
	static RequestPostProcessor operator(String connection) {
		return SecurityMockMvcRequestPostProcessors.user("operator")
			.authorities(() -> "ROLE_OPERATOR", () -> "CONNECTION_" + connection);
	}

	private static Object[] ids(long... ids) {
		return java.util.Arrays.stream(ids).boxed().map(Long::intValue).toArray();
	}

}
