package dev.sfsync.inbound;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.sfsync.catalog.Direction;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.connection.Connection;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.operations.JobParametersDefaults.Launch;
import dev.sfsync.operations.LaunchClaims;
import dev.sfsync.operations.ScheduledPolls;
import dev.sfsync.salesforce.ApiBudget;
import dev.sfsync.salesforce.SalesforceClient;
import dev.sfsync.salesforce.SalesforceQueryReader.FirstPage;
import dev.sfsync.store.AppTables;
import dev.sfsync.syncstate.SyncState;
import dev.sfsync.syncstate.SyncStates;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * A scheduled fire's look at its window before anything is launched, for the Quartz
 * trigger and {@code run <job> --poll} alike. A paused connection, or a last run still
 * going, launches nothing. The first sync (a backfill) and a restart launch as before. A
 * next window is polled first: the first page of its changes, asked as the run's
 * {@code pull-updates} would ask it. A page with nothing new (empty, or only versions the
 * app already holds: the overlap re-read, the echo of an outbound write) is the whole
 * answer: no job execution, and the sync state moves the high-water mark to the window's
 * end and records the poll. A page with changes launches the run, which reads that page
 * instead of asking again, so a run costs the calls it cost before. A poll that fails
 * launches the run all the same, so the failure is a run with its cause, restartable,
 * never a silent skip. A fire that launches takes the object type's claim
 * ({@link LaunchClaims}) first, and its poll holds it until the launch's run has it. A
 * fire of an object type's reconcile schedule launches its reconcile run under the same
 * claim, once the object type's first sync has completed.
 */
public final class InboundPolls implements ScheduledPolls {

	private static final Log logger = LogFactory.getLog(InboundPolls.class);

	private final JobCatalog catalog;

	private final InboundLaunches launches;

	private final SyncStates states;

	private final ConnectionService connections;

	private final AppTables tables;

	private final InboundRun.Context context;

	private final MeterRegistry meters;

	private final LaunchClaims claims;

	private final ReconcileLaunches reconciles;

	InboundPolls(JobCatalog catalog, InboundLaunches launches, SyncStates states, ConnectionService connections,
			AppTables tables, InboundRun.Context context, MeterRegistry meters, LaunchClaims claims,
			ReconcileLaunches reconciles) {
		this.claims = claims;
		this.reconciles = reconciles;
		this.catalog = catalog;
		this.launches = launches;
		this.states = states;
		this.connections = connections;
		this.tables = tables;
		this.context = context;
		this.meters = meters;
	}

	@Override
	public boolean appliesTo(String jobName) {
		return inboundDefinition(jobName).isPresent() || this.reconciles.appliesTo(jobName);
	}

	/** The definition whose inbound job this is. */
	private Optional<JobDefinition> inboundDefinition(String jobName) {
		return this.catalog.findByJobName(jobName)
			.filter((definition) -> jobName.equals(definition.jobName(Direction.INBOUND)));
	}

	/**
	 * What a scheduled fire of an object type's inbound schedule does for a connection:
	 * nothing while the connection is paused or the object type's last run is still
	 * going; else its backfill, its restart, or its next window polled first.
	 */
	@Override
	public Poll poll(String jobName, String connectionId) {
		if (this.reconciles.appliesTo(jobName)) {
			return reconcile(jobName, connectionId);
		}
		JobDefinition definition = inboundDefinition(jobName)
			.orElseThrow(() -> new IllegalArgumentException(jobName + " is not an inbound job of the catalog"));
		Connection connection = this.connections.find(connectionId).orElse(null);
		if (connection == null || !connection.enabled()) {
			return Poll.none("Skipped the scheduled run of " + definition.name() + " for connection " + connectionId
					+ ": the connection is paused or deleted");
		}
		SyncState state = this.states.find(connectionId, definition.name(), SyncState.INBOUND).orElse(null);
		LaunchClaims.Claimed claim = null;
		if (state != null && state.running() != null) {
			// Claimed first: a run whose process died is recovered, and this fire
			// resumes it; a live one keeps the claim.
			try {
				claim = this.claims.claim(jobName, connectionId);
			}
			catch (LaunchClaims.RefusedException ex) {
				return Poll.none("Skipped the scheduled run of " + definition.name() + " for connection " + connectionId
						+ ": "
						+ ((ex instanceof LaunchClaims.AlreadyRunningException)
								? "execution " + state.running() + " is still running; the next fire continues from it"
								: ex.getMessage()));
			}
			state = claim.state();
		}
		Poll poll = next(definition, connection, state);
		Launch launch = poll.launch();
		if (launch == null) {
			if (claim != null) {
				claim.close();
			}
			return poll;
		}
		if (claim == null) {
			try {
				claim = this.claims.claim(jobName, connectionId);
			}
			catch (LaunchClaims.RefusedException ex) {
				poll.close();
				return Poll.none("Skipped the scheduled run of " + definition.name() + " for connection " + connectionId
						+ ": " + ex.getMessage());
			}
			// The run was decided from the state before the claim: a run that started
			// and ended meanwhile moved it, and this fire's window is no longer next.
			if (!sameRuns(state, claim.state())) {
				claim.close();
				poll.close();
				return Poll.none("Skipped the scheduled run of " + definition.name() + " for connection " + connectionId
						+ ": another run started meanwhile; the next fire continues from it");
			}
		}
		return poll.claimed(claim);
	}

	/**
	 * A scheduled fire of an object type's reconcile schedule: nothing while the
	 * connection is paused, before the object type's first sync, or while another run of
	 * it holds the inbound claim (the next fire reconciles); else the reconcile run, a
	 * new one or the last one resumed.
	 */
	private Poll reconcile(String jobName, String connectionId) {
		JobDefinition definition = this.catalog.findByJobName(jobName).orElseThrow();
		Connection connection = this.connections.find(connectionId).orElse(null);
		if (connection == null || !connection.enabled()) {
			return Poll.none("Skipped the scheduled reconcile of " + definition.name() + " for connection "
					+ connectionId + ": the connection is paused or deleted");
		}
		SyncState state = this.states.find(connectionId, definition.name(), SyncState.INBOUND).orElse(null);
		if (state == null || !state.backfillDone()) {
			return Poll.none("Skipped the scheduled reconcile of " + definition.name() + " for connection "
					+ connectionId + ": its first sync has not completed");
		}
		LaunchClaims.Claimed claim;
		try {
			claim = this.claims.claim(jobName, connectionId);
		}
		catch (LaunchClaims.RefusedException ex) {
			return Poll.busy("Deferred the scheduled reconcile of " + definition.name() + " for connection "
					+ connectionId + ": " + ex.getMessage() + "; it tries again soon");
		}
		Launch launch = this.reconciles.complete(jobName,
				new JobParametersBuilder().addString(InboundLaunches.CONNECTION, connectionId).toJobParameters());
		return new Poll(launch, "", null).claimed(claim);
	}

	private static boolean sameRuns(@Nullable SyncState before, @Nullable SyncState after) {
		Long last = (before != null) ? before.lastExecutionId() : null;
		Long now = (after != null) ? after.lastExecutionId() : null;
		return Objects.equals(last, now);
	}

	private Poll next(JobDefinition definition, Connection connection, @Nullable SyncState state) {
		Launch launch = this.launches.next(definition, connection.id(), state);
		String inbound = definition.jobName(Direction.INBOUND);
		if (launch.jobName().equals(definition.jobName(Direction.BACKFILL))
				&& (state == null || !InboundLaunches.restarts(state))) {
			String parent = unsyncedParent(definition, connection.id());
			if (parent != null) {
				count(definition, "waiting");
				return Poll.none("Waiting for the first sync of " + parent + " for connection " + connection.id()
						+ " before the first sync of " + definition.name() + ", whose records refer to it");
			}
		}
		if (state == null || state.highWaterMark() == null || InboundLaunches.restarts(state)
				|| !launch.jobName().equals(inbound)) {
			return new Poll(launch, "", null);
		}
		Instant from = Instant.parse(launch.parameters().getString(InboundLaunches.FROM));
		Instant to = Instant.parse(launch.parameters().getString(InboundLaunches.TO));
		SalesforceClient client;
		FirstPage page;
		boolean idle;
		try {
			client = this.connections.client(connection, ApiBudget.DEFAULT).countedFor(definition.name());
			InboundRun run = new InboundRun(this.context, definition, this.tables.get(definition.name()),
					connection.id(), connection.settings(), client, from, to, false);
			page = run.firstPage();
			// Records waiting for a parent are decided again by the run, changes or not.
			idle = run.nothingNew(page)
					&& !UnwrittenRecords.anyWaiting(this.context.jdbc(), connection.id(), definition.name());
		}
		catch (RuntimeException ex) {
			count(definition, "failed");
			logger.warn("Polling " + definition.name() + " for connection " + connection.id() + " failed ("
					+ ex.getClass().getSimpleName() + ": " + ex.getMessage()
					+ "); launching its run, which records the failure if it persists");
			return new Poll(launch, "", null);
		}
		boolean recorded = this.states.polled(state, from, to, client.calls(), idle);
		count(definition, idle ? "idle" : "changes");
		if (idle) {
			return Poll.none(recorded
					? "No change in " + definition.name() + " for connection " + connection.id() + " from " + from
							+ " to " + to + ": no run"
					: "The poll of " + definition.name() + " for connection " + connection.id()
							+ " found no change but was not recorded (a run started meanwhile, or the database"
							+ " refused the write); the next fire covers its window");
		}
		this.context.firstPages().put(connection.id(), inbound, from, to, page);
		return new Poll(launch, "", () -> this.context.firstPages().take(connection.id(), inbound, from, to));
	}

	/**
	 * A parent object type whose first sync has not completed, and is not held up by a
	 * failure (a failed or stopped backfill is not waited for: its children's records
	 * that miss it wait for it instead); null when the object type's own first sync may
	 * start. One sync-state row per parent.
	 */
	private @Nullable String unsyncedParent(JobDefinition definition, String connectionId) {
		for (String parent : this.catalog.parents(definition.name())) {
			SyncState state = this.states.find(connectionId, parent, SyncState.INBOUND).orElse(null);
			if (state == null || !state.backfillDone() && !InboundLaunches.restarts(state)) {
				return parent;
			}
		}
		return null;
	}

	/**
	 * The object types of a connection whose first sync may start now that this one's (a
	 * backfill) has completed: its children that wait for nothing else.
	 */
	@Override
	public List<String> ready(String jobName, String connectionId) {
		JobDefinition definition = this.catalog.findByJobName(jobName).orElse(null);
		if (definition == null || !jobName.equals(definition.jobName(Direction.BACKFILL))) {
			return List.of();
		}
		String objectType = definition.name();
		SyncState state = this.states.find(connectionId, objectType, SyncState.INBOUND).orElse(null);
		if (state == null || !state.backfillDone()) {
			return List.of();
		}
		return this.catalog.children(objectType).stream().filter((child) -> {
			SyncState own = this.states.find(connectionId, child, SyncState.INBOUND).orElse(null);
			return (own == null || own.highWaterMark() == null && own.running() == null)
					&& unsyncedParent(this.catalog.find(child).orElseThrow(), connectionId) == null;
		}).toList();
	}

	private void count(JobDefinition definition, String outcome) {
		Counter.builder("sfsync.inbound.polls")
			.tag("object", definition.name())
			.tag("outcome", outcome)
			.description("Scheduled polls of inbound windows: idle (no change, no run), changes (a run launched),"
					+ " waiting (a first sync waiting for its parents' first syncs)"
					+ " or failed (the run launched to record the failure)")
			.register(this.meters)
			.increment();
	}

	/**
	 * A fire's answer: the run to launch, or none and why. Closing it drops a first page
	 * its run did not take.
	 */
	static final class Poll implements ScheduledPolls.Poll {

		private final @Nullable Launch launch;

		private final String summary;

		private final @Nullable Runnable release;

		private final LaunchClaims.@Nullable Claimed claim;

		private final boolean busy;

		Poll(@Nullable Launch launch, String summary, @Nullable Runnable release) {
			this(launch, summary, release, null, false);
		}

		private Poll(@Nullable Launch launch, String summary, @Nullable Runnable release,
				LaunchClaims.@Nullable Claimed claim, boolean busy) {
			this.launch = launch;
			this.summary = summary;
			this.release = release;
			this.claim = claim;
			this.busy = busy;
		}

		/** This poll's run under a claim, which its launch parameters carry. */
		Poll claimed(LaunchClaims.Claimed claim) {
			Launch launch = Objects.requireNonNull(this.launch);
			return new Poll(new Launch(launch.jobName(), claim.parameters(launch.parameters()), launch.note()),
					this.summary, this.release, claim, false);
		}

		static Poll none(String summary) {
			return new Poll(null, summary, null);
		}

		/** Nothing launched because another run holds the object type. */
		static Poll busy(String summary) {
			return new Poll(null, summary, null, null, true);
		}

		@Override
		public boolean busy() {
			return this.busy;
		}

		@Override
		public @Nullable Launch launch() {
			return this.launch;
		}

		@Override
		public String summary() {
			return this.summary;
		}

		@Override
		public void close() {
			try {
				if (this.release != null) {
					this.release.run();
				}
			}
			finally {
				if (this.claim != null) {
					this.claim.close();
				}
			}
		}

	}

}
