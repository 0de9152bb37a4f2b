package dev.sfsync.operations;

import java.time.Duration;

import dev.sfsync.syncstate.RunClaims;
import dev.sfsync.syncstate.SyncState;
import dev.sfsync.syncstate.SyncStates;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The one way to launch a sync run: every launcher (the scheduler's polls, the command
 * line, the operator API, the outbox dispatcher) claims the run's connection, object type
 * and direction here before it creates a job execution, and the run gives the claim back
 * when it ends. Of any number of launchers in any number of processes, one wins; the
 * others are refused with the execution that holds it. A claim whose holder died (its
 * lease ran out) is taken over, and a run the dead holder left running is recovered
 * first, so the launch then resumes that run's instance instead of starting beside it.
 */
public final class LaunchClaims {

	private final RunClaims claims;

	private final SyncStates states;

	private final RunRecovery recovery;

	private final RunOwners owners;

	private final Duration lease;

	LaunchClaims(RunClaims claims, SyncStates states, RunRecovery recovery, RunOwners owners, Duration lease) {
		this.claims = claims;
		this.states = states;
		this.recovery = recovery;
		this.owners = owners;
		this.lease = lease;
	}

	/**
	 * Claims a launch of a job for a connection.
	 * @return the claim: pass its parameters to the launch, and close it once the launch
	 * has returned or failed (a run that was started gives it back itself when it ends)
	 * @throws AlreadyRunningException when a run of the same object type and direction
	 * holds it, or is going for the connection without it
	 * @throws ShuttingDownException when this process is shutting down
	 */
	public Claimed claim(String jobName, String connectionId) {
		if (this.owners.isStopping()) {
			// A launch decided before the shutdown (a poll that waited on Salesforce)
			// would create its run after the runs were stopped and waited for.
			throw new ShuttingDownException(jobName, connectionId);
		}
		if (!RunClaims.claimed(jobName)) {
			return none();
		}
		RunClaims.Claim claim = taken(jobName, connectionId);
		// A run the last holder left running (it died, or launched without a claim)
		// ends first: recovered when its process is gone, else it stands in the way.
		SyncState state = this.states.find(connectionId, claim.objectType(), claim.direction()).orElse(null);
		Long running = (state != null) ? state.running() : null;
		try {
			if (running != null) {
				if (!this.recovery.recoverIfOrphan(running)) {
					throw new AlreadyRunningException(jobName, connectionId, running,
							"already running as execution " + running);
				}
				state = this.states.find(connectionId, claim.objectType(), claim.direction()).orElse(null);
			}
			// A failed or stopped run to resume first has its steps ended, whatever an
			// outage left.
			if (state != null && state.lastExecutionId() != null
					&& (state.lastStatus() == BatchStatus.FAILED || state.lastStatus() == BatchStatus.STOPPED)) {
				this.recovery.repairSteps(state.lastExecutionId());
			}
		}
		catch (RuntimeException ex) {
			this.claims.release(claim.token());
			throw ex;
		}
		return new Claimed(claim.token(), state);
	}

	/** No claim: for a job that takes none, such as one without a connection. */
	public Claimed none() {
		return new Claimed(null, null);
	}

	/**
	 * Takes the claim for a run that was created without one (a restart through Spring
	 * Batch's own operator), or attaches the run to the claim its launcher took.
	 * @return the claim's token, for {@link #release}
	 * @throws AlreadyRunningException when another run holds it
	 */
	@Nullable String attach(JobExecution execution) {
		String jobName = execution.getJobInstance().getJobName();
		String connection = execution.getJobParameters().getString("connection");
		if (connection == null || !RunClaims.claimed(jobName)) {
			return null;
		}
		String token = execution.getJobParameters().getString(RunClaims.PARAMETER);
		if (token != null && this.claims.attach(token, execution.getId())) {
			return token;
		}
		RunClaims.Claim claim = taken(jobName, connection);
		this.claims.attach(claim.token(), execution.getId());
		return claim.token();
	}

	private RunClaims.Claim taken(String jobName, String connectionId) {
		RunClaims.Result result = this.claims.claim(jobName, connectionId, this.lease);
		if (result.claim() != null) {
			return result.claim();
		}
		RunClaims.Holder holder = result.holder();
		if (holder == null) {
			throw new IllegalArgumentException(
					"Invalid parameters for " + jobName + ": connection=" + connectionId + " is not a connection");
		}
		throw new AlreadyRunningException(jobName, connectionId, holder.executionId(),
				(holder.executionId() != null) ? "already running as execution " + holder.executionId()
						: "already being launched by " + holder.owner());
	}

	/** Gives a run's claim back. */
	void release(@Nullable String token) {
		if (token != null) {
			this.claims.release(token);
		}
	}

	/** Renews the leases of this process's claims; the heartbeat calls it. */
	void renew() {
		this.claims.renew(this.lease);
	}

	/**
	 * A launch's claim, or none for a job that takes none. Closing it gives it back
	 * unless the run has it: call {@link #close} only once the launch failed, launched
	 * nothing, or its run has ended.
	 */
	public final class Claimed implements AutoCloseable {

		private final @Nullable String token;

		private final @Nullable SyncState state;

		Claimed(@Nullable String token, @Nullable SyncState state) {
			this.token = token;
			this.state = state;
		}

		/**
		 * The object type's sync state as read under the claim (after a dead run in its
		 * way was recovered), or null when there is none or no claim was taken.
		 */
		public @Nullable SyncState state() {
			return this.state;
		}

		/** The launch's parameters with the claim's, for the run to take it over. */
		public JobParameters parameters(JobParameters parameters) {
			return (this.token != null)
					? new JobParametersBuilder(parameters).addString(RunClaims.PARAMETER, this.token, false)
						.toJobParameters()
					: parameters;
		}

		@Override
		public void close() {
			release(this.token);
		}

	}

	/** A launch refused: nothing was run. */
	public abstract static sealed class RefusedException extends RunStateException
			permits AlreadyRunningException, ShuttingDownException {

		RefusedException(String message) {
			super(message);
		}

	}

	/**
	 * A launch refused because this process is shutting down: another process, or this
	 * one once started again, launches it.
	 */
	public static final class ShuttingDownException extends RefusedException {

		ShuttingDownException(String jobName, String connectionId) {
			super(jobName + " for connection " + connectionId
					+ " was not launched: this sfsync process is shutting down; nothing was run.");
		}

	}

	/**
	 * A launch refused because a run of the same object type and direction holds the
	 * claim for the connection.
	 */
	public static final class AlreadyRunningException extends RefusedException {

		private final @Nullable Long executionId;

		AlreadyRunningException(String jobName, String connectionId, @Nullable Long executionId, String what) {
			super(jobName + " for connection " + connectionId + " is " + what
					+ ", for the same object type and direction; nothing was run. Wait for it or stop it.");
			this.executionId = executionId;
		}

		/** The execution that holds the claim, or null while it is being launched. */
		public @Nullable Long executionId() {
			return this.executionId;
		}

	}

}
