package dev.sfsync.inbound;

import java.util.List;
import java.util.Map;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.operations.JobParametersDefaults.Launch;
import dev.sfsync.system.EmulatorAdmin;
import dev.sfsync.system.SyncIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retry set end to end, on the real database and the emulator over HTTP: custom
 * events read before their contacts wait, are not counted or logged again while they
 * wait, and are created by the first run after their contact arrived; one whose contact
 * never comes is skipped for good after {@code sfsync.inbound.waiting-runs} runs; and
 * while records wait, a scheduled poll runs even when Salesforce has no change.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = { "sfsync.inbound.settle-delay=1s", "sfsync.inbound.waiting-runs=3" })
class WaitingRecordsIntegrationTests extends SyncIntegrationTestSupport {

	@Autowired
	private InboundLaunches launches;

	@Autowired
	private InboundPolls polls;

	@Autowired
	private JobCatalog catalog;

	@Test
	void childrenReadBeforeTheirParentsWaitAndArriveWithTheParent() {
		EmulatorAdmin.Org org = admin.org("Waiting Org", Map.of());
		connect("waiting", org, null);
		String early = admin.create(org, "Invoice__c",
				Map.of("Name", "INV-1", "Contact_Email__c", "ada@example.com", "Amount__c", 10));
		String orphan = admin.create(org, "Invoice__c",
				Map.of("Name", "INV-2", "Contact_Email__c", "nobody@example.com", "Amount__c", 20));
		settled();

		// given the invoices are read before any contact
		JobExecution first = run("invoice__c");
		assertThat(first.getJobInstance().getJobName()).isEqualTo("invoice__c-backfill");
		assertThat(outcomes(first)).containsExactlyInAnyOrder("SKIPPED:CONTACT_NOT_FOUND:" + early,
				"SKIPPED:CONTACT_NOT_FOUND:" + orphan);
		assertThat(waiting()).containsExactlyInAnyOrder(early + " WAITING 0", orphan + " WAITING 0");

		// when the next run finds their contact still missing, then they wait on, neither
		// counted nor logged again
		settled();
		JobExecution second = run("invoice__c");
		assertThat(outcomes(second)).isEmpty();
		assertThat(skipped(second)).isZero();
		assertThat(waiting()).containsExactlyInAnyOrder(early + " WAITING 1", orphan + " WAITING 1");

		// when the contact arrives, then the next invoice run creates the invoice that
		// waited for it, as a record of that run
		admin.create(org, "Contact", Map.of("LastName", "Lovelace", "Email", "ada@example.com"));
		settled();
		assertThat(run("contact").getStatus()).isEqualTo(BatchStatus.COMPLETED);
		settled();
		JobExecution third = run("invoice__c");
		assertThat(third.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(outcomes(third)).containsExactly("CREATED:null:" + early);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM custom_events e JOIN contacts c ON c.id = e.contact_id"
						+ " WHERE e.connection_id = 'waiting' AND e.salesforce_id = ? AND c.email = 'ada@example.com'",
				Integer.class, early))
			.isEqualTo(1);
		assertThat(waiting()).containsExactlyInAnyOrder(early + " RESOLVED 1", orphan + " WAITING 2");
		assertThat(this.jdbc.queryForObject(
				"SELECT resolved_execution_id FROM sync_unwritten WHERE connection_id = 'waiting' AND salesforce_id = ?",
				Long.class, early))
			.isEqualTo(third.getId());

		// and while a record waits, a scheduled fire runs though Salesforce has no change
		settled();
		JobExecution polled = fire("invoice__c");
		assertThat(polled).isNotNull();
		assertThat(waiting()).as("its wait is over after 3 runs")
			.containsExactlyInAnyOrder(early + " RESOLVED 1", orphan + " EXPIRED 3");
		// and a record that waits though the app holds its version already (written some
		// other way) stops waiting in the next run instead of keeping runs going
		this.jdbc.update("UPDATE sync_unwritten SET state = 'WAITING', payload = JSON_OBJECT('Id', salesforce_id,"
				+ " 'SystemModstamp', CONCAT(LEFT(DATE_FORMAT(modstamp, '%Y-%m-%dT%H:%i:%s.%f'), 23), 'Z'), 'Name', 'INV-1',"
				+ " 'Contact_Email__c', 'ada@example.com') WHERE connection_id = 'waiting' AND salesforce_id = ?",
				early);
		settled();
		assertThat(fire("invoice__c")).isNotNull();
		assertThat(waiting()).containsExactlyInAnyOrder(early + " EXPIRED 1", orphan + " EXPIRED 3");
		settled();
		assertThat(fire("invoice__c")).as("nothing waits, nothing changed: no run").isNull();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM custom_events WHERE connection_id = 'waiting'",
				Integer.class))
			.isEqualTo(1);
	}

	@Test
	void aWaitingRecordChangedInSalesforceIsDecidedFromItsNewVersion() {
		EmulatorAdmin.Org org = admin.org("Changed Waiting Org", Map.of());
		connect("changed-waiting", org, null);
		admin.create(org, "Contact", Map.of("LastName", "Hopper", "Email", "grace@example.com"));
		String invoice = admin.create(org, "Invoice__c",
				Map.of("Name", "INV-3", "Contact_Email__c", "nobody@example.com", "Amount__c", 30));
		settled();
		assertThat(runFor("changed-waiting", "contact").getStatus()).isEqualTo(BatchStatus.COMPLETED);
		JobExecution first = runFor("changed-waiting", "invoice__c");
		assertThat(outcomes(first)).containsExactly("SKIPPED:CONTACT_NOT_FOUND:" + invoice);

		// when the invoice is pointed at an existing contact in Salesforce
		admin.send("PATCH", "/emulator/orgs/" + org.id() + "/records/Invoice__c/" + invoice,
				Map.of("Contact_Email__c", "grace@example.com"));
		settled();
		JobExecution next = runFor("changed-waiting", "invoice__c");

		// then its new version is created once, and its wait is over
		assertThat(outcomes(next)).containsExactly("CREATED:null:" + invoice);
		assertThat(this.jdbc.queryForObject("SELECT state FROM sync_unwritten WHERE connection_id = 'changed-waiting'",
				String.class))
			.isEqualTo("RESOLVED");
	}

	private JobExecution run(String objectType) {
		return runFor("waiting", objectType);
	}

	private JobExecution runFor(String connectionId, String objectType) {
		Launch launch = this.launches.next(this.catalog.find(objectType).orElseThrow(), connectionId);
		return start(launch.jobName(), launch.parameters());
	}

	/** A scheduled fire: the run it launched, or null when it launched none. */
	private JobExecution fire(String objectType) {
		try (InboundPolls.Poll poll = this.polls.poll(objectType + "-inbound", "waiting")) {
			Launch launch = poll.launch();
			return (launch != null) ? start(launch.jobName(), launch.parameters()) : null;
		}
	}

	private List<String> outcomes(JobExecution run) {
		return this.jdbc.queryForList(
				"SELECT CONCAT_WS(':', outcome, COALESCE(reason, 'null'), salesforce_id)"
						+ " FROM sync_record_outcome WHERE job_execution_id = ? ORDER BY id",
				String.class, run.getId());
	}

	private long skipped(JobExecution run) {
		return this.jdbc.queryForObject(
				"SELECT COALESCE(SUM(FILTER_COUNT), 0) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				Long.class, run.getId());
	}

	private List<String> waiting() {
		return this.jdbc.queryForList("SELECT CONCAT_WS(' ', salesforce_id, state, retries) FROM sync_unwritten"
				+ " WHERE connection_id = 'waiting' ORDER BY salesforce_id", String.class);
	}

}
