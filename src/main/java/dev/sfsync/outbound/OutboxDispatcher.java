package dev.sfsync.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.sfsync.catalog.Direction;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.operations.LaunchClaims;
import dev.sfsync.salesforce.SalesforceCollections;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.integration.launch.JobLaunchRequest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Claims the pending outbox rows of each connection and object type for this process and
 * turns them into launch requests of {@code {object}-outbound} with the outbox id range
 * as identifying parameters. A claim is a lease on (connection, object type) in
 * {@code sync_outbox_claims}, held by one owner, renewed at every poll while its run goes
 * on and released when the run ends; a lease that ran out (its dispatcher died) is taken
 * over. Each launch also takes the object type's {@link LaunchClaims launch claim}, as
 * every launcher does: the dead dispatcher's run, still marked running, is recovered
 * then, and its pending rows go out with the next run. So runs for different objects go
 * on at the same time, and two runs never send the same outbox row.
 */
final class OutboxDispatcher {

	private static final Log logger = LogFactory.getLog(OutboxDispatcher.class);

	private final JdbcTemplate jdbc;

	private final OutboxStore outbox;

	private final JobCatalog catalog;

	private final JobRegistry registry;

	private final OutboundProperties properties;

	private final String owner;

	private final LaunchClaims launchClaims;

	private final Set<Group> inFlight = ConcurrentHashMap.newKeySet();

	/** The launch claims of the groups whose runs this dispatcher launched. */
	private final Map<Group, LaunchClaims.Claimed> claims = new ConcurrentHashMap<>();

	private final Set<String> unknownObjectTypes = ConcurrentHashMap.newKeySet();

	/** When each group last had a run of full Collections calls (System.nanoTime). */
	private final Map<Group, Long> lastFullCalls = new ConcurrentHashMap<>();

	private volatile long lastPurge = System.nanoTime();

	OutboxDispatcher(JdbcTemplate jdbc, JobCatalog catalog, JobRegistry registry, OutboundProperties properties,
			String owner, LaunchClaims launchClaims) {
		this.launchClaims = launchClaims;
		this.jdbc = jdbc;
		this.outbox = new OutboxStore(jdbc);
		this.catalog = catalog;
		this.registry = registry;
		this.properties = properties;
		this.owner = owner;
	}

	/** A connection's object type: what one claim covers. */
	record Group(String connectionId, String objectType) {
	}

	String owner() {
		return this.owner;
	}

	/**
	 * Renews this dispatcher's leases and claims what is pending; answers the runs to
	 * launch, or null when there is nothing to do.
	 */
	@Nullable List<JobLaunchRequest> claim() {
		purgeProcessedOncePerMinute();
		if (!this.inFlight.isEmpty()) {
			this.jdbc.update("UPDATE sync_outbox_claims SET lease_until = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND"
					+ " WHERE owner = ?", this.properties.lease().toNanos() / 1000, this.owner);
		}
		List<Group> pending = this.outbox.dueGroups();
		List<JobLaunchRequest> requests = new ArrayList<>();
		for (Group group : pending) {
			if (this.inFlight.size() >= this.properties.concurrency()) {
				break;
			}
			if (this.inFlight.contains(group)) {
				continue;
			}
			Job job = job(group);
			if (job != null && lease(group)) {
				JobLaunchRequest request;
				try {
					request = request(group, job);
				}
				catch (RuntimeException ex) {
					// Never left claimed by a poll that failed: the group tries again
					// after the failed-run delay.
					release(group, false);
					throw ex;
				}
				if (request != null) {
					requests.add(request);
				}
			}
		}
		return requests.isEmpty() ? null : requests;
	}

	/**
	 * Ends the claim of a launch request's group. After a run that did not complete (for
	 * example Salesforce refused the login) the group waits
	 * {@code sfsync.outbound.failed-run-delay} before its next run, instead of failing
	 * again at every poll.
	 */
	void release(JobLaunchRequest request, boolean completed) {
		release(group(request), completed);
	}

	private void release(Group group, boolean completed) {
		try {
			LaunchClaims.Claimed claim = this.claims.remove(group);
			if (claim != null) {
				claim.close();
			}
			this.jdbc.update(
					"UPDATE sync_outbox_claims SET owner = NULL, lease_until = IF(?, NULL, UTC_TIMESTAMP(6)"
							+ " + INTERVAL ? MICROSECOND) WHERE connection_id = ? AND object_type = ? AND owner = ?",
					completed, this.properties.failedRunDelay().toNanos() / 1000, group.connectionId(),
					group.objectType(), this.owner);
		}
		finally {
			// Its lease lapses by itself if the database could not take the release.
			this.inFlight.remove(group);
		}
	}

	/**
	 * Deletes outbox rows handled longer than {@code sfsync.outbound.keep-processed} ago,
	 * a thousand at a time; failed rows stay until an operator re-queues them.
	 * @return how many were deleted
	 */
	int purgeProcessed() {
		return this.outbox.purgeProcessed(this.properties.keepProcessed());
	}

	private void purgeProcessedOncePerMinute() {
		long now = System.nanoTime();
		if (now - this.lastPurge > java.util.concurrent.TimeUnit.MINUTES.toNanos(1)) {
			this.lastPurge = now;
			purgeProcessed();
		}
	}

	/** Logs how a run ended. */
	void finished(JobExecution execution) {
		if (!execution.getStatus().equals(org.springframework.batch.core.BatchStatus.COMPLETED)) {
			logger.warn("Run " + execution.getJobInstance().getJobName() + " execution " + execution.getId() + " with "
					+ execution.getJobParameters() + " ended " + execution.getStatus() + " ("
					+ execution.getExitStatus().getExitDescription()
					+ "); its pending outbox rows go out with the next run");
		}
	}

	private @Nullable Job job(Group group) {
		JobDefinition definition = this.catalog.find(group.objectType()).filter(JobDefinition::outbound).orElse(null);
		Job job = (definition != null) ? this.registry.getJob(definition.jobName(Direction.OUTBOUND)) : null;
		if (job == null && this.unknownObjectTypes.add(group.objectType())) {
			logger.error("Outbox rows of connection " + group.connectionId() + " are for object type "
					+ group.objectType() + ", which has no outbound job in the catalog; they stay pending");
		}
		return job;
	}

	/** Records per Collections call of a group's object type. */
	private int batch(Group group) {
		int batch = this.catalog.find(group.objectType())
			.map((definition) -> definition.sizes().outboundBatch())
			.orElse(SalesforceCollections.MAX_BATCH);
		return Math.min(batch, SalesforceCollections.MAX_BATCH);
	}

	private boolean lease(Group group) {
		this.jdbc.update("INSERT IGNORE INTO sync_outbox_claims (connection_id, object_type) VALUES (?, ?)",
				group.connectionId(), group.objectType());
		int claimed = this.jdbc.update(
				"UPDATE sync_outbox_claims SET owner = ?, lease_until = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND"
						+ " WHERE connection_id = ? AND object_type = ? AND (owner = ? OR lease_until IS NULL"
						+ " OR lease_until < UTC_TIMESTAMP(6))",
				this.owner, this.properties.lease().toNanos() / 1000, group.connectionId(), group.objectType(),
				this.owner);
		if (claimed == 1) {
			this.inFlight.add(group);
		}
		return claimed == 1;
	}

	/**
	 * The run of a claimed group, read now that no one else sends it. With at least a
	 * Collections call's worth pending, it sends the oldest rows in full calls and leaves
	 * the rest (fewer than one call) to the next run, which takes them first. Fewer than
	 * that go at once, unless the group is in a burst (a run of full calls was launched
	 * less than {@code sfsync.outbound.batch-wait} ago): then they wait for more until
	 * the oldest of them has waited that long. So a burst costs ⌈n/batch⌉ calls of each
	 * kind, a change outside a burst never waits, and no change waits more than one run
	 * or the batch wait. A run whose new records go through Bulk ingest takes everything
	 * pending.
	 */
	private @Nullable JobLaunchRequest request(Group group, Job job) {
		int batch = batch(group);
		OutboxStore.Due pending = this.outbox.due(group).orElse(null);
		boolean waited = pending != null && pending.oldest().compareTo(this.properties.batchWait()) >= 0;
		long now = System.nanoTime();
		Long lastFullCalls = this.lastFullCalls.get(group);
		boolean bursting = lastFullCalls != null && now - lastFullCalls < this.properties.batchWait().toNanos();
		if (pending == null || (pending.count() < batch && bursting && !waited)) {
			release(group, true);
			return null;
		}
		long to = pending.last();
		// A run that writes its new records with Bulk API 2.0 ingest sends all of them
		// in one job per chunk, whatever their number.
		boolean bulk = pending.count() > this.properties.bulkThreshold()
				&& this.properties.chunk() > this.properties.bulkThreshold();
		if (pending.count() >= batch && !bulk) {
			this.lastFullCalls.put(group, now);
			long full = pending.count() / batch * batch;
			if (full < pending.count()) {
				to = this.outbox.dueAt(group, full - 1);
			}
		}
		// The object type's launch claim: a run that an operator or the command line
		// started holds it, and this group waits for it; a run whose dispatcher died is
		// recovered, and its pending rows go with this run.
		LaunchClaims.Claimed claim;
		try {
			claim = this.launchClaims.claim(job.getName(), group.connectionId());
		}
		catch (LaunchClaims.RefusedException ex) {
			logger.debug("Outbox rows of " + group + " wait: " + ex.getMessage());
			release(group, true);
			return null;
		}
		this.claims.put(group, claim);
		JobParameters parameters = claim.parameters(OutboundParameters.of(group.connectionId(), pending.first(), to));
		this.jdbc.update("UPDATE sync_outbox_claims SET outbox_from = ?, outbox_to = ? WHERE connection_id = ? AND"
				+ " object_type = ?", pending.first(), to, group.connectionId(), group.objectType());
		return new JobLaunchRequest(job, parameters);
	}

	private Group group(JobLaunchRequest request) {
		String connection = request.getJobParameters().getString(OutboundParameters.CONNECTION);
		String name = request.getJob().getName();
		return new Group(String.valueOf(connection),
				name.substring(0, name.length() - Direction.OUTBOUND.suffix().length() - 1));
	}

}
